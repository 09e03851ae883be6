import type { CatalogFinding } from "../../contracts/catalog/findings.js";

/**
 * Findings name files relative to the catalog root; people and CI tools want them relative to where
 * they stand (the working directory, or the repository root for annotations and SARIF).
 */
export function displayPath(file: string, prefix: string): string {
  if (prefix === "" || prefix === ".") return file;
  return `${prefix.replace(/\/+$/, "")}/${file}`;
}

/** `path:line:column` (or less, when less is known), the form editors and terminals link. */
export function locationText(finding: CatalogFinding, prefix: string): string | undefined {
  if (finding.file === undefined) return undefined;
  const path = displayPath(finding.file, prefix);
  if (finding.line === undefined) return path;
  return finding.column === undefined
    ? `${path}:${finding.line}`
    : `${path}:${finding.line}:${finding.column}`;
}

/** Which schema accepts a compatibility finding's example and which rejects it. */
export function exampleSides(finding: CatalogFinding): { accepts: string; rejects: string } | undefined {
  if (finding.direction === undefined || finding.version === undefined) return undefined;
  const current = `v${finding.version}`;
  const earlier = finding.against === undefined ? "the previous version" : `v${finding.against}`;
  if (finding.consumer) {
    const reads = finding.consumer.path !== undefined ? `reads of ${finding.consumer.path}` : "reader schema";
    return { accepts: current, rejects: `${finding.consumer.name}'s ${reads} (built against ${earlier})` };
  }
  return finding.direction === "backward"
    ? { accepts: earlier, rejects: current }
    : { accepts: current, rejects: earlier };
}
