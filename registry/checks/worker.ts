/**
 * Entry of a check worker thread: answers each job posted by the pool (pool.ts) with its result.
 * A job that throws (a bug) is answered with the
 * message, so the pool fails that request alone and the worker stays usable.
 */
import { parentPort } from "node:worker_threads";
import { type Job, runJob } from "./job.js";

export interface JobMessage {
  readonly id: number;
  readonly job: Job;
}

parentPort?.on("message", ({ id, job }: JobMessage) => {
  try {
    parentPort?.postMessage({ id, result: runJob(job) });
  } catch (error) {
    parentPort?.postMessage({
      id,
      crash: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});

// Loaded (the engine and the loader with it): the pool may count on this thread from now on.
parentPort?.postMessage({ ready: true });
