import { parentPort, workerData } from "node:worker_threads";
import { loadCatalog } from "../../contracts/catalog/load.js";
import { buildSubjectDraft, catalogDocsOptions } from "../../contracts/docs/build.js";
import type { WorkerReply, WorkerTask } from "./parallel.js";

/** Loads one slice of the catalog (accord.yaml plus some subject folders) and drafts its subjects. */
const task = workerData as WorkerTask;
const loaded = loadCatalog(new Map(task.files));
let reply: WorkerReply;
if (!loaded.ok) {
  reply = { ok: false, error: loaded.error };
} else {
  const options = { ...catalogDocsOptions(loaded.value.config), changes: task.changes };
  reply = { ok: true, drafts: loaded.value.subjects.map((subject) => buildSubjectDraft(subject, options)) };
}
parentPort?.postMessage(reply);
