import { createHash } from "node:crypto";
import type { Direction } from "../compat/types.js";
import type { Json } from "../schema/types.js";

/**
 * What `accord lint` and `accord check` report: one shape for both, so every output format
 * (text, JSON, GitHub annotations, JUnit, SARIF) renders either.
 */

export type FindingSeverity = "error" | "warning" | "info";

/** Which part of Accord produced the finding. */
export type FindingSource = "lint" | "gate" | "compat" | "registry";

export interface Acknowledgement {
  /** Index of the exception in accord.yaml's `exceptions:` list. */
  readonly exception: number;
  readonly reason: string;
  readonly expires?: string;
}

export interface CatalogFinding {
  /** A lint rule id, a gate rule id (version-edited, ...), or a compatibility rule id. */
  readonly ruleId: string;
  /** Which of the rule's messages (lint rules have several); absent for compatibility findings. */
  readonly messageId?: string;
  readonly source: FindingSource;
  /** Severity as reported; an acknowledged finding keeps its severity but does not fail. */
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly subject?: string;
  readonly version?: number;
  /** Path relative to the catalog root. */
  readonly file?: string;
  /** JSON Pointer into `file`. */
  readonly pointer?: string;
  readonly line?: number;
  readonly column?: number;
  /** sha256 of subject|version|rule|pointer, first 16 hex digits; what exceptions name. */
  readonly fingerprint: string;
  /** Compatibility findings: which way it breaks, what was compared, and the event that proves it. */
  readonly direction?: Direction;
  /** The earlier version this one was compared with. */
  readonly against?: number;
  readonly oldPath?: string;
  readonly newPath?: string;
  readonly example?: Json;
  /** Where in `example` the breaking value sits: an RFC 6901 pointer into the event, `""` for the whole event. */
  readonly at?: string;
  /** What the reader's validator says at `at`, when the engine reports it. */
  readonly readerSays?: string;
  /**
   * The same change seen in several versions or comparisons (transitive modes): each of them, in
   * version order, this finding's own first. Absent when the change was seen once.
   */
  readonly seenIn?: readonly FindingOccurrence[];
  /** Consumer-gate findings: the consumer broken and, for one that declared `reads`, the read path. */
  readonly consumer?: { readonly name: string; readonly path?: string };
  /** True for a spot the engine could neither prove compatible nor break with an example. */
  readonly undetermined?: boolean;
  /** Set when an exception in accord.yaml covers the finding. */
  readonly acknowledged?: Acknowledgement;
}

/** One version and comparison a grouped compatibility finding was seen in. */
export interface FindingOccurrence {
  readonly version: number;
  /** The earlier version it was compared with. */
  readonly against?: number;
  /** The fingerprint the finding has in that version (what an exception may name). */
  readonly fingerprint: string;
}

/**
 * Stable identity of a finding. Messages and line numbers are left out on purpose: rewording a
 * message or reformatting a file must not orphan the exceptions that name a finding.
 */
export function findingFingerprint(parts: {
  readonly subject?: string | undefined;
  readonly version?: number | undefined;
  readonly ruleId: string;
  readonly pointer?: string | undefined;
}): string {
  const key = [parts.subject ?? "", parts.version ?? "", parts.ruleId, parts.pointer ?? ""].join("|");
  return createHash("sha256").update(key, "utf8").digest("hex").slice(0, 16);
}

/** True when the finding makes a command exit 1. */
export function isFailing(finding: CatalogFinding): boolean {
  return finding.severity === "error" && finding.acknowledged === undefined;
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Report order: by subject, version, place in the file, then rule; findings without a subject or version first. */
export function compareFindings(a: CatalogFinding, b: CatalogFinding): number {
  return (
    compareText(a.subject ?? "", b.subject ?? "") ||
    (a.version ?? 0) - (b.version ?? 0) ||
    compareText(a.file ?? "", b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(a.pointer ?? "", b.pointer ?? "") ||
    (a.against ?? 0) - (b.against ?? 0) ||
    compareText(a.ruleId, b.ruleId) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.direction ?? "", b.direction ?? "")
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly acknowledged: number;
}

export function countFindings(findings: readonly CatalogFinding[]): FindingCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let acknowledged = 0;
  for (const finding of findings) {
    if (finding.acknowledged) acknowledged++;
    else if (finding.severity === "error") errors++;
    else if (finding.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos, acknowledged };
}
