import { parentPort, workerData } from "node:worker_threads";
import type { AccordError } from "../../contracts/errors.js";
import { renderSubjectFiles, type SubjectFiles } from "../../templates/typescript/render.js";
import type { WorkerTask } from "./parallel.js";

/** Renders the subjects of one task (see parallel.ts) and posts the result. */

export type WorkerReply =
  | { readonly ok: true; readonly parts: SubjectFiles[] }
  | { readonly ok: false; readonly error: AccordError };

const task = workerData as WorkerTask;
const parts: SubjectFiles[] = [];
let reply: WorkerReply | undefined;
for (const subject of task.subjects) {
  const rendered = await renderSubjectFiles(subject, task);
  if (!rendered.ok) {
    reply = { ok: false, error: rendered.error };
    break;
  }
  parts.push(rendered.value);
}
parentPort?.postMessage(reply ?? { ok: true, parts });
