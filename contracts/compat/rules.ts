/**
 * Compatibility rules, one record each: what a person, an exception in accord.yaml, or a CI
 * annotation names, and everything the engine needs to report it. A record carries its id (the
 * key), its keyword family (which checker finds it: keywords/<family>.ts, bounds.ts for bounds),
 * the direction whose break it names, its summary, and under `reports` the gap kinds (gaps.ts)
 * reported under it, each with its message template. Bounds (maxLength, minimum, ...) have their
 * comparator in bounds.ts, whose table names these ids again (checked by the compiler).
 *
 * An id describes the change from the old schema to the new one; each gap the engine finds maps to
 * one id per direction (a lowered maxLength breaks backward, a raised one breaks forward). The
 * compiler rejects a gap kind that has no rule, and so no message, in either direction
 * (EveryGapReported below). Never rename or reuse an id: deprecate it and add the old id to
 * RETIRED_COMPAT_RULES. Where Confluent names the same change, `confluent` says its name so
 * migrating users find it.
 */
import type { Json } from "../schema/types.js";
import type { GapKind, GapSite } from "./gaps.js";
import type { Direction } from "./types.js";

export type CompatCategory = "STRUCTURE" | "CONSTRAINT" | "COMPOSITION" | "REFERENCE";

/**
 * The keyword family whose checker reports a rule: type (and the false schema), enum/const,
 * number, string, array, object, composition (anyOf/oneOf/not/if), reference ($dynamicRef), and
 * schema for what concerns a schema as a whole (unknown keywords, the analysis budget).
 */
export const COMPAT_FAMILIES = [
  "type",
  "enum",
  "number",
  "string",
  "array",
  "object",
  "composition",
  "reference",
  "schema",
] as const;

export type CompatFamily = (typeof COMPAT_FAMILIES)[number];

/** What a message template reads: the old and the new schema's setting ("none" when absent). */
export interface MessageData {
  readonly previous: string;
  readonly current: string;
  /** The property, type or value the gap is about ("" when there is none). */
  readonly subject: string;
  readonly direction: Direction;
}

/** One sentence, in terms of the old and the new schema (not writer and reader), past tense. */
export type MessageTemplate = (data: MessageData) => string;

export interface CompatRuleSpec {
  readonly family: CompatFamily;
  /**
   * The direction whose break the id names: backward (the new schema rejects old events),
   * forward (old readers reject new events), or both for a change named the same either way.
   */
  readonly direction: Direction | "both";
  readonly category: CompatCategory;
  /** One capitalised sentence ending in a period. */
  readonly summary: string;
  readonly confluent?: string;
  /** The gap kinds reported under this id in its direction(s), each with its message. */
  readonly reports: Partial<Record<GapKind, MessageTemplate>>;
}

/** A keyword whose setting changed: both values named. */
function changed(keyword: string): MessageTemplate {
  return ({ previous, current }) =>
    previous === current
      ? `${keyword} differs between the schemas (${current}).`
      : `${keyword} changed from ${previous} to ${current}.`;
}

const combined: MessageTemplate = () =>
  "The schema combines more alternatives (anyOf/oneOf inside allOf) than the engine expands; it is compared as a whole.";

