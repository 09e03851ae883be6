/**
 * Error results every store gives alike (the registration decision itself is registration.ts).
 */
import { accordError, fail, type Result } from "../../contracts/errors.js";

export function notPermitted<T>(message: string): Result<T> {
  return fail(accordError("ACCORD_ERR_REGISTRY_OPERATION_NOT_PERMITTED", [message]));
}

export function referenced<T>(subject: string, version: number, referrers: readonly number[]): Result<T> {
  return fail(accordError("ACCORD_ERR_REGISTRY_REFERENCE_EXISTS", [version, subject, referrers.join(", ")]));
}
