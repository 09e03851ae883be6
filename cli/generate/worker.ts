import { parentPort, workerData } from "node:worker_threads";
import { renderSlice, type WorkerTask } from "./parallel.js";

/** A worker of `accord generate`: renders the subjects of one slice (see parallel.ts) and posts the result. */
parentPort?.postMessage(await renderSlice(workerData as WorkerTask));
