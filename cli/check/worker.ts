import { parentPort, workerData } from "node:worker_threads";
import { serveQueue } from "../pool.js";
import { checkSliceCounting, type SliceInput } from "./slice.js";

/**
 * A worker of `accord check` on a large catalog: checks slices from the pool's queue and posts each
 * result. Progress goes through shared memory, which the main thread reads while it is busy.
 */
await serveQueue<SliceInput, unknown>(workerData, parentPort, (input, index, progress) =>
  checkSliceCounting(input, index, progress as SharedArrayBuffer),
);
