import type { CatalogFinding } from "../catalog/findings.js";
import type { CatalogException } from "../catalog/types.js";
import { occurrencesOf } from "./group.js";

export type ExceptionStatus = "used" | "unused" | "expired" | "not-checked";

export interface ExceptionOutcome extends CatalogException {
  readonly status: ExceptionStatus;
  /** How many findings it acknowledged. */
  readonly matched: number;
}

/**
 * Whether an exception names the finding: every field it gives must agree. A change seen in several
 * versions is one finding, so naming any version (or fingerprint) it was seen in names it.
 */
export function exceptionMatches(exception: CatalogException, finding: CatalogFinding): boolean {
  return (
    (exception.subject === undefined || exception.subject === finding.subject) &&
    (exception.rule === undefined || exception.rule === finding.ruleId) &&
    occurrencesOf(finding).some(
      (seen) =>
        (exception.fingerprint === undefined || exception.fingerprint === seen.fingerprint) &&
        (exception.version === undefined || exception.version === seen.version),
    )
  );
}

/** `expires` is the last day the exception holds; dates compare as YYYY-MM-DD text. */
export function isExpired(exception: CatalogException, today: string): boolean {
  return exception.expires !== undefined && exception.expires < today;
}

/**
 * Marks findings covered by a live exception as acknowledged, and says what became of each
 * exception. `inScope` tells whether this run looked at what an exception names: a check against
 * a base ref only examines new versions, so an exception for an older version is not "unused".
 */
export function applyExceptions(
  findings: readonly CatalogFinding[],
  exceptions: readonly CatalogException[],
  today: string,
  inScope: (exception: CatalogException) => boolean,
): { findings: CatalogFinding[]; outcomes: ExceptionOutcome[] } {
  const matched = new Map<number, number>();
  const result = findings.map((finding) => {
    if (finding.severity === "info") return finding;
    const exception = exceptions.find(
      (candidate) => !isExpired(candidate, today) && exceptionMatches(candidate, finding),
    );
    if (!exception) return finding;
    matched.set(exception.index, (matched.get(exception.index) ?? 0) + 1);
    return {
      ...finding,
      acknowledged: {
        exception: exception.index,
        reason: exception.reason,
        ...(exception.expires !== undefined ? { expires: exception.expires } : {}),
      },
    };
  });
  const outcomes = exceptions.map((exception): ExceptionOutcome => {
    const count = matched.get(exception.index) ?? 0;
    const status: ExceptionStatus = isExpired(exception, today)
      ? "expired"
      : count > 0
        ? "used"
        : inScope(exception)
          ? "unused"
          : "not-checked";
    return { ...exception, status, matched: count };
  });
  return { findings: result, outcomes };
}
