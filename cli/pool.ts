import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * The one worker pool of the CLI (`check`, `generate` and `docs` on large catalogs). Work is cut
 * into contiguous slices of similar cost, in a fixed order; the first slice runs on this thread and
 * each other slice on a worker thread of its own, and the results come back in slice order, so a
 * parallel run gives exactly what one thread gives. ACCORD_WORKERS sets the number of extra threads
 * for every command (0 turns them off).
 */

/** Most extra threads ACCORD_WORKERS can ask for. */
const MAX_FORCED_WORKERS = 16;
/** Most cores used without ACCORD_WORKERS. */
const MAX_CORES = 8;

/**
 * Extra threads for `units` of work (version files, versions...): ACCORD_WORKERS when set, else
 * one per spare core, but only as many as keep at least `unitsPerThread` on every thread.
 */
export function workerCount(
  units: number,
  unitsPerThread: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const forced = env.ACCORD_WORKERS;
  if (forced !== undefined && /^[0-9]+$/.test(forced)) return Math.min(Number(forced), MAX_FORCED_WORKERS);
  const spare = Math.max(0, Math.min(availableParallelism(), MAX_CORES) - 1);
  return Math.max(0, Math.min(spare, Math.floor(units / unitsPerThread) - 1));
}

/**
 * Splits `items`, kept in their order, into at most `count` contiguous non-empty slices of similar
 * total cost (one empty slice when there are no items).
 */
export function sliceByCost<T>(items: readonly T[], count: number, cost: (item: T) => number): T[][] {
  const costs = items.map(cost);
  const total = costs.reduce((sum, each) => sum + each, 0);
  const slices: T[][] = [[]];
  let spent = 0;
  items.forEach((item, index) => {
    const current = slices[slices.length - 1] as T[];
    if (current.length > 0 && slices.length < count && spent >= (total * slices.length) / count)
      slices.push([item]);
    else current.push(item);
    spent += costs[index] as number;
  });
  return slices;
}

/** A running worker: its one reply, and a way to stop it when another slice has failed. */
interface Running<R> {
  readonly reply: Promise<R>;
  readonly stop: () => void;
}

/**
 * Starts the worker module at `url` with `task` as its `workerData`; the reply is the first
 * message it posts. A worker that throws, or exits before replying, rejects with the reason.
 */
export function runWorker<R>(url: URL, task: unknown): Running<R> {
  const worker = new Worker(url, { workerData: task });
  const reply = new Promise<R>((resolve, reject) => {
    // The worker ends by itself once it has posted its reply.
    worker.once("message", (message: R) => resolve(message));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`worker ${fileURLToPath(url)} exited with code ${code}`)));
  });
  return { reply, stop: () => void worker.terminate() };
}

export interface SliceJob<S, R> {
  /** The worker module (compiled JavaScript beside its caller): it runs one slice's task and posts one reply. */
  readonly worker: URL;
  readonly slices: readonly S[];
  /** Runs a slice on this thread: the first always, every slice when workers cannot start. */
  readonly here: (slice: S) => R | Promise<R>;
  /** The structured-cloneable data a worker receives for a slice (its index is 1 or more). */
  readonly task: (slice: S, index: number) => unknown;
}

/**
 * Runs the first slice here and each other on a worker, and returns the replies in slice order.
 * The first slice to throw (or worker to fail) stops the other workers, and its error is thrown.
 * Run from TypeScript sources (tests) there is no compiled worker, so every slice runs here.
 */
export async function runSlices<S, R>(job: SliceJob<S, R>): Promise<R[]> {
  const [first, ...others] = job.slices;
  if (first === undefined) return [];
  if (!existsSync(fileURLToPath(job.worker))) {
    const replies: R[] = [];
    for (const slice of job.slices) replies.push(await job.here(slice));
    return replies;
  }
  const running = others.map((slice, index) => runWorker<R>(job.worker, job.task(slice, index + 1)));
  // The first failure, wherever it happens, stops every worker; the ones stopped then fail too, later.
  let failure: { readonly error: unknown } | undefined;
  const fail = (error: unknown) => {
    if (failure !== undefined) return;
    failure = { error };
    for (const worker of running) worker.stop();
  };
  for (const worker of running) worker.reply.catch(fail);
  const replies: R[] = [];
  try {
    replies.push(await job.here(first));
  } catch (error) {
    fail(error);
  }
  for (const outcome of await Promise.allSettled(running.map((worker) => worker.reply)))
    if (outcome.status === "fulfilled") replies.push(outcome.value);
  if (failure !== undefined) throw failure.error;
  return replies;
}
