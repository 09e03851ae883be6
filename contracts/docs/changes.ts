import { changeKey, checkCompatibility, type Finding, ProvenChanges } from "../compat/index.js";
import type { CompareOptions, CompatibilityMode } from "../compat/types.js";
import type { SchemaDocument } from "../schema/types.js";
import { flattenRows } from "./fields.js";
import type { FieldChange, FieldRow, FieldTable, VersionChange } from "./types.js";

/**
 * The changes a subject's pages have shown so far, and where: a change made in v2 breaks every
 * later version against v1 under a transitive mode, and its example is shown once, in the first
 * change section that proves it; later sections name it and point there.
 */
export class ShownChanges {
  readonly proven = new ProvenChanges();
  private readonly versions = new Map<string, number>();

  /** Notes where this version's first proofs are shown; returns where its repeats' are. */
  record(findings: readonly Finding[], version: number): Record<string, number> {
    const shownIn: Record<string, number> = {};
    for (const finding of findings) {
      const key = changeKey(finding);
      if (!finding.repeat && !this.versions.has(key)) this.versions.set(key, version);
    }
    for (const finding of findings) {
      const key = changeKey(finding);
      const shown = this.versions.get(key);
      if (finding.repeat && shown !== undefined) shownIn[key] = shown;
    }
    return shownIn;
  }
}

/**
 * What changed between two versions: the engine's verdict and proven breaks (under the subject's
 * mode), and a field-level list of edits for people skimming. The list never decides anything.
 * `shown` is the subject's, across its versions in order.
 */
export function versionChange(
  history: readonly SchemaDocument[],
  current: SchemaDocument,
  mode: CompatibilityMode,
  options: CompareOptions,
  previousFields: FieldTable,
  currentFields: FieldTable,
  versions: { readonly from: number; readonly to: number },
  shown: ShownChanges,
): VersionChange {
  // Under NONE the gate asks nothing; readers still want to know what would break, so FULL is
  // shown and marked informational.
  const informational = mode === "NONE";
  const report = checkCompatibility(history, current, informational ? "FULL" : mode, options, shown.proven);
  return {
    from: versions.from,
    report,
    informational,
    fields: fieldChanges(previousFields, currentFields),
    shownIn: shown.record(report.findings, versions.to),
  };
}

/** The version whose change section shows a repeated finding's example (undefined: this one's). */
export function exampleShownIn(change: VersionChange, finding: Finding): number | undefined {
  return finding.repeat ? change.shownIn[changeKey(finding)] : undefined;
}

function byPath(rows: readonly FieldRow[]): Map<string, FieldRow> {
  return new Map(flattenRows(rows).map((row) => [row.path, row]));
}

function rowDetails(before: FieldRow, after: FieldRow): string[] {
  const details: string[] = [];
  if (before.type !== after.type) details.push(`type ${before.type} → ${after.type}`);
  if (before.required !== after.required) details.push(after.required ? "now required" : "now optional");
  const was = new Set(before.constraints);
  const now = new Set(after.constraints);
  for (const c of after.constraints) if (!was.has(c)) details.push(`added: ${c}`);
  for (const c of before.constraints) if (!now.has(c)) details.push(`dropped: ${c}`);
  if (before.deprecated !== after.deprecated)
    details.push(after.deprecated ? "now deprecated" : "no longer deprecated");
  if ((before.description ?? "") !== (after.description ?? "")) details.push("description changed");
  return details;
}

/**
 * Added and removed rows are reported at their top-most level only: a new object field is one
 * change, not one per nested property.
 */
export function fieldChanges(previous: FieldTable, current: FieldTable): FieldChange[] {
  const before = byPath(previous.rows);
  const after = byPath(current.rows);
  const changes: FieldChange[] = [];

  const visitNew = (rows: readonly FieldRow[]): void => {
    for (const row of rows) {
      const old = before.get(row.path);
      if (!old) {
        changes.push({ kind: "added", path: row.path, details: [] });
        continue;
      }
      const details = rowDetails(old, row);
      if (details.length > 0) changes.push({ kind: "changed", path: row.path, details });
      visitNew(row.children);
    }
  };
  const visitOld = (rows: readonly FieldRow[]): void => {
    for (const row of rows) {
      if (!after.has(row.path)) {
        changes.push({ kind: "removed", path: row.path, details: [] });
        continue;
      }
      visitOld(row.children);
    }
  };
  const rootDetails: string[] = [];
  if (previous.rootType !== current.rootType)
    rootDetails.push(`type ${previous.rootType} → ${current.rootType}`);
  const wasRoot = new Set(previous.rootConstraints);
  const nowRoot = new Set(current.rootConstraints);
  for (const c of current.rootConstraints) if (!wasRoot.has(c)) rootDetails.push(`added: ${c}`);
  for (const c of previous.rootConstraints) if (!nowRoot.has(c)) rootDetails.push(`dropped: ${c}`);
  if (rootDetails.length > 0) changes.push({ kind: "changed", path: "(event)", details: rootDetails });

  visitNew(current.rows);
  visitOld(previous.rows);
  const order = { removed: 0, changed: 1, added: 2 } as const;
  return changes.sort((a, b) => order[a.kind] - order[b.kind] || a.path.localeCompare(b.path));
}
