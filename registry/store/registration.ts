/**
 * The registration decision, one pure function every store calls inside its own transaction with
 * what it read there, so SQLite and PostgreSQL accept, refuse and number registrations alike (and
 * give the same error when several checks fail: the first in the order below).
 */
import { accordError, fail, ok, type Result } from "../../contracts/errors.js";
import { contextOf, referenceTarget } from "../contexts.js";
import { type Flag, snapshotOf } from "./rows.js";
import { notPermitted } from "./rules.js";
import type { RegisterRequest } from "./types.js";

/** What a store read for one registration. */
export interface RegistrationFacts {
  /** The subject's stored versions, soft-deleted included, oldest first. */
  readonly versions: readonly {
    readonly version: number;
    readonly deleted: Flag;
    readonly id: number;
    readonly fingerprint: string;
  }[];
  /** Whether a referenced subject version (qualified name) is stored and not soft-deleted. */
  readonly referenceLive: (subject: string, version: number) => boolean;
  /** Schemas of the subject's context: ids are scoped per context. */
  readonly schemaByFingerprint: (fingerprint: string) => { readonly id: number } | undefined;
  readonly schemaById: (id: number) => { readonly fingerprint: string } | undefined;
}

export type RegistrationDecision =
  /** A live version of the subject already holds the schema. */
  | { readonly kind: "existing"; readonly id: number; readonly version: number }
  /** The subject changed after the caller read `expected`: nothing to write, re-check. */
  | { readonly kind: "stale" }
  /**
   * Write `version`; `reuse` is the id of the stored schema with this fingerprint, else the store
   * writes a new schema (as `importId` when importing). `tombstone` lists the subject's older
   * soft-deleted versions with that same id, which the store then deletes for good unless a
   * schema references them (Confluent keeps one version per id in a subject).
   */
  | {
      readonly kind: "create";
      readonly version: number;
      readonly reuse: number | undefined;
      readonly tombstone: readonly number[];
    };

/**
 * In order: a live version with the schema answers at once; a subject changed since `expected`
 * is stale; every reference must name a live version; an import must not give a stored schema
 * another id nor take an id held by another schema; then the version is chosen.
 */
export function decideRegistration(
  request: RegisterRequest,
  facts: RegistrationFacts,
): Result<RegistrationDecision> {
  const { subject, schema } = request;
  const same = facts.versions.find((row) => !row.deleted && row.fingerprint === schema.fingerprint);
  if (same) return ok({ kind: "existing", id: same.id, version: same.version });

  const { maxVersion, live } = snapshotOf(facts.versions);
  if (maxVersion !== request.expected.maxVersion || !sameNumbers(live, request.expected.live)) {
    return ok({ kind: "stale" });
  }

  for (const reference of schema.references) {
    if (!facts.referenceLive(referenceTarget(reference.subject, contextOf(subject)), reference.version)) {
      return fail(
        accordError("ACCORD_ERR_REGISTRY_REFERENCE_UNRESOLVED", [
          reference.name,
          reference.subject,
          reference.version,
        ]),
      );
    }
  }

  const known = facts.schemaByFingerprint(schema.fingerprint);
  if (request.importId !== undefined) {
    if (known && known.id !== request.importId) {
      return notPermitted(
        `The schema is already registered with id ${known.id}; it cannot be imported again as id ${request.importId}.`,
      );
    }
    const holder = facts.schemaById(request.importId);
    if (holder && holder.fingerprint !== schema.fingerprint) {
      return notPermitted(`Overwrite new schema with id ${request.importId} not permitted.`);
    }
  }

  const chosen = chooseVersion(subject, request.version, request.importId !== undefined, maxVersion, (v) =>
    facts.versions.some((row) => row.version === v),
  );
  if (!chosen.ok) return chosen;
  const tombstone = facts.versions
    .filter((row) => row.deleted && known !== undefined && row.id === known.id && row.version < chosen.value)
    .map((row) => row.version);
  return ok({ kind: "create", version: chosen.value, reuse: known?.id, tombstone });
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * The version a registration gets: one past the highest ever used, unless the client asked for
 * one. IMPORT may take any free number; otherwise only the next one may be asked for.
 */
function chooseVersion(
  subject: string,
  requested: number | undefined,
  importing: boolean,
  maxVersion: number,
  taken: (version: number) => boolean,
): Result<number> {
  const next = maxVersion + 1;
  if (requested === undefined) return ok(next);
  if (importing) {
    if (taken(requested)) {
      return notPermitted(
        `Version ${requested} of subject "${subject}" already exists with another schema; import cannot overwrite it.`,
      );
    }
    return ok(requested);
  }
  if (requested !== next) {
    return fail(
      accordError("ACCORD_ERR_REGISTRY_SCHEMA_INVALID", [
        `version ${requested} was requested but the next version of subject "${subject}" is ${next}`,
      ]),
    );
  }
  return ok(requested);
}
