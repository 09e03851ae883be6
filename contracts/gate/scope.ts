import type { CatalogFiles } from "../catalog/types.js";

/**
 * Against a base, only subjects whose files differ can have findings: the gate reports changes,
 * and a subject with the same version files and subject.yaml has none. Leaving the others out
 * before loading spares parsing and compiling thousands of unchanged schemas in a large catalog's
 * pull request; they were checked when they were added.
 */

function subjectOf(path: string): string | undefined {
  const parts = path.split("/");
  // Depth 4: a consumer's own reader schema (schemas/<subject>/consumers/<name>.json).
  const inSubject = parts.length === 3 || (parts.length === 4 && parts[2] === "consumers");
  return inSubject && parts[0] === "schemas" ? parts[1] : undefined;
}

/** Subjects with a file added, removed or changed between the two file sets. */
export function touchedSubjects(head: CatalogFiles, base: CatalogFiles): Set<string> {
  const touched = new Set<string>();
  for (const [path, text] of head) {
    const subject = subjectOf(path);
    if (subject !== undefined && base.get(path) !== text) touched.add(subject);
  }
  for (const path of base.keys()) {
    const subject = subjectOf(path);
    if (subject !== undefined && !head.has(path)) touched.add(subject);
  }
  return touched;
}

/** The files of the given subjects, plus every file outside subject folders (accord.yaml, layout mistakes). */
export function filesOf(files: CatalogFiles, subjects: ReadonlySet<string>): Map<string, string> {
  const kept = new Map<string, string>();
  for (const [path, text] of files) {
    const subject = subjectOf(path);
    if (subject === undefined || subjects.has(subject)) kept.set(path, text);
  }
  return kept;
}

/** How many subjects a file set holds (folders under schemas/ with at least one file). */
export function subjectCount(files: CatalogFiles): number {
  const subjects = new Set<string>();
  for (const path of files.keys()) {
    const subject = subjectOf(path);
    if (subject !== undefined) subjects.add(subject);
  }
  return subjects.size;
}
