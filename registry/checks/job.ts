/**
 * What a check worker does, as plain functions of plain data: read a schema's identity from its
 * text, and check a schema (validate, compile, compare with earlier versions). Both are the
 * CPU-heavy part of a request on a huge schema, so both run in a worker thread (see pool.ts) and
 * the request loop only moves text. Jobs and results cross the thread boundary by structured
 * clone; a job carries everything it needs, so one worker can serve any registry in the process.
 */
import { checkCompatibility } from "../../contracts/compat/index.js";
import type { CompatReport } from "../../contracts/compat/types.js";
import { AccordFailure, ok, type Result } from "../../contracts/errors.js";
import { loadSchemaValue } from "../../contracts/schema/load.js";
import { DEFAULT_DRAFT, type Json, type SchemaDocument } from "../../contracts/schema/types.js";
import type { DataContract } from "../data-contracts.js";
import type { CompatibilityLevel, SchemaReference } from "../model.js";
import { bundleReferences, type ReferencedSchema } from "../references.js";
import { parseSchemaText, type SchemaIdentity, schemaIdentity } from "../schema-input.js";

/** A schema as text with the schemas its references name (already resolved from the store). */
export interface SchemaSource {
  readonly text: string;
  readonly references: ReadonlyMap<string, ReferencedSchema>;
  /** A label for messages, e.g. `subject "orders-value" version 3`. */
  readonly source: string;
}

export interface IdentifyJob {
  readonly kind: "identify";
  /** The request's `schema` and `schemaType`. */
  readonly schema: string;
  readonly schemaType: string | undefined;
  readonly references: readonly SchemaReference[];
  readonly normalize: boolean;
  /** Metadata and rule set the schema will be stored with: part of its identity. */
  readonly contract: DataContract;
  /** A label for messages, e.g. `subject "orders-value"`. */
  readonly source: string;
}

export interface CheckJob {
  readonly kind: "check";
  /** The schema being registered or tested. */
  readonly candidate: SchemaSource & {
    /** Already stored (so validated when it was): loading it needs no compile. */
    readonly validated: boolean;
  };
  /** Stored versions to compare with, oldest first; empty when nothing is compared. */
  readonly history: readonly SchemaSource[];
  readonly level: CompatibilityLevel;
}

export type Job = IdentifyJob | CheckJob;

/** What a job is about, for messages about the job itself (its time budget). */
export function jobSource(job: Job): string {
  return job.kind === "identify" ? job.source : job.candidate.source;
}

/** The report is undefined when nothing was compared. */
export type CheckResult = Result<CompatReport | undefined>;
export type IdentifyResult = Result<SchemaIdentity>;

export function runJob(job: IdentifyJob): IdentifyResult;
export function runJob(job: CheckJob): CheckResult;
export function runJob(job: Job): IdentifyResult | CheckResult;
export function runJob(job: Job): IdentifyResult | CheckResult {
  try {
    if (job.kind === "identify") return identify(job);
    return check(job);
  } catch (error) {
    // The schema-input checks report a bad schema by throwing; here it becomes a result.
    if (error instanceof AccordFailure) return { ok: false, error: error.error };
    throw error;
  }
}

function identify(job: IdentifyJob): IdentifyResult {
  const value = parseSchemaText({
    schema: job.schema,
    ...(job.schemaType === undefined ? {} : { schemaType: job.schemaType }),
  });
  return ok(schemaIdentity(value, job.references, job.normalize, job.contract));
}

/** Validates the candidate and, when there is history and a level other than NONE, compares. */
function check(job: CheckJob): CheckResult {
  const { candidate } = job;
  const loaded = load(candidate, !candidate.validated);
  if (!loaded.ok) return loaded;
  if (job.history.length === 0 || job.level === "NONE") return ok(undefined);
  const documents: SchemaDocument[] = [];
  for (const stored of job.history) {
    // Stored schemas were compiled when they were registered; reading them back needs no compile.
    const document = load(stored, false);
    if (!document.ok) return document;
    documents.push(document.value);
  }
  return ok(checkCompatibility(documents, loaded.value, job.level));
}

function load(schema: SchemaSource, compile: boolean): Result<SchemaDocument> {
  const value = bundleReferences(JSON.parse(schema.text) as Json, schema.references);
  return loadSchemaValue(value, schema.source, { defaultDraft: DEFAULT_DRAFT, compile });
}
