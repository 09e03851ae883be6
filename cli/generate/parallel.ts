import type { CodegenPlan, PlannedSubject } from "../../contracts/codegen/types.js";
import { type AccordError, ok, type Result } from "../../contracts/errors.js";
import { renderSubjectFiles, type SubjectFiles } from "../../templates/typescript/render.js";
import { runQueue, sliceByCost } from "../pool.js";

/**
 * Renders the subjects of a large plan on the worker pool (cli/pool.ts). Subjects are independent
 * (each has its own types, validators and ajv instances), so they split cleanly; the parts come
 * back in plan order, so the output is byte-for-byte what one thread writes.
 */

/** Fewer versions than this per thread, and starting a worker (ajv and json-schema-to-typescript load in each) costs more than it saves. */
export const VERSIONS_PER_THREAD = 150;

/** Slices per thread: enough that threads taking them from one queue finish together. */
const SLICES_PER_THREAD = 8;

export interface WorkerTask {
  readonly subjects: readonly PlannedSubject[];
  readonly wire: CodegenPlan["wire"];
  readonly module: CodegenPlan["module"];
}

export type WorkerReply =
  | { readonly ok: true; readonly parts: SubjectFiles[] }
  | { readonly ok: false; readonly error: AccordError };

/** Renders one slice's subjects, stopping at the first that fails: on this thread or in a worker (worker.ts). */
export async function renderSlice(task: WorkerTask): Promise<WorkerReply> {
  const parts: SubjectFiles[] = [];
  for (const subject of task.subjects) {
    const rendered = await renderSubjectFiles(subject, task);
    if (!rendered.ok) return { ok: false, error: rendered.error };
    parts.push(rendered.value);
  }
  return { ok: true, parts };
}

/** Documents cross to a worker as data: the text locator is a function and stays behind (rendering never uses it). */
function transferable(subject: PlannedSubject): PlannedSubject {
  return {
    ...subject,
    versions: subject.versions.map((version) => {
      const { locate: _locate, ...document } = version.document;
      return { ...version, document };
    }),
  };
}

/** Every subject's files, in plan order; the first error in plan order when any subject fails. */
export async function renderSubjectsInParallel(
  plan: CodegenPlan,
  workers: number,
): Promise<Result<SubjectFiles[]>> {
  const replies = await runQueue({
    worker: new URL("./worker.js", import.meta.url),
    tasks: sliceByCost(
      plan.subjects,
      Math.max(1, workers) * SLICES_PER_THREAD,
      (subject) => subject.versions.length,
    ),
    workers,
    cost: (subjects) => subjects.reduce((versions, subject) => versions + subject.versions.length, 0),
    run: (subjects) => renderSlice({ subjects, wire: plan.wire, module: plan.module }),
    transfer: (subjects): WorkerTask => ({
      subjects: subjects.map(transferable),
      wire: plan.wire,
      module: plan.module,
    }),
  });
  const parts: SubjectFiles[] = [];
  for (const reply of replies) {
    if (!reply.ok) return { ok: false, error: reply.error };
    for (const part of reply.parts) parts.push(part);
  }
  return ok(parts);
}
