import { parentPort, workerData } from "node:worker_threads";
import { checkSlice, type SliceInput } from "./slice.js";

/**
 * A worker of `accord check` on a large catalog: checks its slice and posts the result. Progress
 * goes through shared memory (done, total at 2*slot), which the main thread can read while it is
 * busy with a slice of its own.
 */
const { input, progress, slot } = workerData as {
  input: SliceInput;
  progress: SharedArrayBuffer;
  slot: number;
};
const counters = new Int32Array(progress);
const result = checkSlice(input, (done, total) => {
  Atomics.store(counters, 2 * slot, done);
  Atomics.store(counters, 2 * slot + 1, total);
});
parentPort?.postMessage(result);
