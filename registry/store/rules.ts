/**
 * Registration rules that do not depend on where data lives, shared by every store so SQLite
 * and PostgreSQL decide them identically (the conformance suite checks both).
 */
import { accordError, fail, ok, type Result } from "../../contracts/errors.js";

export function notPermitted<T>(message: string): Result<T> {
  return fail(accordError("ACCORD_ERR_REGISTRY_OPERATION_NOT_PERMITTED", [message]));
}

export function referenced<T>(subject: string, version: number, referrers: readonly number[]): Result<T> {
  return fail(accordError("ACCORD_ERR_REGISTRY_REFERENCE_EXISTS", [version, subject, referrers.join(", ")]));
}

export function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * The version a registration gets: one past the highest ever used, unless the client asked for
 * one. IMPORT may take any free number; otherwise only the next one may be asked for.
 */
export function chooseVersion(
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
