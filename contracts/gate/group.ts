import { type CatalogFinding, compareFindings, type FindingOccurrence } from "../catalog/findings.js";
import { changeKey } from "../compat/index.js";

/**
 * One change, one finding. A break introduced in v2 shows again when v3, v4... are compared with
 * v1 (transitive modes) and from each later version that keeps it; reporting it once per
 * comparison buries a catalog's few real changes under thousands of copies. Compatibility findings
 * of a subject that are the same change (compat/proven-changes.ts) with the same standing are one
 * finding: it is reported once, as first seen (lowest version, then the earliest version compared
 * with), with its example, and `seenIn` lists every version and comparison it was found in.
 */

function groupKey(finding: CatalogFinding): string | undefined {
  if (finding.source !== "compat" || finding.direction === undefined) return undefined;
  const change = {
    rule: finding.ruleId,
    direction: finding.direction,
    oldPath: finding.oldPath ?? "",
    newPath: finding.newPath ?? "",
  };
  return [
    finding.subject,
    changeKey(change),
    finding.undetermined === true ? "undetermined" : "proven",
    finding.severity,
  ].join("\u0000");
}

function occurrenceOf(finding: CatalogFinding): FindingOccurrence {
  return {
    version: finding.version ?? 0,
    ...(finding.against !== undefined ? { against: finding.against } : {}),
    fingerprint: finding.fingerprint,
  };
}

function compareOccurrences(a: FindingOccurrence, b: FindingOccurrence): number {
  return a.version - b.version || (a.against ?? 0) - (b.against ?? 0);
}

export function groupFindings(findings: readonly CatalogFinding[]): CatalogFinding[] {
  const groups = new Map<string, { first: CatalogFinding; seen: FindingOccurrence[] }>();
  const out: CatalogFinding[] = [];
  for (const finding of findings) {
    const key = groupKey(finding);
    if (key === undefined) {
      out.push(finding);
      continue;
    }
    const group = groups.get(key);
    if (!group) groups.set(key, { first: finding, seen: [occurrenceOf(finding)] });
    else {
      group.seen.push(occurrenceOf(finding));
      if (compareFindings(finding, group.first) < 0) group.first = finding;
    }
  }
  for (const { first, seen } of groups.values()) {
    out.push(seen.length === 1 ? first : { ...first, seenIn: seen.sort(compareOccurrences) });
  }
  return out;
}

/** The versions (and their fingerprints) a finding stands for: its own, or its group's. */
export function occurrencesOf(
  finding: CatalogFinding,
): readonly { readonly version?: number; readonly fingerprint: string }[] {
  return (
    finding.seenIn ?? [
      {
        ...(finding.version !== undefined ? { version: finding.version } : {}),
        fingerprint: finding.fingerprint,
      },
    ]
  );
}
