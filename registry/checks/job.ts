/**
 * What a check worker does, as a plain function of plain data: load (validate and compile) the
 * candidate schema, load the versions it is compared with, and run the compatibility engine. It
 * runs in a worker thread (see pool.ts), so nothing here may hold a reference to the main
 * thread's objects; jobs and results cross the thread boundary by structured clone. A job carries
 * everything it needs, so one worker can serve any registry in the process.
 */
import { checkCompatibility } from "../../contracts/compat/index.js";
import type { CompatReport } from "../../contracts/compat/types.js";
import type { AccordError } from "../../contracts/errors.js";
import { loadSchemaValue } from "../../contracts/schema/load.js";
import { DEFAULT_DRAFT, type Json, type SchemaDocument } from "../../contracts/schema/types.js";
import type { CompatibilityLevel } from "../model.js";

export interface CheckJob {
  /** The schema being registered or tested, references already embedded (see references.ts). */
  readonly candidate: {
    readonly value: Json;
    /** A label for messages, e.g. `subject "orders-value"`. */
    readonly source: string;
    /** Already stored (so validated when it was): loading it needs no compile. */
    readonly validated: boolean;
  };
  /** Stored versions to compare with, oldest first; empty when nothing is compared. */
  readonly history: readonly StoredInput[];
  readonly level: CompatibilityLevel;
}

export interface StoredInput {
  readonly value: Json;
  readonly source: string;
}

export type CheckResult =
  | { readonly ok: true; readonly report: CompatReport | undefined }
  | { readonly ok: false; readonly error: AccordError };

/** Validates the candidate and, when there is history and a level other than NONE, compares. */
export function runCheck(job: CheckJob): CheckResult {
  const { candidate } = job;
  const loaded = loadSchemaValue(candidate.value, candidate.source, {
    defaultDraft: DEFAULT_DRAFT,
    compile: !candidate.validated,
  });
  if (!loaded.ok) return { ok: false, error: loaded.error };
  if (job.history.length === 0 || job.level === "NONE") return { ok: true, report: undefined };
  const documents: SchemaDocument[] = [];
  for (const input of job.history) {
    // Stored schemas were compiled when they were registered; reading them back needs no compile.
    const document = loadSchemaValue(input.value, input.source, {
      defaultDraft: DEFAULT_DRAFT,
      compile: false,
    });
    if (!document.ok) return document;
    documents.push(document.value);
  }
  return { ok: true, report: checkCompatibility(documents, loaded.value, job.level) };
}
