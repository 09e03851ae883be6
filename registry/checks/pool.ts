import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { accordError } from "../../contracts/errors.js";
import {
  type CheckJob,
  type CheckResult,
  type IdentifyJob,
  type IdentifyResult,
  type Job,
  jobSource,
} from "./job.js";
import type { JobMessage } from "./worker.js";

export interface CheckPoolOptions {
  /** Threads that validate, compile and compare; requests beyond them wait their turn. */
  readonly workers: number;
  /** Longest one job may run in its worker before it is stopped and answered with 422. */
  readonly budgetMs: number;
}

/**
 * Comparing two 5,000-property versions takes about 4 s on an idle laptop core; the budget leaves
 * room for a busy machine and stops only pathological checks, well before clients time out.
 */
export const DEFAULT_CHECK_BUDGET_MS = 30_000;

/** One core stays with the request loop; more than four threads rarely help a registry. */
export function defaultCheckWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

type Answer =
  | { readonly id: number; readonly result: JobResult }
  | { readonly id: number; readonly crash: string }
  | { readonly ready: true };

type JobResult = CheckResult | IdentifyResult;

interface Pending {
  readonly id: number;
  readonly job: Job;
  readonly resolve: (result: JobResult) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  /** Resolves once the worker has loaded its modules (or is gone). */
  readonly ready: Promise<void>;
  readonly markReady: () => void;
  running?: { readonly pending: Pending; readonly timer: NodeJS.Timeout };
}

/**
 * Worker threads for the registry's CPU-heavy work (see job.ts), so a huge schema being parsed,
 * fingerprinted and compiled, or a long comparison, never stalls the request loop (reads keep their latency). Workers start on first use
 * and are kept; each job gets `budgetMs` of worker time (time spent queued does not count), after
 * which its worker is terminated, which is the only way to stop synchronous work, and replaced.
 */
export class CheckPool {
  private readonly options: CheckPoolOptions;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(options: CheckPoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1) {
      throw new RangeError(`check workers must be a positive integer, not ${options.workers}`);
    }
    this.options = options;
  }

  /** The job's result; a job over its budget gets ACCORD_ERR_REGISTRY_CHECK_BUDGET as its result. */
  run(job: IdentifyJob): Promise<IdentifyResult>;
  run(job: CheckJob): Promise<CheckResult>;
  run(job: Job): Promise<JobResult> {
    if (this.closed) return Promise.reject(new Error("the check pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.nextId, job, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Starts every worker and resolves once they have loaded, so the first requests after a server
   * starts do not wait for a thread to load the engine.
   */
  async warm(): Promise<void> {
    while (!this.closed && this.slots.size < this.options.workers) this.spawn();
    await Promise.all([...this.slots].map((slot) => slot.ready));
  }

  /**
   * Jobs still queued or running fail; idle workers are kept for the next pool in this process
   * (starting a worker costs more than most checks), busy ones are stopped.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error("the check pool closed"));
    const stopping: Promise<void>[] = [];
    for (const slot of this.slots) {
      if (slot.running === undefined && spares.length < MAX_SPARES) {
        this.slots.delete(slot);
        park(slot.worker);
      } else stopping.push(this.retire(slot, new Error("the check pool closed")));
    }
    await Promise.all(stopping);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((candidate) => candidate.running === undefined);
      if (!slot && this.slots.size < this.options.workers) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift() as Pending;
      const timer = setTimeout(() => this.overBudget(slot as Slot), this.options.budgetMs);
      slot.running = { pending, timer };
      // A busy worker keeps the process alive (its request is waiting); an idle one must not.
      slot.worker.ref();
      slot.worker.postMessage({ id: pending.id, job: pending.job } satisfies JobMessage);
    }
  }

  private spawn(): Slot {
    const spare = spares.pop();
    const worker = spare ?? startWorker();
    worker.removeAllListeners();
    let markReady = () => {};
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    const slot: Slot = { worker, ready, markReady };
    // A parked worker has loaded long ago. A loading one keeps the process alive (someone may be
    // waiting in warm()); once idle it must not.
    if (spare) {
      markReady();
      worker.unref();
    }
    worker.on("message", (answer: Answer) => {
      if ("ready" in answer) {
        if (!slot.running) worker.unref();
        return slot.markReady();
      }
      const running = slot.running;
      if (!running || running.pending.id !== answer.id) return;
      clearTimeout(running.timer);
      slot.running = undefined;
      worker.unref();
      if ("crash" in answer) running.pending.reject(new Error(`check worker failed: ${answer.crash}`));
      else running.pending.resolve(answer.result);
      this.dispatch();
    });
    // An uncaught error or an exit (out of memory, say) loses the worker: fail its job, and the
    // next job gets a new one.
    worker.on("error", (error) => void this.retire(slot, error));
    worker.on("exit", (code) => void this.retire(slot, new Error(`check worker exited with code ${code}`)));
    this.slots.add(slot);
    return slot;
  }

  private overBudget(slot: Slot): void {
    const running = slot.running;
    if (!running) return;
    slot.running = undefined;
    running.pending.resolve({
      ok: false,
      error: accordError("ACCORD_ERR_REGISTRY_CHECK_BUDGET", [
        jobSource(running.pending.job),
        this.options.budgetMs,
      ]),
    });
    void this.retire(slot, new Error("over budget"));
  }

  private async retire(slot: Slot, reason: Error): Promise<void> {
    if (!this.slots.delete(slot)) return;
    slot.markReady();
    const running = slot.running;
    slot.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.pending.reject(reason);
    }
    await slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}

/** Idle workers of closed pools, ready for the next pool (tests build many apps in one process). */
const spares: Worker[] = [];
const MAX_SPARES = 4;

function park(worker: Worker): void {
  worker.removeAllListeners();
  worker.unref();
  worker.once("exit", () => {
    const index = spares.indexOf(worker);
    if (index !== -1) spares.splice(index, 1);
  });
  spares.push(worker);
}

/**
 * The built worker (`worker.js` next to this file), or, when running from the TypeScript sources
 * (the test suite), the same module through tsx, which is how the tests exercise real threads.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./worker.js", here));
  const bootstrap = `const { workerData } = require("node:worker_threads");
import(workerData.loader).then((tsx) => { tsx.register(); return import(workerData.entry); });`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: { loader: import.meta.resolve("tsx/esm/api"), entry: new URL("./worker.ts", here).href },
  });
}
