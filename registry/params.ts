import { AccordFailure, accordError } from "../contracts/errors.js";
import { normalizeSubject, splitQualified } from "./contexts.js";

/** Confluent's limit, and a bound on what a path segment can make the server store. */
export const MAX_SUBJECT_LENGTH = 255;

const MAX_VERSION = 2 ** 31 - 1;

// C0 and C1 control characters, including DEL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks a subject name from a path and returns it in its stored form (`:.:orders` is `orders`;
 * see contexts.ts). Names end up in file-like places (logs, generated code, other registries via
 * import), so anything that reads as a path or hides characters is refused.
 */
export function parseSubject(raw: string): string {
  const reason = subjectProblem(raw) ?? contextProblem(raw);
  if (reason !== undefined) {
    throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SUBJECT_INVALID", [quote(raw), reason]));
  }
  return normalizeSubject(raw);
}

/**
 * A config or mode scope from a path: a subject as parseSubject takes it, or a context other than
 * the default one (`:.ctx:`), whose settings apply to the subjects in it that have none.
 */
export function parseScope(raw: string): string {
  const { context, name } = splitQualified(raw);
  if (name === "" && context !== "." && context !== ".__GLOBAL" && !raw.startsWith(":*:")) {
    const reason = subjectProblem(context.slice(1));
    if (reason !== undefined) {
      throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SUBJECT_INVALID", [quote(raw), reason]));
    }
    return normalizeSubject(raw.endsWith(":") ? raw : `${raw}:`);
  }
  return parseSubject(raw);
}

function contextProblem(subject: string): string | undefined {
  if (subject.startsWith(":*:")) return "the context wildcard :*: is not a subject";
  const { context, name } = splitQualified(subject);
  if (name.length === 0) return `it names the context ${context}, not a subject in it`;
  if (context === ".__GLOBAL") return "the global context holds no subjects";
  return subjectProblem(name);
}

function subjectProblem(subject: string): string | undefined {
  if (subject.length === 0) return "it is empty";
  if ([...subject].length > MAX_SUBJECT_LENGTH) return `it is longer than ${MAX_SUBJECT_LENGTH} characters`;
  if (CONTROL.test(subject)) return "it contains a control character";
  if (subject.includes("/") || subject.includes("\\")) return "it contains a slash";
  if (subject.includes("..")) return 'it contains ".."';
  if (subject.trim() !== subject) return "it starts or ends with white space";
  if (subject === "__GLOBAL" || subject === "__EMPTY") return "the name is reserved";
  return undefined;
}

export type VersionSelector = number | "latest";

/** `latest`, `-1` (also latest) or an integer from 1 to 2^31-1; anything else is 42202. */
export function parseVersion(raw: string): VersionSelector {
  if (raw === "latest" || raw === "-1") return "latest";
  if (/^[0-9]{1,10}$/.test(raw)) {
    const value = Number(raw);
    if (value >= 1 && value <= MAX_VERSION) return value;
  }
  throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_VERSION_INVALID", [quote(raw).slice(1, -1)]));
}

/** Schema ids in paths: a positive 32-bit integer, else the id cannot exist (40403). */
export function parseSchemaId(raw: string): number {
  if (/^[0-9]{1,10}$/.test(raw)) {
    const value = Number(raw);
    if (value >= 1 && value <= MAX_VERSION) return value;
  }
  throw new AccordFailure(
    accordError("ACCORD_ERR_REGISTRY_SCHEMA_NOT_FOUND", [`Schema ${quote(raw)} not found.`]),
  );
}

/** Confluent's boolean query parameters: `true` in any case is true, anything else false. */
export function flag(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === "true";
}

/** Like `flag`, but tells "absent" apart so a configured default can apply. */
export function optionalFlag(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : flag(value);
}

/** A value for an error message: JSON-quoted (control characters escaped) and cut short. */
export function quote(value: string, max = 80): string {
  const cut = [...value].length > max ? `${[...value].slice(0, max).join("")}…` : value;
  return JSON.stringify(cut);
}
