import { CONFIG_FILE } from "../contracts/catalog/config.js";
import { subjectOfFile } from "../contracts/catalog/layout.js";
import type { CatalogFiles } from "../contracts/catalog/types.js";
import { sliceByCost } from "./pool.js";

/**
 * A catalog cut into slices of whole subjects for the worker pool (pool.ts): every slice gets
 * accord.yaml, and files outside subject folders (layout mistakes the loader reports) go to the
 * first, so the first slice finds the error a single pass would.
 */

export type FileEntry = readonly [string, string];

/** Files by subject folder; `loose` are the others, accord.yaml aside. */
export function groupBySubject(files: CatalogFiles): {
  bySubject: Map<string, FileEntry[]>;
  loose: FileEntry[];
} {
  const bySubject = new Map<string, FileEntry[]>();
  const loose: FileEntry[] = [];
  for (const [path, text] of files) {
    if (path === CONFIG_FILE) continue;
    const subject = subjectOfFile(path);
    if (subject === undefined) loose.push([path, text]);
    else {
      const list = bySubject.get(subject) ?? [];
      list.push([path, text]);
      bySubject.set(subject, list);
    }
  }
  return { bySubject, loose };
}

/**
 * Subject names, sorted, in at most `count` contiguous slices of similar cost, over one or more
 * file sets (a working tree and its base); `cost` sees a subject's files from every set.
 */
export function planSubjectSlices(
  sets: readonly CatalogFiles[],
  count: number,
  cost: (files: readonly FileEntry[]) => number,
): string[][] {
  const files = filesBySubject(sets);
  const names = [...files.keys()].sort();
  return sliceByCost(names, count, (name) => cost(files.get(name) ?? []));
}

/** A slice's cost as planSubjectSlices counts it: the sum of its subjects' costs over every file set. */
export function sliceCost(
  sets: readonly CatalogFiles[],
  cost: (files: readonly FileEntry[]) => number,
): number {
  let total = 0;
  for (const files of filesBySubject(sets).values()) total += cost(files);
  return total;
}

/** Each subject's files, from every set (a working tree and its base) together. */
function filesBySubject(sets: readonly CatalogFiles[]): Map<string, FileEntry[]> {
  const files = new Map<string, FileEntry[]>();
  for (const set of sets)
    for (const [name, list] of groupBySubject(set).bySubject)
      files.set(name, [...(files.get(name) ?? []), ...list]);
  return files;
}

/** The files of one slice: accord.yaml, its subjects' files, and (first slice only) the loose files. */
export function filesOfSlice(
  files: CatalogFiles,
  subjects: ReadonlySet<string>,
  first: boolean,
): FileEntry[] {
  const out: FileEntry[] = [];
  for (const [path, text] of files) {
    const subject = subjectOfFile(path);
    if (path === CONFIG_FILE || (subject === undefined ? first : subjects.has(subject)))
      out.push([path, text]);
  }
  return out;
}
