import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { CONFIG_FILE } from "../../contracts/catalog/config.js";
import { subjectOfFile } from "../../contracts/catalog/layout.js";
import type { CatalogFiles } from "../../contracts/catalog/types.js";
import type { AccordError } from "../../contracts/errors.js";
import type { GatePart } from "../../contracts/gate/index.js";
import { checkSlice, type SliceInput, type SliceResult } from "./slice.js";

/**
 * Large catalogs are checked in slices of whole subjects, one on the main thread and the others in
 * worker threads: loading (each version file is compiled by ajv) and comparing are per subject, so
 * they split cleanly, and the slices merge into exactly the report a single pass gives.
 */

/** Below this many version files, starting workers costs more than it saves. */
const MIN_FILES_PER_SLICE = 500;

/**
 * How many extra threads to use: ACCORD_WORKERS when set (0 turns them off), else one per spare
 * core, but none for a catalog too small to gain.
 */
export function workerCount(versionFiles: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.ACCORD_WORKERS;
  if (forced !== undefined && /^[0-9]+$/.test(forced)) return Math.min(Number(forced), 16);
  const spare = Math.max(0, Math.min(availableParallelism(), 8) - 1);
  return Math.min(spare, Math.floor(versionFiles / MIN_FILES_PER_SLICE));
}

/** Version files of a catalog: what a slice's size is measured in. */
export function countVersionFiles(files: CatalogFiles): number {
  let count = 0;
  for (const path of files.keys())
    if (subjectOfFile(path) !== undefined && /\/v[0-9]+\.[a-z]+$/.test(path)) count++;
  return count;
}

/**
 * Splits subjects (in name order) into `slices` contiguous groups of similar cost. A version is
 * compared with up to all earlier ones, so a subject costs about the square of its version count.
 */
export function planSlices(head: CatalogFiles, base: CatalogFiles | undefined, slices: number): string[][] {
  const versions = new Map<string, number>();
  for (const files of base ? [head, base] : [head]) {
    for (const path of files.keys()) {
      const subject = subjectOfFile(path);
      if (subject !== undefined) versions.set(subject, (versions.get(subject) ?? 0) + 1);
    }
  }
  const names = [...versions.keys()].sort();
  const cost = (name: string) => (versions.get(name) ?? 0) ** 2 + 1;
  const total = names.reduce((sum, name) => sum + cost(name), 0);
  const plan: string[][] = [[]];
  let spent = 0;
  for (const name of names) {
    const current = plan[plan.length - 1] as string[];
    if (current.length > 0 && plan.length < slices && spent >= (total * plan.length) / slices)
      plan.push([name]);
    else current.push(name);
    spent += cost(name);
  }
  return plan;
}

function sliceFiles(files: CatalogFiles, subjects: ReadonlySet<string>, first: boolean): [string, string][] {
  const out: [string, string][] = [];
  for (const [path, text] of files) {
    const subject = subjectOfFile(path);
    // accord.yaml goes to every slice; files outside subject folders (layout mistakes) to the first.
    if (path === CONFIG_FILE || (subject === undefined ? first : subjects.has(subject)))
      out.push([path, text]);
  }
  return out;
}

/**
 * Runs the gate over `head` (and `base`) in `workers + 1` slices. A load error is reported as the
 * sequential run would: the working tree's before the base's, the first slice's first.
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
  const plan = planSlices(head, base, options.workers + 1);
  const inputs: SliceInput[] = plan.map((subjects, index) => {
    const names = new Set(subjects);
    return {
      head: sliceFiles(head, names, index === 0),
      base:
        base === undefined ? null : base.has(CONFIG_FILE) ? sliceFiles(base, names, index === 0) : "empty",
      allowUndetermined: options.allowUndetermined,
    };
  });
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

  const running = inputs.slice(1).map(
    (input, index) =>
      new Promise<SliceResult>((resolve, reject) => {
        const worker = new Worker(new URL("./worker.js", import.meta.url), {
          workerData: { input, progress, slot: index + 1 },
        });
        // The worker ends by itself once it has posted its result.
        worker.once("message", (result: SliceResult) => resolve(result));
        worker.once("error", reject);
        worker.once("exit", (code) => {
          if (code !== 0) reject(new Error(`gate worker exited with code ${code}`));
        });
      }),
  );
  const mine = checkSlice(inputs[0] as SliceInput, (done, total) => {
    Atomics.store(counters, 0, done);
    Atomics.store(counters, 1, total);
    report();
  });
  const timer = setInterval(report, 100);
  let results: SliceResult[];
  try {
    results = [mine, ...(await Promise.all(running))];
  } finally {
    clearInterval(timer);
  }
  for (const from of ["head", "base"] as const) {
    const failed = results.find((result) => !result.ok && result.from === from);
    if (failed && !failed.ok) return failed;
  }
  return { ok: true, parts: results.map((result) => (result as { part: GatePart }).part) };
}
