import { subjectOfFile } from "../catalog/layout.js";
import type { CatalogFiles } from "../catalog/types.js";

/**
 * Against a base, only subjects whose files differ can have findings: the gate reports changes,
 * and a subject with the same version files and subject.yaml has none. Leaving the others out
 * before loading spares parsing and compiling thousands of unchanged schemas in a large catalog's
 * pull request; they were checked when they were added.
 */

/** Subjects with a file added, removed or changed between the two file sets. */
export function touchedSubjects(head: CatalogFiles, base: CatalogFiles): Set<string> {
  const touched = new Set<string>();
  for (const [path, text] of head) {
    const subject = subjectOfFile(path);
    if (subject !== undefined && base.get(path) !== text) touched.add(subject);
  }
  for (const path of base.keys()) {
    const subject = subjectOfFile(path);
    if (subject !== undefined && !head.has(path)) touched.add(subject);
  }
  return touched;
}

/** The files of the given subjects, plus every file outside subject folders (accord.yaml, layout mistakes). */
export function filesOf(files: CatalogFiles, subjects: ReadonlySet<string>): Map<string, string> {
  const kept = new Map<string, string>();
  for (const [path, text] of files) {
    const subject = subjectOfFile(path);
    if (subject === undefined || subjects.has(subject)) kept.set(path, text);
  }
  return kept;
}

/** How many subjects a file set holds (folders under schemas/ with at least one file). */
export function subjectCount(files: CatalogFiles): number {
  const subjects = new Set<string>();
  for (const path of files.keys()) {
    const subject = subjectOfFile(path);
    if (subject !== undefined) subjects.add(subject);
  }
  return subjects.size;
}
