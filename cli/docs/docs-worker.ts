import { parentPort, workerData } from "node:worker_threads";
import { serveQueue } from "../pool.js";
import { draftSlice, type WorkerTask } from "./parallel.js";

/** A worker of `accord docs`: loads slices of the catalog from the pool's queue and drafts their subjects (see parallel.ts). */
await serveQueue<WorkerTask, unknown>(workerData, parentPort, draftSlice);
