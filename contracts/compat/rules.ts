/**
 * Compatibility rule ids: what a person, an exception in accord.yaml, or a CI annotation names.
 * An id describes the change from the old schema to the new one; each gap the engine finds maps to
 * one id per direction (a lowered maxLength breaks backward, a raised one breaks forward).
 * Never rename or reuse an id: deprecate it and add the old id to RETIRED_COMPAT_RULES.
 * Where Confluent names the same change, `confluent` says its name so migrating users find it.
 */

export type CompatCategory = "STRUCTURE" | "CONSTRAINT" | "COMPOSITION" | "REFERENCE";

export interface CompatRuleSpec {
  readonly category: CompatCategory;
  /** One capitalised sentence ending in a period. */
  readonly summary: string;
  readonly confluent?: string;
}

export const COMPAT_RULES = {
  "schema-narrowed-to-false": {
    category: "STRUCTURE",
    summary:
      "The reader became the false schema (or an empty type set) and accepts nothing the writer emits.",
  },
  "type-narrowed": {
    category: "STRUCTURE",
    summary: "The new schema no longer accepts a type the old one accepted.",
    confluent: "TYPE_NARROWED",
  },
  "type-widened": {
    category: "STRUCTURE",
    summary: "The new schema accepts a type the old one rejected, so old readers fail on it.",
    confluent: "TYPE_EXTENDED",
  },
  "enum-value-removed": {
    category: "CONSTRAINT",
    summary: "A value allowed by the old enum or const is not allowed by the new schema.",
    confluent: "ENUM_ARRAY_NARROWED",
  },
  "enum-value-added": {
    category: "CONSTRAINT",
    summary: "The new schema allows a value the old enum or const rejected.",
    confluent: "ENUM_ARRAY_EXTENDED",
  },
  "maximum-decreased": {
    category: "CONSTRAINT",
    summary: "maximum or exclusiveMaximum was added or lowered.",
    confluent: "MAXIMUM_DECREASED",
  },
  "maximum-increased": {
    category: "CONSTRAINT",
    summary: "maximum or exclusiveMaximum was removed or raised.",
    confluent: "MAXIMUM_INCREASED",
  },
  "minimum-increased": {
    category: "CONSTRAINT",
    summary: "minimum or exclusiveMinimum was added or raised.",
    confluent: "MINIMUM_INCREASED",
  },
  "minimum-decreased": {
    category: "CONSTRAINT",
    summary: "minimum or exclusiveMinimum was removed or lowered.",
    confluent: "MINIMUM_DECREASED",
  },
  "multiple-of-changed": {
    category: "CONSTRAINT",
    summary: "multipleOf changed so that some numbers valid on one side are not on the other.",
    confluent: "MULTIPLE_OF_CHANGED",
  },
  "max-length-decreased": {
    category: "CONSTRAINT",
    summary: "maxLength was added or lowered.",
    confluent: "MAX_LENGTH_DECREASED",
  },
  "max-length-increased": {
    category: "CONSTRAINT",
    summary: "maxLength was removed or raised.",
    confluent: "MAX_LENGTH_INCREASED",
  },
  "min-length-increased": {
    category: "CONSTRAINT",
    summary: "minLength was added or raised.",
    confluent: "MIN_LENGTH_INCREASED",
  },
  "min-length-decreased": {
    category: "CONSTRAINT",
    summary: "minLength was removed or lowered.",
    confluent: "MIN_LENGTH_DECREASED",
  },
  "pattern-changed": {
    category: "CONSTRAINT",
    summary: "pattern was added or changed so that some strings valid on one side are not on the other.",
    confluent: "PATTERN_CHANGED",
  },
  "format-changed": {
    category: "CONSTRAINT",
    summary: "format was added or changed so that some strings valid on one side are not on the other.",
  },
  "max-items-decreased": {
    category: "CONSTRAINT",
    summary: "maxItems was added or lowered.",
    confluent: "MAX_ITEMS_DECREASED",
  },
  "max-items-increased": {
    category: "CONSTRAINT",
    summary: "maxItems was removed or raised.",
    confluent: "MAX_ITEMS_INCREASED",
  },
  "min-items-increased": {
    category: "CONSTRAINT",
    summary: "minItems was added or raised.",
    confluent: "MIN_ITEMS_INCREASED",
  },
  "min-items-decreased": {
    category: "CONSTRAINT",
    summary: "minItems was removed or lowered.",
    confluent: "MIN_ITEMS_DECREASED",
  },
  "unique-items-added": {
    category: "CONSTRAINT",
    summary: "uniqueItems was set, so arrays with repeated items are rejected.",
    confluent: "UNIQUE_ITEMS_ADDED",
  },
  "unique-items-removed": {
    category: "CONSTRAINT",
    summary: "uniqueItems was dropped, so arrays with repeated items are now emitted.",
    confluent: "UNIQUE_ITEMS_REMOVED",
  },
  "contains-changed": {
    category: "CONSTRAINT",
    summary:
      "contains (or minContains/maxContains) changed so that some arrays valid on one side are not on the other.",
  },
  "tuple-items-changed": {
    category: "STRUCTURE",
    summary:
      "Positional items (prefixItems, or draft-07 array items) or the items allowed after them changed incompatibly.",
    confluent: "ADDITIONAL_ITEMS_NARROWED",
  },
  "max-properties-decreased": {
    category: "CONSTRAINT",
    summary: "maxProperties was added or lowered.",
    confluent: "MAX_PROPERTIES_DECREASED",
  },
  "max-properties-increased": {
    category: "CONSTRAINT",
    summary: "maxProperties was removed or raised.",
    confluent: "MAX_PROPERTIES_INCREASED",
  },
  "min-properties-increased": {
    category: "CONSTRAINT",
    summary: "minProperties was added or raised.",
    confluent: "MIN_PROPERTIES_INCREASED",
  },
  "min-properties-decreased": {
    category: "CONSTRAINT",
    summary: "minProperties was removed or lowered.",
    confluent: "MIN_PROPERTIES_DECREASED",
  },
  "required-property-added": {
    category: "STRUCTURE",
    summary: "A property became required that old events may lack.",
    confluent: "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
  },
  "required-property-removed": {
    category: "STRUCTURE",
    summary: "A property stopped being required, so new events may lack what old readers require.",
    confluent: "REQUIRED_ATTRIBUTE_REMOVED",
  },
  "property-added-to-open-model": {
    category: "STRUCTURE",
    summary:
      "A property was declared on an open object; old events may already carry that name with another type.",
    confluent: "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
  },
  "property-removed-from-open-model": {
    category: "STRUCTURE",
    summary: "A declared property was removed from an open object, so new events may carry it with any type.",
    confluent: "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
  },
  "property-removed-from-closed-model": {
    category: "STRUCTURE",
    summary: "A property was removed from an object that rejects undeclared properties.",
    confluent: "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL",
  },
  "property-added-to-closed-model": {
    category: "STRUCTURE",
    summary: "A property was added to an object whose old readers reject undeclared properties.",
    confluent: "PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL",
  },
  "additional-properties-narrowed": {
    category: "STRUCTURE",
    summary: "additionalProperties or patternProperties now reject properties the old schema allowed.",
    confluent: "ADDITIONAL_PROPERTIES_NARROWED",
  },
  "additional-properties-widened": {
    category: "STRUCTURE",
    summary: "additionalProperties or patternProperties now allow properties old readers reject.",
    confluent: "ADDITIONAL_PROPERTIES_EXTENDED",
  },
  "property-names-changed": {
    category: "CONSTRAINT",
    summary: "propertyNames changed so that some property names valid on one side are not on the other.",
  },
  "dependent-required-added": {
    category: "STRUCTURE",
    summary: "dependentRequired (or draft-07 dependencies) now requires a property old events may lack.",
    confluent: "DEPENDENCY_ARRAY_EXTENDED",
  },
  "dependent-required-removed": {
    category: "STRUCTURE",
    summary:
      "dependentRequired (or draft-07 dependencies) was dropped, so new events may lack what old readers require.",
    confluent: "DEPENDENCY_ARRAY_NARROWED",
  },
  "dependent-schema-changed": {
    category: "COMPOSITION",
    summary: "dependentSchemas (or schema-valued dependencies) changed incompatibly.",
  },
  "any-of-branch-removed": {
    category: "COMPOSITION",
    summary:
      "An alternative (anyOf, oneOf or a type in a type list) accepted by the old schema has no match in the new one.",
    confluent: "SUM_TYPE_NARROWED",
  },
  "any-of-branch-added": {
    category: "COMPOSITION",
    summary: "An alternative accepted by the new schema has no match in the old one.",
    confluent: "SUM_TYPE_EXTENDED",
  },
  "one-of-overlap": {
    category: "COMPOSITION",
    summary: "oneOf branches overlap, so events matching more than one branch are rejected.",
  },
  "not-changed": {
    category: "COMPOSITION",
    summary: "A not schema changed so that some events valid on one side are not on the other.",
  },
  "condition-changed": {
    category: "COMPOSITION",
    summary: "An if/then/else changed so that some events valid on one side are not on the other.",
  },
  "unknown-keyword-changed": {
    category: "STRUCTURE",
    summary: "A keyword Accord does not reason about changed; the engine cannot tell what it does.",
  },
  "analysis-budget-exceeded": {
    category: "STRUCTURE",
    summary: "The schemas nest or recurse deeper than the engine can follow, so nothing was decided.",
  },
  "unevaluated-changed": {
    category: "COMPOSITION",
    summary:
      "An unevaluatedProperties or unevaluatedItems changed where what it applies to depends on which conditional branches match.",
  },
  "recursive-ref-changed": {
    category: "REFERENCE",
    summary:
      "A recursive reference ($recursiveRef or $dynamicRef) changed; the engine does not reason about dynamic scope.",
  },
} as const satisfies Record<string, CompatRuleSpec>;

export type CompatRuleId = keyof typeof COMPAT_RULES;

export const COMPAT_RULE_IDS = Object.keys(COMPAT_RULES).sort() as CompatRuleId[];

/** Ids that once existed; never reuse them. */
export const RETIRED_COMPAT_RULES: readonly string[] = [];
