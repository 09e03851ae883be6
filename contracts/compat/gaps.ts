/**
 * What the inclusion check reports before it is turned into findings: a gap (a place where the
 * writer allows something the reader rejects, with a local example) or an unknown (a place it
 * could not decide). Kinds name what the gap is about; each compat rule (rules.ts) lists the kinds
 * it is reported for, with their messages.
 */
import type { Json } from "../schema/types.js";

export type GapKind =
  | "false"
  | "type"
  | "integer"
  | "enum"
  | "maximum"
  | "minimum"
  | "multipleOf"
  | "maxLength"
  | "minLength"
  | "pattern"
  | "format"
  | "maxItems"
  | "minItems"
  | "uniqueItems"
  | "contains"
  | "tuple"
  | "maxProperties"
  | "minProperties"
  | "required"
  | "open-property"
  | "closed-property"
  | "additional"
  | "propertyNames"
  | "dependentRequired"
  | "dependent-schema"
  | "branch"
  | "one-of"
  | "not"
  | "condition"
  | "unknown-keyword"
  | "dynamic-ref"
  | "unevaluated"
  | "budget"
  | "combination";

export interface GapSite {
  readonly kind: GapKind;
  /** JSON Pointer into the writer's document. */
  readonly writerPath: string;
  /** JSON Pointer into the reader's document. */
  readonly readerPath: string;
  /** The writer's and reader's setting of the keyword, for the message ("none" when absent). */
  readonly writerValue?: Json;
  readonly readerValue?: Json;
  /** The property, type or value the gap is about, when there is one. */
  readonly subject?: string;
  /** Why it could not be decided, when the engine knows more than "no example was found". */
  readonly reason?: string;
}

export interface Gap extends GapSite {
  /** A value at the gap's level (lifted to a whole event on the way up). */
  readonly example: Json;
  /**
   * Where in `example` the breaking value sits (instance path tokens), grown as the example is
   * lifted into its parents; for a missing required property, the path of that property.
   */
  readonly at?: readonly string[];
}

/** The gap's breaking place, one level further down: `token` in the parent's example. */
export function under(token: string | number, gap: Gap): readonly string[] {
  return [String(token), ...(gap.at ?? [])];
}

export type Unknown = GapSite;

export interface Outcome {
  readonly gaps: Gap[];
  readonly unknowns: Unknown[];
}

export function emptyOutcome(): Outcome {
  return { gaps: [], unknowns: [] };
}

export function isClean(outcome: Outcome): boolean {
  return outcome.gaps.length === 0 && outcome.unknowns.length === 0;
}

export function merge(target: Outcome, source: Outcome): Outcome {
  target.gaps.push(...source.gaps);
  target.unknowns.push(...source.unknowns);
  return target;
}