export const COMPAT_RULES = {
  "schema-narrowed-to-false": {
    family: "type",
    direction: "backward",
    category: "STRUCTURE",
    summary:
      "The reader became the false schema (or an empty type set) and accepts nothing the writer emits.",
    reports: {
      false: ({ subject }) => `The new schema accepts nothing here; the old one accepted ${subject}.`,
    },
  },
  "type-narrowed": {
    family: "type",
    direction: "backward",
    category: "STRUCTURE",
    summary: "The new schema no longer accepts a type the old one accepted.",
    confluent: "TYPE_NARROWED",
    reports: {
      type: ({ subject }) => `Type ${subject} is no longer accepted.`,
      integer: () => "Type narrowed from number to integer.",
    },
  },
  "type-widened": {
    family: "type",
    direction: "forward",
    category: "STRUCTURE",
    summary: "The new schema accepts a type the old one rejected, so old readers fail on it.",
    confluent: "TYPE_EXTENDED",
    reports: {
      false: ({ subject }) => `The old schema accepted nothing here; the new one accepts ${subject}.`,
      type: ({ subject }) => `Type ${subject} is now accepted; the old schema rejects it.`,
      integer: () => "Type widened from integer to number.",
    },
  },
  "enum-value-removed": {
    family: "enum",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "A value allowed by the old enum or const is not allowed by the new schema.",
    confluent: "ENUM_ARRAY_NARROWED",
    reports: {
      enum: ({ subject }) =>
        subject
          ? `Value ${subject} is no longer allowed.`
          : "An enum or const now restricts the values; old events may carry others.",
    },
  },
  "enum-value-added": {
    family: "enum",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "The new schema allows a value the old enum or const rejected.",
    confluent: "ENUM_ARRAY_EXTENDED",
    reports: {
      enum: ({ subject }) =>
        subject
          ? `Value ${subject} is now allowed; the old schema rejects it.`
          : "An enum or const restriction was removed or widened; new events may carry values the old schema rejects.",
    },
  },
  "maximum-decreased": {
    family: "number",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "maximum or exclusiveMaximum was added or lowered.",
    confluent: "MAXIMUM_DECREASED",
    reports: { maximum: changed("maximum") },
  },
  "maximum-increased": {
    family: "number",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "maximum or exclusiveMaximum was removed or raised.",
    confluent: "MAXIMUM_INCREASED",
    reports: { maximum: changed("maximum") },
  },
  "minimum-increased": {
    family: "number",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "minimum or exclusiveMinimum was added or raised.",
    confluent: "MINIMUM_INCREASED",
    reports: { minimum: changed("minimum") },
  },
  "minimum-decreased": {
    family: "number",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "minimum or exclusiveMinimum was removed or lowered.",
    confluent: "MINIMUM_DECREASED",
    reports: { minimum: changed("minimum") },
  },
  "multiple-of-changed": {
    family: "number",
    direction: "both",
    category: "CONSTRAINT",
    summary: "multipleOf changed so that some numbers valid on one side are not on the other.",
    confluent: "MULTIPLE_OF_CHANGED",
    reports: { multipleOf: changed("multipleOf") },
  },
  "max-length-decreased": {
    family: "string",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "maxLength was added or lowered.",
    confluent: "MAX_LENGTH_DECREASED",
    reports: { maxLength: changed("maxLength") },
  },
  "max-length-increased": {
    family: "string",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "maxLength was removed or raised.",
    confluent: "MAX_LENGTH_INCREASED",
    reports: { maxLength: changed("maxLength") },
  },
  "min-length-increased": {
    family: "string",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "minLength was added or raised.",
    confluent: "MIN_LENGTH_INCREASED",
    reports: { minLength: changed("minLength") },
  },
  "min-length-decreased": {
    family: "string",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "minLength was removed or lowered.",
    confluent: "MIN_LENGTH_DECREASED",
    reports: { minLength: changed("minLength") },
  },
  "pattern-changed": {
    family: "string",
    direction: "both",
    category: "CONSTRAINT",
    summary: "pattern was added or changed so that some strings valid on one side are not on the other.",
    confluent: "PATTERN_CHANGED",
    reports: { pattern: changed("pattern") },
  },
  "format-changed": {
    family: "string",
    direction: "both",
    category: "CONSTRAINT",
    summary: "format was added or changed so that some strings valid on one side are not on the other.",
    reports: { format: changed("format") },
  },
  "max-items-decreased": {
    family: "array",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "maxItems was added or lowered.",
    confluent: "MAX_ITEMS_DECREASED",
    reports: { maxItems: changed("maxItems") },
  },
  "max-items-increased": {
    family: "array",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "maxItems was removed or raised.",
    confluent: "MAX_ITEMS_INCREASED",
    reports: { maxItems: changed("maxItems") },
  },
  "min-items-increased": {
    family: "array",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "minItems was added or raised.",
    confluent: "MIN_ITEMS_INCREASED",
    reports: { minItems: changed("minItems") },
  },
  "min-items-decreased": {
    family: "array",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "minItems was removed or lowered.",
    confluent: "MIN_ITEMS_DECREASED",
    reports: { minItems: changed("minItems") },
  },
  "unique-items-added": {
    family: "array",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "uniqueItems was set, so arrays with repeated items are rejected.",
    confluent: "UNIQUE_ITEMS_ADDED",
    reports: {
      uniqueItems: () => "uniqueItems was set: arrays with repeated items are rejected.",
    },
  },
  "unique-items-removed": {
    family: "array",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "uniqueItems was dropped, so arrays with repeated items are now emitted.",
    confluent: "UNIQUE_ITEMS_REMOVED",
    reports: {
      uniqueItems: () => "uniqueItems was dropped: new events may repeat items, which old readers reject.",
    },
  },
  "contains-changed": {
    family: "array",
    direction: "both",
    category: "CONSTRAINT",
    summary:
      "contains (or minContains/maxContains) changed so that some arrays valid on one side are not on the other.",
    reports: {
      contains: () => "contains changed: some arrays valid on one side lack the items the other requires.",
    },
  },
  "tuple-items-changed": {
    family: "array",
    direction: "both",
    category: "STRUCTURE",
    summary:
      "Positional items (prefixItems, or draft-07 array items) or the items allowed after them changed incompatibly.",
    confluent: "ADDITIONAL_ITEMS_NARROWED",
    reports: {
      tuple: ({ direction }) =>
        direction === "backward"
          ? "Positional items changed: old events may have an item where the new schema allows none or another kind."
          : "Positional items changed: new events may have an item where the old schema allows none or another kind.",
    },
  },
  "max-properties-decreased": {
    family: "object",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "maxProperties was added or lowered.",
    confluent: "MAX_PROPERTIES_DECREASED",
    reports: { maxProperties: changed("maxProperties") },
  },
  "max-properties-increased": {
    family: "object",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "maxProperties was removed or raised.",
    confluent: "MAX_PROPERTIES_INCREASED",
    reports: { maxProperties: changed("maxProperties") },
  },
  "min-properties-increased": {
    family: "object",
    direction: "backward",
    category: "CONSTRAINT",
    summary: "minProperties was added or raised.",
    confluent: "MIN_PROPERTIES_INCREASED",
    reports: { minProperties: changed("minProperties") },
  },
  "min-properties-decreased": {
    family: "object",
    direction: "forward",
    category: "CONSTRAINT",
    summary: "minProperties was removed or lowered.",
    confluent: "MIN_PROPERTIES_DECREASED",
    reports: { minProperties: changed("minProperties") },
  },
  "required-property-added": {
    family: "object",
    direction: "backward",
    category: "STRUCTURE",
    summary: "A property became required that old events may lack.",
    confluent: "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
    reports: {
      required: ({ subject }) => `Property "${subject}" became required.`,
    },
  },
  "required-property-removed": {
    family: "object",
    direction: "forward",
    category: "STRUCTURE",
    summary: "A property stopped being required, so new events may lack what old readers require.",
    confluent: "REQUIRED_ATTRIBUTE_REMOVED",
    reports: {
      required: ({ subject }) => `Property "${subject}" is no longer required.`,
    },
  },
  "property-added-to-open-model": {
    family: "object",
    direction: "backward",
    category: "STRUCTURE",
    summary:
      "A property was declared on an open object; old events may already carry that name with another type.",
    confluent: "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
    reports: {
      "open-property": ({ subject }) =>
        `Property "${subject}" was declared on an open object; old events may already carry "${subject}" with a value the declaration rejects.`,
    },
  },
  "property-removed-from-open-model": {
    family: "object",
    direction: "forward",
    category: "STRUCTURE",
    summary: "A declared property was removed from an open object, so new events may carry it with any type.",
    confluent: "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
    reports: {
      "open-property": ({ subject }) =>
        `Property "${subject}" was removed from an open object; new events may carry "${subject}" with a value the old declaration rejects.`,
    },
  },
  "property-removed-from-closed-model": {
    family: "object",
    direction: "backward",
    category: "STRUCTURE",
    summary: "A property was removed from an object that rejects undeclared properties.",
    confluent: "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL",
    reports: {
      "closed-property": ({ subject }) =>
        `Property "${subject}" was removed from an object that rejects undeclared properties.`,
    },
  },
  "property-added-to-closed-model": {
    family: "object",
    direction: "forward",
    category: "STRUCTURE",
    summary: "A property was added to an object whose old readers reject undeclared properties.",
    confluent: "PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL",
    reports: {
      "closed-property": ({ subject }) =>
        `Property "${subject}" was added; old readers reject undeclared properties.`,
    },
  },
  "additional-properties-narrowed": {
    family: "object",
    direction: "backward",
    category: "STRUCTURE",
    summary: "additionalProperties or patternProperties now reject properties the old schema allowed.",
    confluent: "ADDITIONAL_PROPERTIES_NARROWED",
    reports: {
      additional: ({ subject }) =>
        `additionalProperties or patternProperties narrowed: property "${subject}" is rejected or constrained further.`,
    },
  },
  "additional-properties-widened": {
    family: "object",
    direction: "forward",
    category: "STRUCTURE",
    summary: "additionalProperties or patternProperties now allow properties old readers reject.",
    confluent: "ADDITIONAL_PROPERTIES_EXTENDED",
    reports: {
      additional: ({ subject }) =>
        `additionalProperties or patternProperties widened: new events may carry property "${subject}" that old readers reject.`,
    },
  },
  "property-names-changed": {
    family: "object",
    direction: "both",
    category: "CONSTRAINT",
    summary: "propertyNames changed so that some property names valid on one side are not on the other.",
    reports: {
      propertyNames: ({ subject }) =>
        `propertyNames changed: property name "${subject}" is valid on one side only.`,
    },
  },
  "dependent-required-added": {
    family: "object",
    direction: "backward",
    category: "STRUCTURE",
    summary: "dependentRequired (or draft-07 dependencies) now requires a property old events may lack.",
    confluent: "DEPENDENCY_ARRAY_EXTENDED",
    reports: {
      dependentRequired: ({ subject }) => `dependentRequired added: ${subject}.`,
    },
  },
  "dependent-required-removed": {
    family: "object",
    direction: "forward",
    category: "STRUCTURE",
    summary:
      "dependentRequired (or draft-07 dependencies) was dropped, so new events may lack what old readers require.",
    confluent: "DEPENDENCY_ARRAY_NARROWED",
    reports: {
      dependentRequired: ({ subject }) => `dependentRequired removed: ${subject}.`,
    },
  },
  "dependent-schema-changed": {
    family: "object",
    direction: "both",
    category: "COMPOSITION",
    summary: "dependentSchemas (or schema-valued dependencies) changed incompatibly.",
    reports: { "dependent-schema": () => "dependentSchemas changed." },
  },
  "any-of-branch-removed": {
    family: "composition",
    direction: "backward",
    category: "COMPOSITION",
    summary:
      "An alternative (anyOf, oneOf or a type in a type list) accepted by the old schema has no match in the new one.",
    confluent: "SUM_TYPE_NARROWED",
    reports: {
      branch: ({ subject }) =>
        `An alternative the old schema accepted${subject ? ` (${subject})` : ""} has no match in the new one.`,
      combination: combined,
    },
  },
  "any-of-branch-added": {
    family: "composition",
    direction: "forward",
    category: "COMPOSITION",
    summary: "An alternative accepted by the new schema has no match in the old one.",
    confluent: "SUM_TYPE_EXTENDED",
    reports: {
      branch: ({ subject }) =>
        `The new schema accepts an alternative${subject ? ` (${subject})` : ""} that the old one rejects.`,
      combination: combined,
    },
  },
  "one-of-overlap": {
    family: "composition",
    direction: "both",
    category: "COMPOSITION",
    summary: "oneOf branches overlap, so events matching more than one branch are rejected.",
    reports: {
      "one-of": () => "oneOf branches overlap: events matching more than one branch are rejected.",
    },
  },
  "not-changed": {
    family: "composition",
    direction: "both",
    category: "COMPOSITION",
    summary: "A not schema changed so that some events valid on one side are not on the other.",
    reports: {
      not: ({ subject }) => `A not constraint changed${subject ? ` (it excludes ${subject})` : ""}.`,
    },
  },
  "condition-changed": {
    family: "composition",
    direction: "both",
    category: "COMPOSITION",
    summary: "An if/then/else changed so that some events valid on one side are not on the other.",
    reports: { condition: () => "An if/then/else constraint changed." },
  },
  "unknown-keyword-changed": {
    family: "schema",
    direction: "both",
    category: "STRUCTURE",
    summary: "A keyword Accord does not reason about changed; the engine cannot tell what it does.",
    reports: {
      "unknown-keyword": ({ subject }) =>
        `Keyword "${subject}" changed; Accord does not know what it validates.`,
    },
  },
  "analysis-budget-exceeded": {
    family: "schema",
    direction: "both",
    category: "STRUCTURE",
    summary: "The schemas nest or recurse deeper than the engine can follow, so nothing was decided.",
    reports: {
      budget: () => "The schemas nest or recurse deeper than the engine can follow.",
    },
  },
  "unevaluated-changed": {
    family: "composition",
    direction: "both",
    category: "COMPOSITION",
    summary:
      "An unevaluatedProperties or unevaluatedItems changed where what it applies to depends on which conditional branches match.",
    reports: {
      unevaluated: ({ subject }) =>
        `${subject} changed where what it applies to depends on which anyOf/oneOf/if branches or contains items match.`,
    },
  },
  "recursive-ref-changed": {
    family: "reference",
    direction: "both",
    category: "REFERENCE",
    summary:
      "A recursive reference ($recursiveRef or $dynamicRef) changed; the engine does not reason about dynamic scope.",
    reports: {
      "dynamic-ref": ({ subject }) => `A dynamic or unresolved reference (${subject}) changed.`,
    },
  },
} as const satisfies Record<string, CompatRuleSpec>;

