import { type CatalogFinding, isFailing } from "../../contracts/catalog/findings.js";
import type { GateReport } from "../../contracts/gate/index.js";
import type { LintResult } from "../../contracts/lint/index.js";
import { exampleLines, seenInLine } from "./finding-details.js";
import { displayPath, locationText } from "./finding-paths.js";

/**
 * JUnit XML, the report format CI servers (GitLab, Jenkins, Azure) show as test results. One suite
 * per subject; a test case per thing checked (a version's compatibility, a lint rule on a subject,
 * a published file's immutability), failing with each unacknowledged error it found.
 */

interface JunitCase {
  readonly name: string;
  readonly classname: string;
  readonly file?: string;
  readonly findings: readonly CatalogFinding[];
}

interface JunitSuite {
  readonly name: string;
  readonly cases: readonly JunitCase[];
}

function xml(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // XML 1.0 cannot hold most control characters even escaped; they can only come from user text.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
  );
}

function details(finding: CatalogFinding, pathPrefix: string): string {
  const lines = [`${finding.ruleId}: ${finding.message}`];
  const where = locationText(finding, pathPrefix);
  if (where) lines.push(`at ${where}${finding.pointer ? ` (${finding.pointer})` : ""}`);
  const seen = seenInLine(finding);
  if (seen !== undefined) lines.push(seen);
  for (const line of exampleLines(finding)) lines.push(line);
  if (finding.acknowledged) lines.push(`acknowledged in accord.yaml: ${finding.acknowledged.reason}`);
  lines.push(`fingerprint ${finding.fingerprint}`);
  return lines.join("\n");
}

function renderCase(test: JunitCase, pathPrefix: string): string[] {
  const failing = test.findings.filter(isFailing);
  const notes = test.findings.filter((finding) => !isFailing(finding));
  const attributes = `name="${xml(test.name)}" classname="${xml(test.classname)}"${test.file ? ` file="${xml(displayPath(test.file, pathPrefix))}"` : ""}`;
  if (test.findings.length === 0) return [`    <testcase ${attributes}/>`];
  const lines = [`    <testcase ${attributes}>`];
  for (const finding of failing) {
    lines.push(
      `      <failure type="${xml(finding.ruleId)}" message="${xml(finding.message)}">${xml(details(finding, pathPrefix))}</failure>`,
    );
  }
  if (notes.length > 0) {
    const text = notes
      .map(
        (finding) =>
          `[${finding.acknowledged ? "acknowledged" : finding.severity}] ${details(finding, pathPrefix)}`,
      )
      .join("\n\n");
    lines.push(`      <system-out>${xml(text)}</system-out>`);
  }
  lines.push("    </testcase>");
  return lines;
}

function render(title: string, suites: readonly JunitSuite[], pathPrefix: string): string {
  const count = (suite: JunitSuite) => ({
    tests: suite.cases.length,
    failures: suite.cases.filter((test) => test.findings.some(isFailing)).length,
  });
  const totals = suites
    .map(count)
    .reduce((a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures }), {
      tests: 0,
      failures: 0,
    });
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(title)}" tests="${totals.tests}" failures="${totals.failures}" errors="0">`,
  ];
  for (const suite of suites) {
    const { tests, failures } = count(suite);
    lines.push(
      `  <testsuite name="${xml(suite.name)}" tests="${tests}" failures="${failures}" errors="0" skipped="0">`,
    );
    for (const test of suite.cases) for (const line of renderCase(test, pathPrefix)) lines.push(line);
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return lines.join("\n");
}

function bySubject<T>(items: readonly T[], subjectOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) appendTo(groups, subjectOf(item), item);
  return groups;
}

function appendTo<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const list = groups.get(key);
  if (list) list.push(item);
  else groups.set(key, [item]);
}

const CATALOG_SUITE = "accord.yaml";

export function checkJunit(report: GateReport, pathPrefix: string): string {
  const suites = new Map<string, JunitCase[]>();
  const add = (suite: string, test: JunitCase) => appendTo(suites, suite, test);
  const compat = bySubject(
    report.findings.filter((finding) => finding.source === "compat"),
    (finding) => `${finding.subject}|${finding.version}`,
  );
  for (const check of report.checks) {
    const findings = compat.get(`${check.subject}|${check.version}`) ?? [];
    const against =
      check.against.length > 0 ? ` against ${check.against.map((v) => `v${v}`).join(", ")}` : "";
    add(check.subject, {
      name: `v${check.version} compatibility (${check.mode}${against})`,
      classname: `accord.check.${check.subject}`,
      ...(findings[0]?.file ? { file: findings[0].file } : {}),
      findings,
    });
  }
  for (const finding of report.findings.filter((entry) => entry.source !== "compat")) {
    const suite = finding.subject ?? CATALOG_SUITE;
    add(suite, {
      name: `${finding.ruleId}${finding.version !== undefined ? ` v${finding.version}` : ""}`,
      classname: `accord.check.${suite}`,
      ...(finding.file ? { file: finding.file } : {}),
      findings: [finding],
    });
  }
  const ordered = [...suites.keys()].sort().map((name) => ({ name, cases: suites.get(name) ?? [] }));
  return render("accord check", ordered, pathPrefix);
}

export function lintJunit(result: LintResult, subjects: readonly string[], pathPrefix: string): string {
  const findings = bySubject(result.findings, (finding) => finding.subject ?? CATALOG_SUITE);
  const names = [...new Set([...subjects, ...findings.keys()])].sort();
  const suites = names.map((name) => ({
    name,
    cases: result.rules.map((rule) => {
      const found = (findings.get(name) ?? []).filter((finding) => finding.ruleId === rule.id);
      return {
        name: rule.id,
        classname: `accord.lint.${name}`,
        ...(found[0]?.file ? { file: found[0].file } : {}),
        findings: found,
      };
    }),
  }));
  return render("accord lint", suites, pathPrefix);
}
