/**
 * What the inclusion check reports before it is turned into findings: a gap (a place where the
 * writer allows something the reader rejects, with a local example) or an unknown (a place it
 * could not decide). Kinds name the keyword family; rules.ts names them per direction.
 */
import type { Json } from "../schema/types.js";
import type { CompatRuleId } from "./rules.js";

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

/** [rule when it breaks backward (old writer, new reader), rule when it breaks forward]. */
export const GAP_RULES: Record<GapKind, readonly [CompatRuleId, CompatRuleId]> = {
  false: ["schema-narrowed-to-false", "type-widened"],
  type: ["type-narrowed", "type-widened"],
  integer: ["type-narrowed", "type-widened"],
  enum: ["enum-value-removed", "enum-value-added"],
  maximum: ["maximum-decreased", "maximum-increased"],
  minimum: ["minimum-increased", "minimum-decreased"],
  multipleOf: ["multiple-of-changed", "multiple-of-changed"],
  maxLength: ["max-length-decreased", "max-length-increased"],
  minLength: ["min-length-increased", "min-length-decreased"],
  pattern: ["pattern-changed", "pattern-changed"],
  format: ["format-changed", "format-changed"],
  maxItems: ["max-items-decreased", "max-items-increased"],
  minItems: ["min-items-increased", "min-items-decreased"],
  uniqueItems: ["unique-items-added", "unique-items-removed"],
  contains: ["contains-changed", "contains-changed"],
  tuple: ["tuple-items-changed", "tuple-items-changed"],
  maxProperties: ["max-properties-decreased", "max-properties-increased"],
  minProperties: ["min-properties-increased", "min-properties-decreased"],
  required: ["required-property-added", "required-property-removed"],
  "open-property": ["property-added-to-open-model", "property-removed-from-open-model"],
  "closed-property": ["property-removed-from-closed-model", "property-added-to-closed-model"],
  additional: ["additional-properties-narrowed", "additional-properties-widened"],
  propertyNames: ["property-names-changed", "property-names-changed"],
  dependentRequired: ["dependent-required-added", "dependent-required-removed"],
  "dependent-schema": ["dependent-schema-changed", "dependent-schema-changed"],
  branch: ["any-of-branch-removed", "any-of-branch-added"],
  "one-of": ["one-of-overlap", "one-of-overlap"],
  not: ["not-changed", "not-changed"],
  condition: ["condition-changed", "condition-changed"],
  "unknown-keyword": ["unknown-keyword-changed", "unknown-keyword-changed"],
  "dynamic-ref": ["recursive-ref-changed", "recursive-ref-changed"],
  unevaluated: ["unevaluated-changed", "unevaluated-changed"],
  budget: ["analysis-budget-exceeded", "analysis-budget-exceeded"],
  combination: ["any-of-branch-removed", "any-of-branch-added"],
};

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
