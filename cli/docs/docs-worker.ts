import { parentPort, workerData } from "node:worker_threads";
import { draftSlice, type WorkerTask } from "./parallel.js";

/** A worker of `accord docs`: loads one slice of the catalog and drafts its subjects (see parallel.ts). */
parentPort?.postMessage(draftSlice(workerData as WorkerTask));
