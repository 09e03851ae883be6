import { CONFIG_FILE } from "../../contracts/catalog/config.js";
import { loadCatalog } from "../../contracts/catalog/load.js";
import type { CatalogFiles } from "../../contracts/catalog/types.js";
import {
  type BuildDocsOptions,
  buildSubjectDraft,
  catalogDocsOptions,
  type SubjectDraft,
} from "../../contracts/docs/build.js";
import { type AccordError, AccordFailure, unwrap } from "../../contracts/errors.js";
import { forgetValidators } from "../../contracts/schema/ajv.js";
import {
  type FileEntry,
  filesOfSlice,
  groupBySubject,
  planSubjectSlices,
  sliceCost,
} from "../catalog-slices.js";
import { runQueue, workerCount } from "../pool.js";

/**
 * Drafts every subject of a catalog, on worker threads when the catalog is large. Loading (parse,
 * meta-validation, ajv compilation) and drafting (field tables, examples, compatibility reports)
 * cost milliseconds per version and are independent per subject, so slices of the catalog go to
 * the worker pool (cli/pool.ts) and the drafts come back to be assembled in one model. Subjects whose files did not
 * change since an earlier build come from the cache (cache.ts) instead.
 */

export interface WorkerTask {
  readonly files: readonly FileEntry[];
  readonly changes: boolean;
}

export type WorkerReply =
  | { readonly ok: true; readonly drafts: SubjectDraft[] }
  | { readonly ok: false; readonly error: AccordError };

/** Fewer files than this per thread, and a worker's start-up (loading ajv and the engine again) costs more than it saves. */
export const FILES_PER_THREAD = 150;

export interface CatalogDrafts {
  readonly drafts: SubjectDraft[];
  readonly options: BuildDocsOptions;
  /** Threads that loaded and drafted the catalog (1: in-process). */
  readonly threads: number;
  /** Subjects taken from the cache unchanged. */
  readonly cached: number;
}

/** Slices per thread: enough that threads taking them from one queue finish together. */
const SLICES_PER_THREAD = 8;

/** A subject's cost: a version is compared with up to all earlier ones, so files times text size. */
function slicedCost(files: readonly FileEntry[]): number {
  return files.length * files.reduce((size, [, text]) => size + text.length, 0);
}

/**
 * Loads one slice (accord.yaml plus some subject folders) and drafts its subjects: on this thread
 * or in a worker (docs-worker.ts). Its validators are forgotten afterwards, as no other slice
 * shares its documents.
 */
export function draftSlice(task: WorkerTask): WorkerReply {
  const loaded = loadCatalog(new Map(task.files));
  if (!loaded.ok) return { ok: false, error: loaded.error };
  const options = { ...catalogDocsOptions(loaded.value.config), changes: task.changes };
  const drafts = loaded.value.subjects.map((subject) => buildSubjectDraft(subject, options));
  forgetValidators();
  return { ok: true, drafts };
}

/**
 * Loads and drafts the given files (accord.yaml plus subject folders) in slices of whole subjects,
 * on the worker pool; the first error in slice order is thrown.
 */
async function draftFiles(
  files: CatalogFiles,
  changes: boolean,
): Promise<{ drafts: SubjectDraft[]; threads: number }> {
  const workers = workerCount(files.size, FILES_PER_THREAD);
  const plan = planSubjectSlices([files], Math.max(1, workers) * SLICES_PER_THREAD, slicedCost);
  const replies = await runQueue({
    worker: new URL("./docs-worker.js", import.meta.url),
    tasks: plan.map((subjects, index) => ({
      files: filesOfSlice(files, new Set(subjects), index === 0),
      changes,
    })),
    workers,
    cost: (task) => sliceCost([new Map(task.files)], slicedCost),
    run: draftSlice,
  });
  const drafts: SubjectDraft[] = [];
  for (const reply of replies) {
    if (!reply.ok) throw new AccordFailure(reply.error);
    for (const draft of reply.drafts) drafts.push(draft);
  }
  return { drafts, threads: Math.max(1, Math.min(workers, plan.length)) };
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
  const missing: FileEntry[] = configText === undefined ? [...loose] : [[CONFIG_FILE, configText], ...loose];
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
