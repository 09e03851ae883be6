import type { CompareOptions, CompatibilityMode } from "../compat/types.js";
import type { Position } from "../schema/text-position.js";
import type { Draft, SchemaDocument } from "../schema/types.js";

/**
 * The catalog model: a folder with `accord.yaml` at its root and one immutable file per published
 * version under `schemas/<subject>/v<N>.json|yaml`. Everything here is data loaded from file texts;
 * nothing in this module reads the disk.
 */

/** Finds the line and column of the node at a JSON Pointer in a file that was loaded from text. */
export type Locator = (pointer: string) => Position | undefined;

export interface SubjectMeta {
  readonly description?: string;
  /** Teams or people answerable for the contract. */
  readonly owners: readonly string[];
  /** Kafka topic or channel. */
  readonly topic?: string;
  /** Service names. */
  readonly producers: readonly string[];
  /** Names of the consuming services (every entry of `consumers:`, whatever its form). */
  readonly consumers: readonly string[];
  /** `consumers:` entry by entry, with what each reads (see ConsumerEntry). */
  readonly consumerEntries: readonly ConsumerEntry[];
  /** Overrides the catalog default. */
  readonly compatibility?: CompatibilityMode;
  readonly tags: readonly string[];
  readonly deprecated?: { readonly reason: string; readonly replacement?: string };
  /** Confluent subject name when it differs from the folder name. */
  readonly registrySubject?: string;
  /** Lint rule ids switched off for this subject only (`lint: {ignore: [...]}` in subject.yaml). */
  readonly lintIgnore: readonly string[];
  /** Overrides accord.yaml's `consumerGate`. */
  readonly consumerGate?: boolean;
}

/**
 * One entry of subject.yaml's `consumers:`. A plain name reads everything (the subject's mode
 * protects it); `reads` lists the instance paths it reads, `schema` names its own reader schema
 * (a file relative to the subject folder). `version` is the version it was built against.
 */
export interface ConsumerEntry {
  readonly name: string;
  readonly reads?: readonly string[];
  readonly version?: number;
  readonly schema?: string;
  /** Where the declaration came from when not subject.yaml (a registry's URL, for `check --registry`). */
  readonly from?: string;
  /** Position in the `consumers:` list, for messages pointing at `#/consumers/<index>`. */
  readonly index: number;
}

/** What a consumer with `reads` or `schema` accepts: the schema the consumer gate checks new versions against. */
export interface ConsumerReader {
  readonly name: string;
  /** The version the reader was derived from (for `schema:`, the version it was declared against). */
  readonly version: number;
  readonly entry: ConsumerEntry;
  /** The catalog file of a `schema:` reader. */
  readonly file?: string;
  /** The whole reader: every read path's constraints at once, or the `schema:` file. */
  readonly document: SchemaDocument;
  /** For `reads`: one reader per read path, so a break can be named by the path it breaks. */
  readonly paths: readonly { readonly path: string; readonly document: SchemaDocument }[];
}

export interface CatalogVersion {
  /** 1, 2, ... from the file name v<N>.json|yaml. */
  readonly version: number;
  /** Path relative to the catalog root, e.g. "schemas/order-placed/v2.json". */
  readonly file: string;
  /** The file's text exactly as stored. */
  readonly text: string;
  /** Parsed and meta-validated (contracts/schema/load.ts); `source` is `file`. */
  readonly document: SchemaDocument;
}

export interface CatalogSubject {
  /** Folder name under schemas/. */
  readonly name: string;
  /** meta.registrySubject ?? name. */
  readonly registrySubject: string;
  readonly meta: SubjectMeta;
  /** "schemas/<name>/subject.yaml" (or .yml) when present. */
  readonly metaFile?: string;
  /** Line and column of a node in the metadata file, for findings that point into it. */
  readonly metaLocate?: Locator;
  /** Sorted ascending; never empty (a subject folder without version files is a layout error). */
  readonly versions: readonly CatalogVersion[];
  /** Effective mode: meta.compatibility ?? config.compatibility. */
  readonly compatibility: CompatibilityMode;
  /** Consumers that declared what they read (`reads` or `schema`), pinned to `version` or else the latest. */
  readonly readers: readonly ConsumerReader[];
  /** Effective consumer gate: subject.yaml's `consumerGate` ?? accord.yaml's. */
  readonly consumerGate: boolean;
}

export type Severity = "error" | "warning";

/** A rule's setting in accord.yaml: `off`, a severity, or an object with a severity, ignores and options. */
export interface LintRuleSetting {
  /** Absent when the object form gave only options or ignores: the preset's severity then applies. */
  readonly severity?: Severity | "off";
  /** Subjects the rule does not apply to. */
  readonly ignore: readonly string[];
  /** Rule-specific options (validated against the rule's own options schema by the linter). */
  readonly options: Readonly<Record<string, unknown>>;
}

export type LintPresetName = "minimal" | "standard" | "strict";

export interface LintSettings {
  readonly preset: LintPresetName;
  /** Rule id → setting, as written (unknown ids are reported by the linter, which knows the rules). */
  readonly rules: Readonly<Record<string, LintRuleSetting>>;
}

/**
 * An acknowledged breaking change. It names either a finding's fingerprint, or a subject, version
 * and rule id (optionally narrowed by a fingerprint too). A matching finding is reported as
 * acknowledged and does not fail the gate until `expires` has passed.
 */
export interface CatalogException {
  /** Position in the `exceptions:` list, so reports can point at `#/exceptions/<index>`. */
  readonly index: number;
  readonly subject?: string;
  readonly version?: number;
  readonly rule?: string;
  readonly fingerprint?: string;
  readonly reason: string;
  /** Last day (YYYY-MM-DD, inclusive) the exception holds. */
  readonly expires?: string;
}

/** accord.yaml. */
export interface CatalogConfig {
  /** Configuration version; selects what the lint presets contain. */
  readonly version: 1;
  /** Default BACKWARD. */
  readonly compatibility: CompatibilityMode;
  /** Default "draft-07". */
  readonly defaultDraft: Draft;
  /** Default false. */
  readonly writersEmitOnlyDeclared: boolean;
  /** Non-validating keywords beyond the standard ones and x-* (a vendor's hints). Default none. */
  readonly annotationKeywords: readonly string[];
  /** What the catalog tells the compatibility engine: the two settings above, in one place. */
  readonly compareOptions: CompareOptions;
  /** Gate new versions on what declared consumers read (see contracts/gate/consumers.ts). Default false. */
  readonly consumerGate: boolean;
  readonly registry?: { readonly url: string };
  readonly lint: LintSettings;
  readonly exceptions: readonly CatalogException[];
  /** "accord.yaml". */
  readonly file: string;
  /** Line and column of a node in accord.yaml. */
  readonly locate?: Locator;
  /** The whole parsed accord.yaml (other sections, e.g. `generate:`, `docs:`, are read by their own commands). */
  readonly raw: Record<string, unknown>;
}

export interface Catalog {
  readonly config: CatalogConfig;
  /** Sorted by name. */
  readonly subjects: readonly CatalogSubject[];
}

/** Relative path ("accord.yaml", "schemas/x/v1.json", ...) → text. */
export type CatalogFiles = ReadonlyMap<string, string>;
