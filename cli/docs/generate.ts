import { isAbsolute, join, relative, resolve } from "node:path";
import { assembleDocsModel, buildDocsModel } from "../../contracts/docs/build.js";
import type { DocsModel } from "../../contracts/docs/types.js";
import { type DocsFormat, docsFiles, ENTRY_FILE } from "../../templates/docs/index.js";
import { readCatalogFiles } from "../catalog-io.js";
import { writeSite } from "./write-site.js";

export interface GenerateDocsOptions {
  readonly format: DocsFormat;
  readonly out: string;
  /** The catalog folder (ignored when `registry` is set). */
  readonly catalog: string;
  readonly registry?: string;
  /** Where subject drafts are cached between builds; undefined: no cache. */
  readonly cacheDir?: string;
}

export interface GeneratedDocs {
  readonly format: DocsFormat;
  /** The output folder as given. */
  readonly out: string;
  /** The file to open first, relative to the working directory. */
  readonly entry: string;
  /** `catalog` or the registry URL. */
  readonly source: string;
  readonly subjects: number;
  readonly versions: number;
  readonly files: number;
  /** Files an earlier run wrote for subjects that are gone, now removed. */
  readonly removed: number;
  readonly warnings: readonly string[];
  /** Worker threads that loaded and drafted the catalog (1: none). */
  readonly threads: number;
  /** Subjects whose documentation came from the cache (their files had not changed). */
  readonly cached: number;
  readonly durationMs: number;
}

async function modelFrom(
  options: GenerateDocsOptions,
): Promise<{ model: DocsModel; warnings: string[]; threads: number; cached: number }> {
  // AsyncAPI carries schemas and examples, not compatibility reports: skip the engine for it.
  const changes = options.format !== "asyncapi";
  if (options.registry !== undefined) {
    const [{ RegistryClient }, { readRegistrySubjects }] = await Promise.all([
      import("../../registry/client.js"),
      import("./registry-source.js"),
    ]);
    const client = new RegistryClient({ url: options.registry });
    const { subjects, warnings } = await readRegistrySubjects(client);
    return {
      model: buildDocsModel(subjects, { source: client.url, changes }),
      warnings,
      threads: 1,
      cached: 0,
    };
  }
  const { draftCatalog } = await import("./parallel.js");
  const files = await readCatalogFiles(options.catalog);
  const { drafts, options: settings, threads, cached } = await draftCatalog(files, changes, options.cacheDir);
  return { model: assembleDocsModel(drafts, settings), warnings: [], threads, cached };
}

/** Relative when under the working directory, absolute otherwise (never `../..`). */
function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === "" || shown.startsWith("..") || isAbsolute(shown) ? resolve(path) : shown;
}

/** Source → model → rendered files → output folder. */
export async function generateDocs(options: GenerateDocsOptions): Promise<GeneratedDocs> {
  const started = performance.now();
  const { model, warnings, threads, cached } = await modelFrom(options);
  const { written, removed } = await writeSite(options.out, options.format, docsFiles(model, options.format));
  return {
    format: options.format,
    out: options.out,
    entry: shownPath(join(options.out, ENTRY_FILE[options.format])),
    source: model.source,
    subjects: model.subjects.length,
    versions: model.subjects.reduce((sum, s) => sum + s.versions.length, 0),
    files: written,
    removed,
    warnings,
    threads,
    cached,
    durationMs: Math.round(performance.now() - started),
  };
}
