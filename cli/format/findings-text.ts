import { type CatalogFinding, countFindings, type FindingCounts } from "../../contracts/catalog/findings.js";
import type { GateReport } from "../../contracts/gate/index.js";
import type { LintResult } from "../../contracts/lint/index.js";
import { exampleDetails, seenInLine } from "./finding-details.js";
import { locationText } from "./finding-paths.js";
import { plainStyle, type Style } from "./style.js";

/**
 * Findings for a person reading a CI log: grouped by subject, each with its file:line:column, rule
 * id, message and (for breaking changes) the example event that proves it, then one verdict line.
 */

export interface FindingsTextOptions {
  readonly style?: Style;
  /** Prepended to catalog-relative paths (the catalog folder as seen from the working directory). */
  readonly pathPrefix?: string;
}

export function formatFindings(
  findings: readonly CatalogFinding[],
  options: FindingsTextOptions = {},
): string[] {
  const style = options.style ?? plainStyle;
  const prefix = options.pathPrefix ?? "";
  const lines: string[] = [];
  let group: string | undefined;
  for (const finding of findings) {
    const heading = finding.subject ?? "catalog";
    if (heading !== group) {
      group = heading;
      lines.push("", style.bold(heading));
    }
    for (const line of findingLines(finding, style, prefix)) lines.push(line);
  }
  return lines;
}

function findingLines(finding: CatalogFinding, style: Style, prefix: string): string[] {
  const label = finding.acknowledged
    ? style.dim("acknowledged")
    : finding.severity === "error"
      ? style.red("error")
      : finding.severity === "warning"
        ? style.yellow("warning")
        : style.cyan("info");
  const what = [
    finding.version !== undefined ? `v${finding.version}` : undefined,
    finding.direction !== undefined ? finding.direction : undefined,
    finding.against !== undefined ? `against v${finding.against}` : undefined,
    finding.undetermined ? "undetermined" : undefined,
  ].filter((part) => part !== undefined);
  const where = locationText(finding, prefix);
  const head = `  ${label} ${style.bold(finding.ruleId)}${what.length > 0 ? ` (${what.join(", ")})` : ""}${where ? `  ${where}` : ""}`;
  const lines = [head, `      ${finding.message}`];

  const seen = seenInLine(finding);
  if (seen !== undefined) lines.push(`      ${seen}`);
  const details = exampleDetails(finding);
  if (details) {
    for (const line of details.head) lines.push(`      ${style.bold(line)}`);
    lines.push(`      ${details.caption}`);
    for (const line of details.excerpt) lines.push(`        ${style.cyan(line)}`);
  }
  if (finding.acknowledged) {
    const { exception, reason, expires } = finding.acknowledged;
    lines.push(
      `      Acknowledged by exceptions[${exception}] in accord.yaml${expires ? ` (until ${expires})` : ""}: ${reason}`,
    );
  }
  if (finding.severity !== "info") lines.push(style.dim(`      fingerprint ${finding.fingerprint}`));
  return lines;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function countsText(counts: FindingCounts): string {
  const parts = [plural(counts.errors, "error"), plural(counts.warnings, "warning")];
  if (counts.acknowledged > 0) parts.push(`${counts.acknowledged} acknowledged`);
  if (counts.infos > 0) parts.push(`${counts.infos} info`);
  return parts.join(", ");
}

function verdictLine(passed: boolean, counts: FindingCounts, style: Style): string {
  return passed
    ? `${style.green(style.bold("PASSED"))}: ${countsText(counts)}.`
    : `${style.red(style.bold("FAILED"))}: ${countsText(counts)}.`;
}

export interface CheckTextOptions extends FindingsTextOptions {
  /** The base ref as given, and the commit it resolved to, for `--against`. */
  readonly against?: { readonly ref: string; readonly commit: string };
}

export function formatCheckText(report: GateReport, options: CheckTextOptions = {}): string {
  const style = options.style ?? plainStyle;
  const versions = report.checks.filter((check) => check.against.length > 0).length;
  const scope = options.against
    ? `changes against ${options.against.ref} (${options.against.commit.slice(0, 12)})`
    : "every version of every subject";
  const lines = [
    `${style.bold("accord check")}: ${scope}`,
    `  ${plural(report.subjects.total, "subject")}; ${plural(versions, "version")} compared with earlier versions` +
      (report.subjects.added.length > 0 ? `; new: ${report.subjects.added.join(", ")}` : "") +
      (report.subjects.removed.length > 0 ? `; removed: ${report.subjects.removed.join(", ")}` : ""),
  ];
  if (report.registry) {
    const incompatible = report.registry.filter((verdict) => verdict.status === "incompatible").length;
    lines.push(`  registry: ${plural(report.registry.length, "subject")} tested, ${incompatible} rejected`);
  }
  for (const line of formatFindings(report.findings, options)) lines.push(line);
  lines.push("", verdictLine(report.passed, report.counts, style));
  return lines.join("\n");
}

export interface LintTextOptions extends FindingsTextOptions {
  readonly against?: { readonly ref: string; readonly commit: string };
}

export function formatLintText(result: LintResult, options: LintTextOptions = {}): string {
  const style = options.style ?? plainStyle;
  const passed = result.counts.errors === 0;
  const lines = [
    `${style.bold("accord lint")}: ${plural(result.subjects, "subject")}, ${plural(result.rules.length, "rule")}` +
      (options.against ? ` (against ${options.against.ref})` : ""),
  ];
  for (const skipped of result.skipped) lines.push(style.dim(`  skipped ${skipped.id}: ${skipped.reason}`));
  for (const line of formatFindings(result.findings, options)) lines.push(line);
  lines.push("", verdictLine(passed, countFindings(result.findings), style));
  return lines.join("\n");
}
