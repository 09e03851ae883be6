import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CodegenPlan, PlannedSubject } from "../../contracts/codegen/types.js";
import { ok, type Result } from "../../contracts/errors.js";
import { renderSubjectFiles, type SubjectFiles } from "../../templates/typescript/render.js";
import type { WorkerReply } from "./worker.js";

/**
 * Renders the subjects of a large plan on worker threads. Subjects are independent (each has its
 * own types, validators and ajv instances), so they split cleanly; the parts come back in plan
 * order, so the output is byte-for-byte what one thread writes.
 */

/** Below this many versions per thread, starting a worker (ajv and json-schema-to-typescript load in each) costs more than it saves. */
const MIN_VERSIONS_PER_THREAD = 150;

export interface WorkerTask {
  readonly subjects: readonly PlannedSubject[];
  readonly wire: CodegenPlan["wire"];
  readonly module: CodegenPlan["module"];
}

/** Extra threads: ACCORD_WORKERS when set (0 turns them off), else one per spare core the plan can use. */
export function workerCount(versions: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.ACCORD_WORKERS;
  if (forced !== undefined && /^[0-9]+$/.test(forced)) return Math.min(Number(forced), 16);
  const spare = Math.max(0, Math.min(availableParallelism(), 8) - 1);
  return Math.max(0, Math.min(spare, Math.floor(versions / MIN_VERSIONS_PER_THREAD) - 1));
}

/** Contiguous slices of similar size (by version count), in plan order. */
export function sliceSubjects(subjects: readonly PlannedSubject[], slices: number): PlannedSubject[][] {
  const total = subjects.reduce((sum, subject) => sum + subject.versions.length, 0);
  const out: PlannedSubject[][] = [[]];
  let spent = 0;
  for (const subject of subjects) {
    const current = out[out.length - 1] as PlannedSubject[];
    if (current.length > 0 && out.length < slices && spent >= (total * out.length) / slices)
      out.push([subject]);
    else current.push(subject);
    spent += subject.versions.length;
  }
  return out;
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

function runWorker(task: WorkerTask): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: task });
    worker.once("message", (reply: WorkerReply) => resolve(reply));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`generate worker exited with code ${code}`));
    });
  });
}

/** Every subject's files, in plan order; the first error in plan order when any subject fails. */
export async function renderSubjectsInParallel(
  plan: CodegenPlan,
  workers: number,
): Promise<Result<SubjectFiles[]>> {
  const slices = sliceSubjects(plan.subjects, workers + 1);
  const [own, ...others] = slices;
  const running = others.map((subjects) =>
    runWorker({ subjects: subjects.map(transferable), wire: plan.wire, module: plan.module }),
  );
  const parts: SubjectFiles[] = [];
  let firstError: Result<SubjectFiles[]> | undefined;
  for (const subject of own ?? []) {
    const rendered = await renderSubjectFiles(subject, plan);
    if (!rendered.ok) {
      firstError = rendered;
      break;
    }
    parts.push(rendered.value);
  }
  const replies = await Promise.all(running);
  if (firstError) return firstError;
  for (const reply of replies) {
    if (!reply.ok) return { ok: false, error: reply.error };
    for (const part of reply.parts) parts.push(part);
  }
  return ok(parts);
}
