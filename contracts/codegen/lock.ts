import { accordError, fail, ok, type Result } from "../errors.js";
import { isJsonObject } from "../schema/json-value.js";
import { joinPointer } from "../schema/pointer.js";
import type { CodegenSubject, WireFormat } from "./types.js";
import { WIRE_FORMATS } from "./types.js";

/**
 * accord.lock: which versions a consuming repository generated code for, the schema id each one is
 * framed with, and the fingerprint of the schema the id belongs to. Producers pin ids from here
 * and never register anything; a schema whose fingerprint no longer matches its entry needs a
 * fresh id from the registry.
 */

export const LOCK_FILE = "accord.lock";
export const LOCKFILE_VERSION = 1;

export interface LockVersion {
  readonly version: number;
  /** Absent when the wire format is `json` and no registry was asked. */
  readonly schemaId?: number;
  /** The schema's GUID in the registry (V1 frames), when the registry gave one. */
  readonly schemaGuid?: string;
  readonly fingerprint: string;
}

export interface LockSubject {
  readonly subject: string;
  readonly registrySubject: string;
  /** Ascending. */
  readonly versions: readonly LockVersion[];
}

export interface Lock {
  readonly lockfileVersion: typeof LOCKFILE_VERSION;
  readonly wire: WireFormat;
  /** Sorted by subject. */
  readonly subjects: readonly LockSubject[];
}

/** The lock for what is about to be generated. */
export function lockFor(subjects: readonly CodegenSubject[], wire: WireFormat): Lock {
  return {
    lockfileVersion: LOCKFILE_VERSION,
    wire,
    subjects: [...subjects]
      .sort((a, b) => compareText(a.subject, b.subject))
      .map((subject) => ({
        subject: subject.subject,
        registrySubject: subject.registrySubject,
        versions: subject.versions.map((version) => ({
          version: version.version,
          ...(version.schemaId !== undefined ? { schemaId: version.schemaId } : {}),
          ...(version.schemaGuid !== undefined ? { schemaGuid: version.schemaGuid } : {}),
          fingerprint: version.fingerprint,
        })),
      })),
  };
}

/** Stable text: fixed key order, two-space indent, final newline, so the lock diffs well. */
export function renderLock(lock: Lock): string {
  const lines = [
    "{",
    `  "lockfileVersion": ${lock.lockfileVersion},`,
    `  "wire": ${JSON.stringify(lock.wire)},`,
    `  "subjects": [${lock.subjects.length === 0 ? "]" : ""}`,
  ];
  lock.subjects.forEach((subject, index) => {
    lines.push(
      "    {",
      `      "subject": ${JSON.stringify(subject.subject)},`,
      `      "registrySubject": ${JSON.stringify(subject.registrySubject)},`,
      '      "versions": [',
    );
    subject.versions.forEach((version, at) => {
      const id =
        (version.schemaId !== undefined ? `"schemaId": ${version.schemaId}, ` : "") +
        (version.schemaGuid !== undefined ? `"schemaGuid": ${JSON.stringify(version.schemaGuid)}, ` : "");
      const comma = at < subject.versions.length - 1 ? "," : "";
      lines.push(
        `        { "version": ${version.version}, ${id}"fingerprint": ${JSON.stringify(version.fingerprint)} }${comma}`,
      );
    });
    lines.push("      ]", `    }${index < lock.subjects.length - 1 ? "," : ""}`);
  });
  if (lock.subjects.length > 0) lines.push("  ]");
  lines.push("}", "");
  return lines.join("\n");
}

/** The schema id the lock pins for this subject version, if its fingerprint still matches. */
export function lockedSchemaId(
  lock: Lock | undefined,
  subject: string,
  version: number,
  fingerprint: string,
): { readonly schemaId: number; readonly schemaGuid?: string } | { readonly stale: string } | undefined {
  const entry = lock?.subjects
    .find((candidate) => candidate.subject === subject)
    ?.versions.find((candidate) => candidate.version === version);
  if (!entry || entry.schemaId === undefined) return undefined;
  if (entry.fingerprint !== fingerprint) {
    return {
      stale: `${LOCK_FILE} pins schema id ${entry.schemaId} to fingerprint ${entry.fingerprint}, but the schema's fingerprint is now ${fingerprint}`,
    };
  }
  return {
    schemaId: entry.schemaId,
    ...(entry.schemaGuid === undefined ? {} : { schemaGuid: entry.schemaGuid }),
  };
}

/** Parses and checks a lock file's text; `file` labels messages. */
export function parseLock(text: string, file: string): Result<Lock> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail(
      accordError("ACCORD_ERR_GENERATE_LOCK_INVALID", [file, `not JSON (${(err as Error).message})`], {
        file,
      }),
    );
  }
  const problem = checkLock(value);
  if (problem) {
    return fail(
      accordError("ACCORD_ERR_GENERATE_LOCK_INVALID", [file, `${problem.pointer}: ${problem.reason}`], {
        file,
        pointer: problem.pointer,
      }),
    );
  }
  return ok(value as Lock);
}

interface Problem {
  readonly pointer: string;
  readonly reason: string;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 2 ** 31 - 1;
}

function checkLock(value: unknown): Problem | undefined {
  if (!isJsonObject(value)) return { pointer: "#", reason: "must be an object" };
  if (value.lockfileVersion !== LOCKFILE_VERSION) {
    return {
      pointer: "#/lockfileVersion",
      reason: `must be ${LOCKFILE_VERSION} (this Accord writes lock files of version ${LOCKFILE_VERSION})`,
    };
  }
  if (!WIRE_FORMATS.includes(value.wire as WireFormat)) {
    return { pointer: "#/wire", reason: `must be one of ${WIRE_FORMATS.join(", ")}` };
  }
  if (!Array.isArray(value.subjects)) return { pointer: "#/subjects", reason: "must be an array" };
  for (const [index, subject] of value.subjects.entries()) {
    const problem = checkSubject(subject, joinPointer("#/subjects", index));
    if (problem) return problem;
  }
  return undefined;
}

function checkSubject(subject: unknown, pointer: string): Problem | undefined {
  if (!isJsonObject(subject)) return { pointer, reason: "must be an object" };
  for (const key of ["subject", "registrySubject"]) {
    if (typeof subject[key] !== "string" || subject[key] === "") {
      return { pointer: joinPointer(pointer, key), reason: "must be a non-empty string" };
    }
  }
  if (!Array.isArray(subject.versions))
    return { pointer: joinPointer(pointer, "versions"), reason: "must be an array" };
  for (const [index, version] of subject.versions.entries()) {
    const at = joinPointer(pointer, "versions", index);
    if (!isJsonObject(version)) return { pointer: at, reason: "must be an object" };
    if (!isPositiveInteger(version.version)) {
      return { pointer: joinPointer(at, "version"), reason: "must be a positive integer" };
    }
    if (version.schemaId !== undefined && !isPositiveInteger(version.schemaId)) {
      return { pointer: joinPointer(at, "schemaId"), reason: "must be a positive integer" };
    }
    if (
      version.schemaGuid !== undefined &&
      (typeof version.schemaGuid !== "string" ||
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(version.schemaGuid))
    ) {
      return {
        pointer: joinPointer(at, "schemaGuid"),
        reason: "must be a GUID (8-4-4-4-12 lowercase hex digits)",
      };
    }
    if (typeof version.fingerprint !== "string" || !/^sha256:[0-9a-f]{64}$/.test(version.fingerprint)) {
      return { pointer: joinPointer(at, "fingerprint"), reason: 'must be "sha256:" and 64 hex digits' };
    }
  }
  return undefined;
}

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