export type CompatRuleId = keyof typeof COMPAT_RULES;

export const COMPAT_RULE_IDS = Object.keys(COMPAT_RULES).sort() as CompatRuleId[];

/** Ids that once existed; never reuse them. */
export const RETIRED_COMPAT_RULES: readonly string[] = [];

type Rules = typeof COMPAT_RULES;
type DirectionsOf<D> = D extends "both" ? Direction : D;

/** The id a gap kind is reported under in a direction, as the compiler sees the records. */
export type RuleOf<K extends GapKind, D extends Direction> = {
  [Id in keyof Rules]: K extends keyof Rules[Id]["reports"]
    ? D extends DirectionsOf<Rules[Id]["direction"]>
      ? Id
      : never
    : never;
}[keyof Rules];

type Reported = {
  [Id in keyof Rules]: `${keyof Rules[Id]["reports"] & string}:${DirectionsOf<Rules[Id]["direction"]>}`;
}[keyof Rules];

type Unreported = Exclude<`${GapKind}:${Direction}`, Reported>;

/**
 * Compiles only while every gap kind has a rule (and so a message) in both directions: a new kind
 * without one fails here, naming the kind and direction.
 */
export type EveryGapReported<Missing extends never = Unreported> = Missing;

const RULE_OF_GAP = new Map<string, CompatRuleId>();
for (const id of COMPAT_RULE_IDS) {
  const spec: CompatRuleSpec = COMPAT_RULES[id];
  const directions: readonly Direction[] =
    spec.direction === "both" ? ["backward", "forward"] : [spec.direction];
  for (const kind of Object.keys(spec.reports))
    for (const direction of directions) {
      const key = `${kind}:${direction}`;
      if (RULE_OF_GAP.has(key)) throw new Error(`compat rules: ${key} is reported by two rules`);
      RULE_OF_GAP.set(key, id);
    }
}

/** The rule a gap kind is reported under when it breaks this direction. */
export function ruleFor(kind: GapKind, direction: Direction): CompatRuleId {
  return RULE_OF_GAP.get(`${kind}:${direction}`) as CompatRuleId;
}

/** The finding's sentence: the rule's template for the gap's kind, over the gap's values. */
export function describeGap(site: GapSite, direction: Direction): string {
  const backward = direction === "backward";
  const template = (COMPAT_RULES[ruleFor(site.kind, direction)] as CompatRuleSpec).reports[site.kind];
  return (template as MessageTemplate)({
    previous: show(backward ? site.writerValue : site.readerValue),
    current: show(backward ? site.readerValue : site.writerValue),
    subject: site.subject ?? "",
    direction,
  });
}

function show(value: Json | undefined): string {
  if (value === undefined) return "none";
  return typeof value === "string" ? value : JSON.stringify(value);
}
