import { canonicalJson } from "../schema/canonical.js";
import type { Catalog, CatalogSubject, CatalogVersion } from "./types.js";

/**
 * How the working catalog differs from a base (a git ref): the facts both the immutability lint
 * rule and the gate build on. A version counts as edited when its JSON content changed; moving
 * v2.json to v2.yaml, or re-indenting it, changes no event and is not an edit.
 */

export type VersionChange =
  | { readonly kind: "added"; readonly subject: string; readonly version: CatalogVersion }
  | {
      readonly kind: "edited";
      readonly subject: string;
      readonly base: CatalogVersion;
      readonly version: CatalogVersion;
    }
  | { readonly kind: "removed"; readonly subject: string; readonly base: CatalogVersion };

export interface CatalogChanges {
  readonly addedSubjects: readonly CatalogSubject[];
  /** Subjects whose folder is gone: every version of theirs is also listed as removed. */
  readonly removedSubjects: readonly CatalogSubject[];
  readonly versions: readonly VersionChange[];
}

export function changesSince(base: Catalog, head: Catalog): CatalogChanges {
  const baseByName = new Map(base.subjects.map((subject) => [subject.name, subject]));
  const headByName = new Map(head.subjects.map((subject) => [subject.name, subject]));
  const versions: VersionChange[] = [];

  for (const subject of head.subjects) {
    const before = baseByName.get(subject.name);
    const beforeVersions = new Map(before?.versions.map((version) => [version.version, version]));
    for (const version of subject.versions) {
      const old = beforeVersions.get(version.version);
      if (!old) versions.push({ kind: "added", subject: subject.name, version });
      else if (!sameContent(old, version))
        versions.push({ kind: "edited", subject: subject.name, base: old, version });
    }
    const now = new Set(subject.versions.map((version) => version.version));
    for (const old of before?.versions ?? []) {
      if (!now.has(old.version)) versions.push({ kind: "removed", subject: subject.name, base: old });
    }
  }
  const removedSubjects = base.subjects.filter((subject) => !headByName.has(subject.name));
  for (const subject of removedSubjects) {
    for (const old of subject.versions) versions.push({ kind: "removed", subject: subject.name, base: old });
  }
  return {
    addedSubjects: head.subjects.filter((subject) => !baseByName.has(subject.name)),
    removedSubjects,
    versions,
  };
}

function sameContent(a: CatalogVersion, b: CatalogVersion): boolean {
  return a.text === b.text || canonicalJson(a.document.root) === canonicalJson(b.document.root);
}
