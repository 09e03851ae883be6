import { subjectReaders } from "../consumers/reader.js";
import { accordError, fail, ok, type Result } from "../errors.js";
import { loadSchema } from "../schema/load.js";
import { CONFIG_FILE, parseConfig } from "./config.js";
import { layoutOf } from "./layout.js";
import { EMPTY_META, parseSubjectMeta } from "./subject-meta.js";
import type { Catalog, CatalogFiles, CatalogSubject, CatalogVersion } from "./types.js";

export type { CatalogFiles } from "./types.js";

export interface LoadCatalogOptions {
  /**
   * A catalog already loaded (the working tree, when loading the base of a check): a version file
   * with the same path and text reuses its document instead of being parsed and compiled again.
   */
  readonly reuse?: Catalog;
}

/**
 * File texts → Catalog. Pure: the caller reads the working tree or a git ref. The first problem
 * (accord.yaml, then subjects by name, versions in order) fails the load, with file:line:column;
 * a catalog that loads has only valid, local-ref schemas in it.
 */
export function loadCatalog(files: CatalogFiles, options: LoadCatalogOptions = {}): Result<Catalog> {
  const configText = files.get(CONFIG_FILE);
  if (configText === undefined) {
    return fail(accordError("ACCORD_ERR_CATALOG_NOT_FOUND", ["the catalog root"], { file: CONFIG_FILE }));
  }
  const config = parseConfig(configText);
  if (!config.ok) return config;

  const layout = layoutOf(files.keys());
  if (!layout.ok) return layout;

  // A document depends on its text and the default draft only.
  const known = new Map<string, CatalogVersion>();
  if (options.reuse && options.reuse.config.defaultDraft === config.value.defaultDraft) {
    for (const subject of options.reuse.subjects) {
      for (const version of subject.versions) known.set(version.file, version);
    }
  }

  // Versions with the same text (a release that left a schema alone) share one document, so the
  // engine sees one root object and compares each distinct pair of schemas once.
  const byText = new Map<string, CatalogVersion["document"]>();
  const subjects: CatalogSubject[] = [];
  for (const entry of layout.value) {
    let meta = EMPTY_META;
    let metaLocate: CatalogSubject["metaLocate"];
    if (entry.metaFile) {
      const parsed = parseSubjectMeta(files.get(entry.metaFile) ?? "", entry.metaFile);
      if (!parsed.ok) return parsed;
      meta = parsed.value.meta;
      metaLocate = parsed.value.locate;
    }
    const versions: CatalogVersion[] = [];
    for (const { version, file } of entry.versions) {
      const text = files.get(file) ?? "";
      const same = known.get(file);
      if (same && same.text === text) {
        versions.push({ version, file, text, document: same.document });
        byText.set(text, same.document);
        continue;
      }
      const twin = byText.get(text);
      if (twin) {
        versions.push({ version, file, text, document: { ...twin, source: file } });
        continue;
      }
      // A catalog holds thousands of versions: skip the per-file compile (see LoadOptions.compile).
      const document = loadSchema(text, file, { defaultDraft: config.value.defaultDraft, compile: false });
      if (!document.ok) return document;
      byText.set(text, document.value);
      versions.push({ version, file, text, document: document.value });
    }
    const readers = entry.metaFile
      ? subjectReaders({
          subject: entry.name,
          entries: meta.consumerEntries,
          versions,
          metaFile: entry.metaFile,
          ...(metaLocate ? { locate: metaLocate } : {}),
          files,
          defaultDraft: config.value.defaultDraft,
        })
      : ok([]);
    if (!readers.ok) return readers;
    subjects.push({
      name: entry.name,
      registrySubject: meta.registrySubject ?? entry.name,
      meta,
      ...(entry.metaFile ? { metaFile: entry.metaFile } : {}),
      ...(metaLocate ? { metaLocate } : {}),
      versions,
      compatibility: meta.compatibility ?? config.value.compatibility,
      readers: readers.value,
      consumerGate: meta.consumerGate ?? config.value.consumerGate,
    });
  }
  return ok({ config: config.value, subjects });
}
