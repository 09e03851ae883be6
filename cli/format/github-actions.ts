import type { CatalogFinding } from "../../contracts/catalog/findings.js";
import { displayPath, exampleSides } from "./finding-paths.js";

/**
 * GitHub Actions workflow commands (`::error file=...,line=...::message`): each finding becomes an
 * annotation on the pull request's diff. Paths must be relative to the repository root.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */

/** Message text: `%`, CR and LF are escaped so one finding stays one command. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values additionally escape `:` and `,`, which delimit properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function githubAnnotation(finding: CatalogFinding, pathPrefix: string): string {
  const command = finding.acknowledged || finding.severity === "info" ? "notice" : finding.severity;
  const properties: string[] = [];
  if (finding.file !== undefined)
    properties.push(`file=${escapeProperty(displayPath(finding.file, pathPrefix))}`);
  if (finding.line !== undefined) properties.push(`line=${finding.line}`);
  if (finding.column !== undefined) properties.push(`col=${finding.column}`);
  const subject = finding.subject
    ? ` ${finding.subject}${finding.version !== undefined ? ` v${finding.version}` : ""}`
    : "";
  properties.push(`title=${escapeProperty(`accord ${finding.ruleId}${subject}`)}`);

  const body = [finding.message];
  if (finding.example !== undefined) {
    const sides = exampleSides(finding);
    body.push(
      sides
        ? `Example event, accepted by ${sides.accepts} and rejected by ${sides.rejects}:`
        : "Example event:",
      JSON.stringify(finding.example, null, 2),
    );
  }
  if (finding.acknowledged) body.push(`Acknowledged in accord.yaml: ${finding.acknowledged.reason}`);
  body.push(`fingerprint ${finding.fingerprint}`);
  return `::${command} ${properties.join(",")}::${escapeData(body.join("\n"))}`;
}

export function formatGithubActions(
  findings: readonly CatalogFinding[],
  pathPrefix: string,
  summary: string,
): string {
  return [...findings.map((finding) => githubAnnotation(finding, pathPrefix)), summary].join("\n");
}
