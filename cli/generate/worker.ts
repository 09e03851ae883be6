import { parentPort, workerData } from "node:worker_threads";
import { serveQueue } from "../pool.js";
import { renderSlice, type WorkerTask } from "./parallel.js";

/** A worker of `accord generate`: renders slices of subjects from the pool's queue (see parallel.ts) and posts each result. */
await serveQueue<WorkerTask, unknown>(workerData, parentPort, renderSlice);
