import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { CONFIG_FILE } from "../../contracts/catalog/config.js";
import { subjectOfFile } from "../../contracts/catalog/layout.js";
import { loadCatalog } from "../../contracts/catalog/load.js";
import type { CatalogFiles } from "../../contracts/catalog/types.js";
import {
  type BuildDocsOptions,
  buildSubjectDraft,
  catalogDocsOptions,
  type SubjectDraft,
} from "../../contracts/docs/build.js";
import { type AccordError, AccordFailure, unwrap } from "../../contracts/errors.js";

/**
 * Drafts every subject of a catalog, on worker threads when the catalog is large. Loading (parse,
 * meta-validation, ajv compilation) and drafting (field tables, examples, compatibility reports)
 * cost milliseconds per version and are independent per subject, so slices of the catalog go to
 * workers and the drafts come back to be assembled in one model. Subjects whose files did not
 * change since an earlier build come from the cache (cache.ts) instead.
 */

export interface WorkerTask {
  readonly files: readonly (readonly [string, string])[];
  readonly changes: boolean;
}

export type WorkerReply =
  | { readonly ok: true; readonly drafts: SubjectDraft[] }
  | { readonly ok: false; readonly error: AccordError };

/** Below this many files a worker's start-up (loading ajv and the engine again) costs more than it saves. */
const PARALLEL_FROM_FILES = 300;
const MAX_WORKERS = 4;

const WORKER_URL = new URL("./docs-worker.js", import.meta.url);

export interface CatalogDrafts {
  readonly drafts: SubjectDraft[];
  readonly options: BuildDocsOptions;
  /** Threads that loaded and drafted the catalog (1: in-process). */
  readonly threads: number;
  /** Subjects taken from the cache unchanged. */
  readonly cached: number;
}

/** Contiguous slices of the sorted subjects, balanced by text size, so the first error found is the first in order. */
/** Files by subject folder; `loose` are the others (misplaced schema files the loader reports). */
function groupBySubject(files: CatalogFiles): {
  bySubject: Map<string, [string, string][]>;
  loose: [string, string][];
} {
  const bySubject = new Map<string, [string, string][]>();
  const loose: [string, string][] = [];
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

function slices(files: CatalogFiles, count: number): [string, string][][] {
  const config = files.get(CONFIG_FILE);
  const { bySubject, loose } = groupBySubject(files);
  const subjects = [...bySubject.keys()].sort();
  const size = (name: string) => (bySubject.get(name) ?? []).reduce((n, [, text]) => n + text.length, 0);
  const total = subjects.reduce((n, name) => n + size(name), 0);
  const out: [string, string][][] = [];
  let current: [string, string][] = [...loose];
  let filled = 0;
  for (const name of subjects) {
    for (const file of bySubject.get(name) ?? []) current.push(file);
    filled += size(name);
    if (filled >= (total * (out.length + 1)) / count && out.length < count - 1) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0 || out.length === 0) out.push(current);
  return out.map((slice) => (config === undefined ? slice : [[CONFIG_FILE, config], ...slice]));
}

function runWorker(task: WorkerTask): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: task });
    worker.once("message", (reply: WorkerReply) => resolve(reply));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`docs worker exited with code ${code}`));
    });
  });
}

/** Loads and drafts the given files (accord.yaml plus subject folders), in-process or on workers. */
async function draftFiles(
  files: CatalogFiles,
  changes: boolean,
): Promise<{ drafts: SubjectDraft[]; threads: number }> {
  const workers = Math.min(MAX_WORKERS, availableParallelism());
  // Running from TypeScript sources (tests) there is no compiled worker file: stay in-process.
  if (files.size < PARALLEL_FROM_FILES || workers < 2 || !existsSync(fileURLToPath(WORKER_URL))) {
    const catalog = unwrap(loadCatalog(files));
    const options = { ...catalogDocsOptions(catalog.config), changes };
    return { drafts: catalog.subjects.map((subject) => buildSubjectDraft(subject, options)), threads: 1 };
  }
  const parts = slices(files, workers);
  const replies = await Promise.all(parts.map((slice) => runWorker({ files: slice, changes })));
  const failed = replies.find((reply) => !reply.ok);
  if (failed && !failed.ok) throw new AccordFailure(failed.error);
  return { drafts: replies.flatMap((reply) => (reply.ok ? reply.drafts : [])), threads: parts.length };
}

/**
 * Drafts every subject: from the cache where a subject's files are unchanged, else by loading
 * and documenting it (on worker threads when there is much to do).
 */
export async function draftCatalog(
  files: CatalogFiles,
  changes: boolean,
  cacheDir?: string,
): Promise<CatalogDrafts> {
  // accord.yaml alone first: the settings, and its errors before anything else runs.
  const configText = files.get(CONFIG_FILE);
  const config = unwrap(
    loadCatalog(new Map(configText === undefined ? [] : [[CONFIG_FILE, configText]])),
  ).config;
  const options = { ...catalogDocsOptions(config), changes };
  if (cacheDir === undefined) {
    const { drafts, threads } = await draftFiles(files, changes);
    return { drafts, options, threads, cached: 0 };
  }

  const { DraftCache } = await import("./cache.js");
  const cache = await DraftCache.open(cacheDir, {
    compatibility: config.compatibility,
    defaultDraft: config.defaultDraft,
    writersEmitOnlyDeclared: config.writersEmitOnlyDeclared,
    annotationKeywords: config.annotationKeywords,
    changes,
  });
  const { bySubject, loose } = groupBySubject(files);
  const hits: SubjectDraft[] = [];
  const keys = new Map<string, string>();
  const missing: [string, string][] =
    configText === undefined ? [...loose] : [[CONFIG_FILE, configText], ...loose];
  for (const [name, subjectFiles] of bySubject) {
    const key = cache.keyOf(name, subjectFiles);
    const draft = await cache.read(key);
    if (draft) hits.push(draft);
    else {
      keys.set(name, key);
      for (const file of subjectFiles) missing.push(file);
    }
  }
  const built =
    keys.size > 0 || loose.length > 0
      ? await draftFiles(new Map(missing), changes)
      : { drafts: [], threads: 1 };
  for (const draft of built.drafts) {
    const key = keys.get(draft.name);
    if (key !== undefined) await cache.write(key, draft);
  }
  await cache.prune();
  return { drafts: [...hits, ...built.drafts], options, threads: built.threads, cached: hits.length };
}
