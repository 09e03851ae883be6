import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { type MessagePort, Worker } from "node:worker_threads";

/**
 * The one worker pool of the CLI (`check`, `generate` and `docs` on large catalogs). Work is cut
 * into tasks (a few per thread, contiguous runs of subjects of similar cost); worker threads take
 * them from one queue while this thread collects, and the results come back in task order, so a
 * parallel run gives exactly what one thread gives. ACCORD_WORKERS sets the number of worker threads for every
 * command (0 turns them off).
 */

/** Most worker threads ACCORD_WORKERS can ask for. */
const MAX_FORCED_WORKERS = 16;
/** Most cores used without ACCORD_WORKERS. */
const MAX_CORES = 8;

/**
 * Worker threads for `units` of work (version files, versions...): ACCORD_WORKERS when set, else
 * one per core, but only as many as keep at least `unitsPerThread` on every thread, and none when
 * that is one (a single worker would only add its start-up to the same work).
 */
export function workerCount(
  units: number,
  unitsPerThread: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const forced = env.ACCORD_WORKERS;
  if (forced !== undefined && /^[0-9]+$/.test(forced)) return Math.min(Number(forced), MAX_FORCED_WORKERS);
  const threads = Math.min(availableParallelism(), MAX_CORES, Math.floor(units / unitsPerThread));
  return threads > 1 ? threads : 0;
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

/** A task's result, or the end of a worker's share of the queue. */
type QueueMessage<R> = { readonly index: number; readonly result: R } | { readonly done: true };

/** What a queue worker receives: every task, the order to take them in, and the shared counter. */
interface QueueData {
  readonly tasks: readonly unknown[];
  readonly order: readonly number[];
  readonly next: SharedArrayBuffer;
  readonly shared: SharedArrayBuffer | undefined;
}

/**
 * The old-generation heap of each worker, in MiB. V8 sizes a heap from the machine's memory and
 * collects lazily, so without a ceiling two workers of a large check held ~800 MiB of mostly
 * garbage; the largest slice measured (a 74 KB webhook payload, six versions, FULL_TRANSITIVE) needs
 * under 96 MiB live. A task that still runs out is run again on the main thread, which has none.
 */
export const WORKER_HEAP_MB = 256;

export interface QueueJob<T, R> {
  /**
   * The worker module (compiled JavaScript beside its caller), which calls `serveQueue` with the
   * same work as `run`.
   */
  readonly worker: URL;
  /** The tasks, in the order their results are returned. */
  readonly tasks: readonly T[];
  /** Worker threads (0: every task on this thread). */
  readonly workers: number;
  /** Runs a task on this thread; `shared` is the job's shared memory. */
  readonly run: (task: T, index: number, shared: SharedArrayBuffer | undefined) => R | Promise<R>;
  /** The structured-cloneable form of a task a worker receives (the task itself by default). */
  readonly transfer?: (task: T) => unknown;
  /** Tasks are taken costliest first, so one large task never starts last. */
  readonly cost?: (task: T) => number;
  /** Memory every thread sees (progress counters). */
  readonly shared?: SharedArrayBuffer;
  /** Each worker's old-generation heap in MiB (WORKER_HEAP_MB by default). */
  readonly heapMb?: number;
}

/** The next task index from the shared counter, or undefined when every task is taken. */
function take(next: Int32Array, order: readonly number[]): number | undefined {
  const position = Atomics.add(next, 0, 1);
  return position < order.length ? order[position] : undefined;
}

function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ERR_WORKER_OUT_OF_MEMORY";
}

/**
 * Runs every task and returns the results in task order: with workers, each takes the next task
 * from a shared counter when it is free (costliest first) while this thread only collects, so a
 * long task never leaves another thread idle behind a fixed split, and a parallel run gives
 * exactly what one thread gives. A task whose worker ran out of heap runs again here; any other
 * failure (a task that throws, a worker that dies) stops the rest and its error is thrown. Run
 * from TypeScript sources (tests) there is no compiled worker, so every task runs here.
 */
export async function runQueue<T, R>(job: QueueJob<T, R>): Promise<R[]> {
  const order = job.tasks.map((_, index) => index);
  if (job.cost) {
    const costs = job.tasks.map(job.cost);
    order.sort((a, b) => (costs[b] as number) - (costs[a] as number) || a - b);
  }
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const results = new Array<R>(job.tasks.length);
  const workers = existsSync(fileURLToPath(job.worker)) ? Math.min(job.workers, job.tasks.length) : 0;
  const data: QueueData = {
    tasks: job.transfer && workers > 0 ? job.tasks.map(job.transfer) : job.tasks,
    order,
    next: next.buffer as SharedArrayBuffer,
    shared: job.shared,
  };
  const running: Worker[] = [];
  const finishedTasks = new Array<boolean>(job.tasks.length).fill(false);
  let failure: { readonly error: unknown } | undefined;
  const fail = (error: unknown) => {
    if (failure !== undefined) return;
    failure = { error };
    Atomics.store(next, 0, order.length);
    for (const worker of running) void worker.terminate();
  };
  const finished = Array.from({ length: workers }, () => {
    const worker = new Worker(job.worker, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: job.heapMb ?? WORKER_HEAP_MB },
    });
    running.push(worker);
    return new Promise<void>((resolve) => {
      let ended = false;
      worker.on("message", (message: QueueMessage<R>) => {
        if ("done" in message) {
          ended = true;
          resolve();
        } else {
          results[message.index] = message.result;
          finishedTasks[message.index] = true;
        }
      });
      worker.once("error", (error) => {
        ended = true;
        // Out of heap: the task it was running has no result and runs again below.
        if (!isOutOfMemory(error)) fail(error);
        resolve();
      });
      worker.once("exit", (code) => {
        if (!ended) fail(new Error(`worker ${fileURLToPath(job.worker)} exited with code ${code}`));
        resolve();
      });
    });
  });
  await Promise.all(finished);
  // This thread runs what no worker finished, without a ceiling: every task when there are no
  // workers (costliest first), else those whose worker ran out of heap and any none took.
  try {
    for (const index of order) {
      if (failure !== undefined) break;
      if (!finishedTasks[index]) results[index] = await job.run(job.tasks[index] as T, index, job.shared);
    }
  } catch (error) {
    fail(error);
  }
  if (failure !== undefined) throw failure.error;
  return results;
}

/**
 * The body of a queue worker: takes tasks from the shared counter until none is left, posting each
 * result as soon as it has it, then says it is done.
 */
export async function serveQueue<T, R>(
  data: unknown,
  port: MessagePort | null,
  run: (task: T, index: number, shared: SharedArrayBuffer | undefined) => R | Promise<R>,
): Promise<void> {
  const { tasks, order, next, shared } = data as QueueData;
  const counter = new Int32Array(next);
  for (let index = take(counter, order); index !== undefined; index = take(counter, order)) {
    const result = await run(tasks[index] as T, index, shared);
    port?.postMessage({ index, result } satisfies QueueMessage<R>);
  }
  port?.postMessage({ done: true } satisfies QueueMessage<R>);
}
