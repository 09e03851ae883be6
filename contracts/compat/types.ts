import type { Json, SchemaDocument } from "../schema/types.js";
import type { CompatRuleId } from "./rules.js";

/** Confluent's compatibility levels. */
export type CompatibilityMode =
  | "NONE"
  | "BACKWARD"
  | "BACKWARD_TRANSITIVE"
  | "FORWARD"
  | "FORWARD_TRANSITIVE"
  | "FULL"
  | "FULL_TRANSITIVE";

export const COMPATIBILITY_MODES: readonly CompatibilityMode[] = [
  "NONE",
  "BACKWARD",
  "BACKWARD_TRANSITIVE",
  "FORWARD",
  "FORWARD_TRANSITIVE",
  "FULL",
  "FULL_TRANSITIVE",
];

/**
 * backward: the new schema (reader) must accept every event the old one (writer) accepts.
 * forward: the old schema (reader) must accept every event the new one (writer) accepts.
 */
export type Direction = "backward" | "forward";

export type Verdict = "compatible" | "incompatible" | "undetermined";

export interface CompareOptions {
  /**
   * "Writers emit only declared properties": writer-side objects without `additionalProperties`
   * are treated as closed, so adding an optional property is compatible. Off by default, which is
   * plain JSON Schema semantics (an open model may already carry any property name).
   */
  readonly writersEmitOnlyDeclared?: boolean;
  /**
   * Keywords that never validate (a vendor's code-generation hints such as `tsAdditionalProperties`):
   * like `x-*` keywords and the standard annotations, they never change a verdict. Any other
   * keyword Accord does not know is reasoned about as an unknown constraint.
   */
  readonly annotationKeywords?: readonly string[];
}

/** A proven incompatibility: `example` is valid under the writer and invalid under the reader (checked with ajv). */
export interface Finding {
  readonly rule: CompatRuleId;
  readonly direction: Direction;
  /** JSON Pointer into the old schema, e.g. `#/properties/amount/maximum`. */
  readonly oldPath: string;
  /** JSON Pointer into the new schema. */
  readonly newPath: string;
  readonly message: string;
  /** An event valid under the writer and invalid under the reader, only at `at` where it could be made so. */
  readonly example: Json;
  /** RFC 6901 pointer into `example`: the breaking value, or the required property it lacks. */
  readonly at: string;
  /** What the reader's validator (ajv) says there. */
  readonly readerSays: string;
  /** Which earlier version was compared, for transitive checks (1-based index into `previous`). */
  readonly against?: number;
  /**
   * The same change was proven in an earlier comparison of the caller's history (checkCompatibility's
   * `proven`): this example is verified by ajv but neither repaired nor minimised.
   */
  readonly repeat?: true;
}

/** A spot the engine could neither prove compatible nor break with a verified example. */
export interface Undecided {
  readonly rule: CompatRuleId;
  readonly direction: Direction;
  readonly oldPath: string;
  readonly newPath: string;
  readonly message: string;
  readonly against?: number;
}

export interface CompatReport {
  readonly compatible: boolean;
  readonly verdict: Verdict;
  readonly mode: CompatibilityMode;
  /** The assumptions the verdict rests on, stated in every report. */
  readonly assumptions: {
    readonly writersEmitOnlyDeclared: boolean;
    /** Keywords read as annotations beyond the standard ones and `x-*` (CompareOptions). */
    readonly annotationKeywords: readonly string[];
    readonly oldDraft?: string;
    readonly newDraft?: string;
    readonly draftAssumed: boolean;
  };
  readonly findings: readonly Finding[];
  readonly undetermined: readonly Undecided[];
  /** How the verdict was reached, so a person can see why a `compatible` holds. */
  readonly reasoning: Reasoning;
}

export interface Reasoning {
  /** Sub-schema pairs compared keyword by keyword: types, bounds, required names, enums, items. */
  readonly structural: number;
  /** String checks decided on finite automata: patterns, formats as languages, lengths (at most 50). */
  readonly automata: readonly AutomatonDecision[];
  /** Findings whose example was found by searching candidate values, then verified with ajv. */
  readonly search: number;
}

export interface AutomatonDecision {
  readonly direction: Direction;
  readonly oldPath: string;
  readonly newPath: string;
  /** The reader constraint the writer's strings were proven to meet (`pattern ^[a-z]+$`). */
  readonly what: string;
  readonly against?: number;
}

export type { Json, SchemaDocument };
