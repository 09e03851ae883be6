import { CONFIG_FILE } from "../../contracts/catalog/config.js";
import { subjectOfFile } from "../../contracts/catalog/layout.js";
import type { CatalogFiles } from "../../contracts/catalog/types.js";
import type { AccordError } from "../../contracts/errors.js";
import type { GatePart } from "../../contracts/gate/index.js";
import { filesOfSlice, planSubjectSlices, sliceCost } from "../catalog-slices.js";
import { runQueue } from "../pool.js";
import { checkSliceCounting, type SliceInput, type SliceResult } from "./slice.js";

/**
 * Large catalogs are checked in slices of whole subjects on the worker pool (cli/pool.ts): loading
 * (each version file is compiled by ajv) and comparing are per subject, so they split cleanly, and
 * the slices merge into exactly the report a single pass gives.
 */

/** Less work than this per thread, and starting a worker costs more than it saves. */
export const WORK_UNITS_PER_THREAD = 250;

/** Schema text one unit of work stands for: a typical event schema is one unit. */
const BYTES_PER_UNIT = 4096;

/**
 * The work a catalog's version files make, in units: one per started 4 KiB of schema text, so a
 * catalog of a few hundred 30 KB webhook payloads counts as the large catalog it is to compare.
 */
export function versionFileUnits(files: CatalogFiles): number {
  let units = 0;
  for (const [path, text] of files)
    if (subjectOfFile(path) !== undefined && /\/v[0-9]+\.[a-z]+$/.test(path)) units += unitsOf(text);
  return units;
}

function unitsOf(text: string): number {
  return Math.max(1, Math.ceil(text.length / BYTES_PER_UNIT));
}

/** A version is compared with up to all earlier ones, so a subject costs about its file count times its units. */
function subjectCost(files: readonly (readonly [string, string])[]): number {
  return files.length * files.reduce((units, [, text]) => units + unitsOf(text), 0) + 1;
}

/**
 * The catalog (and its base) in `count` slices of whole subjects, in name order. The sequential
 * check is the one-slice case.
 */
export function sliceInputs(
  head: CatalogFiles,
  base: CatalogFiles | undefined,
  count: number,
  allowUndetermined: boolean,
): SliceInput[] {
  const plan = planSubjectSlices(base ? [head, base] : [head], count, subjectCost);
  return plan.map((subjects, index) => {
    const names = new Set(subjects);
    return {
      head: filesOfSlice(head, names, index === 0),
      base:
        base === undefined ? null : base.has(CONFIG_FILE) ? filesOfSlice(base, names, index === 0) : "empty",
      allowUndetermined,
    };
  });
}

/** The first load error in the order a sequential run meets them: the working tree's before the base's. */
export function firstLoadError(
  results: readonly SliceResult[],
): { from: "head" | "base"; error: AccordError } | undefined {
  for (const from of ["head", "base"] as const) {
    const failed = results.find((result) => !result.ok && result.from === from);
    if (failed && !failed.ok) return failed;
  }
  return undefined;
}

/** Slices per thread: enough that threads taking them from one queue finish together. */
const SLICES_PER_THREAD = 8;

/**
 * Runs the gate over `head` (and `base`) in slices taken by this thread and `workers` worker
 * threads from one queue, largest first.
 */
export async function gateInSlices(
  head: CatalogFiles,
  base: CatalogFiles | undefined,
  options: {
    workers: number;
    allowUndetermined: boolean;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<{ ok: true; parts: GatePart[] } | { ok: false; from: "head" | "base"; error: AccordError }> {
  const inputs = sliceInputs(
    head,
    base,
    Math.max(1, options.workers) * SLICES_PER_THREAD,
    options.allowUndetermined,
  );
  // Each slice counts its progress in shared memory (done, total at 2*slice), read while this thread is busy.
  const progress = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * 2 * inputs.length);
  const counters = new Int32Array(progress);
  const report = () => {
    let done = 0;
    let total = 0;
    for (let slot = 0; slot < inputs.length; slot++) {
      done += Atomics.load(counters, 2 * slot);
      total += Atomics.load(counters, 2 * slot + 1);
    }
    options.onProgress?.(done, total);
  };
  const timer = setInterval(report, 100);
  let results: SliceResult[];
  try {
    results = await runQueue({
      worker: new URL("./worker.js", import.meta.url),
      tasks: inputs,
      workers: options.workers,
      cost: (input) =>
        sliceCost(
          Array.isArray(input.base) ? [new Map(input.head), new Map(input.base)] : [new Map(input.head)],
          subjectCost,
        ),
      shared: progress,
      run: (input, index) => checkSliceCounting(input, index, progress, report),
    });
  } finally {
    clearInterval(timer);
  }
  const failed = firstLoadError(results);
  if (failed) return { ok: false, ...failed };
  return { ok: true, parts: results.map((result) => (result as { part: GatePart }).part) };
}
