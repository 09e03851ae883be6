import type { CatalogFinding } from "../../contracts/catalog/findings.js";
import { exampleLines, seenInLine } from "./finding-details.js";
import { displayPath, locationText } from "./finding-paths.js";

/**
 * GitHub Actions workflow commands (`::error file=...,line=...::message`): a finding becomes an
 * annotation on the pull request's diff. Paths must be relative to the repository root.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 *
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job)
 * and drops the rest without a word (actions/toolkit, docs/problem-matchers.md, "Limitations").
 * So each kind gets up to 10 annotations, spread over subjects; when there are more, the last
 * one says how many were left out, and the log lists those, one line each.
 */

/** Annotations of one kind GitHub shows per step. */
export const ANNOTATIONS_PER_KIND = 10;

type AnnotationKind = "error" | "warning" | "notice";

/** Message text: `%`, CR and LF are escaped so one finding stays one command. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values additionally escape `:` and `,`, which delimit properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function kindOf(finding: CatalogFinding): AnnotationKind {
  return finding.acknowledged || finding.severity === "info" ? "notice" : finding.severity;
}

function subjectLabel(finding: CatalogFinding): string {
  return finding.subject
    ? ` ${finding.subject}${finding.version !== undefined ? ` v${finding.version}` : ""}`
    : "";
}

export function githubAnnotation(finding: CatalogFinding, pathPrefix: string): string {
  const properties: string[] = [];
  if (finding.file !== undefined)
    properties.push(`file=${escapeProperty(displayPath(finding.file, pathPrefix))}`);
  if (finding.line !== undefined) properties.push(`line=${finding.line}`);
  if (finding.column !== undefined) properties.push(`col=${finding.column}`);
  properties.push(`title=${escapeProperty(`accord ${finding.ruleId}${subjectLabel(finding)}`)}`);

  const body = [finding.message];
  const seen = seenInLine(finding);
  if (seen !== undefined) body.push(seen);
  for (const line of exampleLines(finding)) body.push(line);
  if (finding.acknowledged) body.push(`Acknowledged in accord.yaml: ${finding.acknowledged.reason}`);
  body.push(`fingerprint ${finding.fingerprint}`);
  return `::${kindOf(finding)} ${properties.join(",")}::${escapeData(body.join("\n"))}`;
}

/** A finding GitHub would not annotate, as one plain log line. */
function logLine(finding: CatalogFinding, pathPrefix: string): string {
  const where = locationText(finding, pathPrefix);
  const text = `${kindOf(finding)} ${finding.ruleId}${subjectLabel(finding)}${where ? `  ${where}` : ""}  ${finding.message}${finding.at !== undefined ? ` (breaks at ${finding.at === "" ? "the event itself" : finding.at})` : ""}  fingerprint ${finding.fingerprint}`;
  return text.replace(/[\r\n]+/g, " ");
}

/**
 * Up to `limit` findings, taking each subject's first, then each subject's second and so on, so
 * that a change breaking many subjects shows every one of them before any shows twice.
 */
function spreadOverSubjects(findings: readonly CatalogFinding[], limit: number): CatalogFinding[] {
  const bySubject = new Map<string, CatalogFinding[]>();
  for (const finding of findings) {
    const key = finding.subject ?? "";
    const list = bySubject.get(key) ?? [];
    list.push(finding);
    bySubject.set(key, list);
  }
  const picked: CatalogFinding[] = [];
  for (let round = 0; picked.length < limit; round++) {
    let any = false;
    for (const list of bySubject.values()) {
      const finding = list[round];
      if (finding === undefined) continue;
      any = true;
      picked.push(finding);
      if (picked.length === limit) break;
    }
    if (!any) break;
  }
  return picked;
}

function leftOutAnnotation(kind: AnnotationKind, count: number): string {
  const noun = kind === "error" ? "error" : kind === "warning" ? "warning" : "notice";
  return `::${kind} title=${escapeProperty(`accord: ${count} more ${noun}${count === 1 ? "" : "s"}`)}::${escapeData(
    `GitHub shows ${ANNOTATIONS_PER_KIND} ${noun} annotations per step, so ${count} more are not annotated. The step's log lists them; --format sarif uploads every finding to code scanning.`,
  )}`;
}

export function formatGithubActions(
  findings: readonly CatalogFinding[],
  pathPrefix: string,
  summary: string,
): string {
  const lines: string[] = [];
  const annotated = new Set<CatalogFinding>();
  for (const kind of ["error", "warning", "notice"] as const) {
    const ofKind = findings.filter((finding) => kindOf(finding) === kind);
    const fits = ofKind.length <= ANNOTATIONS_PER_KIND;
    for (const finding of spreadOverSubjects(
      ofKind,
      fits ? ANNOTATIONS_PER_KIND : ANNOTATIONS_PER_KIND - 1,
    )) {
      annotated.add(finding);
      lines.push(githubAnnotation(finding, pathPrefix));
    }
    if (!fits)
      lines.push(leftOutAnnotation(kind, ofKind.filter((finding) => !annotated.has(finding)).length));
  }
  if (annotated.size < findings.length) {
    lines.push(`accord: ${findings.length - annotated.size} findings not annotated:`);
    for (const finding of findings)
      if (!annotated.has(finding)) lines.push(`  ${logLine(finding, pathPrefix)}`);
  }
  lines.push(summary);
  return lines.join("\n");
}
