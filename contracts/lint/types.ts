import type { CatalogChanges } from "../catalog/history.js";
import type { Catalog, CatalogSubject, CatalogVersion, Severity } from "../catalog/types.js";

/**
 * A governance rule: metadata beside a pure check. A rule never decides its own severity or
 * whether it runs (presets and accord.yaml do), never formats output and never reads files; it only
 * calls `ctx.report`.
 */

export type LintCategory =
  | "NAMING"
  | "DOCUMENTATION"
  | "ENVELOPE"
  | "EVOLVABILITY"
  | "OWNERSHIP"
  | "LIFECYCLE";

export interface LintReport {
  readonly messageId: string;
  /** Values for the message template's `{name}` placeholders. */
  readonly data?: Readonly<Record<string, string | number>>;
  readonly subject: string;
  readonly version?: number;
  /** Catalog-relative file the finding points into; its JSON Pointer in `pointer`. */
  readonly file?: string;
  readonly pointer?: string;
}

export interface LintContext<O> {
  readonly catalog: Catalog;
  /** The catalog at the base ref and what changed since, when `--against` was given. */
  readonly base?: { readonly catalog: Catalog; readonly changes: CatalogChanges };
  /** Options from accord.yaml over the rule's defaults. */
  readonly options: O;
  /** The subjects the rule applies to: ignored ones are already left out. */
  readonly subjects: readonly CatalogSubject[];
  report(report: LintReport): void;
}

export interface LintExample {
  /** What the example violates, in a phrase ("a property without a description"). */
  readonly title: string;
  /** Catalog files besides accord.yaml (the test harness switches the rule on). */
  readonly files: Readonly<Record<string, string>>;
  /** Files at the base ref, for rules that compare with one. */
  readonly base?: Readonly<Record<string, string>>;
  /** The file of `files` the README shows. */
  readonly show: string;
}

export interface LintRule<O extends object = Record<string, never>> {
  /** kebab-case, stable forever; never renamed or reused. */
  readonly id: string;
  readonly category: LintCategory;
  /** One capitalised sentence ending in a period. */
  readonly summary: string;
  /** Why teams want it. */
  readonly rationale: string;
  /** Severity when switched on without one (presets name their own). */
  readonly defaultSeverity: Severity;
  /** messageId → template with `{name}` placeholders; present tense, says what is wrong. */
  readonly messages: Readonly<Record<string, string>>;
  /** JSON Schema properties of the rule's options (inline beside `severity` in accord.yaml). */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly defaults: O;
  /** True when the rule compares with the base ref and has nothing to say without one. */
  readonly needsBase?: boolean;
  /** A violation, shown in the README and run by the tests, so the docs cannot drift from the rule. */
  readonly example: LintExample;
  check(ctx: LintContext<O>): void;
}

/** A rule with its options type erased, for the registry of all rules. */
// biome-ignore lint/suspicious/noExplicitAny: the list holds rules with different option types.
export type AnyLintRule = LintRule<any>;

/** The newest version of a subject: the one producers use and the next version is copied from. */
export function latest(subject: CatalogSubject): CatalogVersion {
  return subject.versions[subject.versions.length - 1] as CatalogVersion;
}
