/**
 * One sentence per finding, written in terms of the old and the new schema (not writer and
 * reader), past tense, naming the keyword and both values.
 */
import type { Json } from "../schema/types.js";
import type { GapKind, GapSite } from "./gaps.js";
import type { Direction } from "./types.js";

const BOUND_KEYWORDS: Partial<Record<GapKind, string>> = {
  maximum: "maximum",
  minimum: "minimum",
  maxLength: "maxLength",
  minLength: "minLength",
  maxItems: "maxItems",
  minItems: "minItems",
  maxProperties: "maxProperties",
  minProperties: "minProperties",
  multipleOf: "multipleOf",
  pattern: "pattern",
  format: "format",
};

export function describeGap(site: GapSite, direction: Direction): string {
  const backward = direction === "backward";
  const previous = show(backward ? site.writerValue : site.readerValue);
  const current = show(backward ? site.readerValue : site.writerValue);
  const subject = site.subject ?? "";
  const keyword = BOUND_KEYWORDS[site.kind];
  if (keyword) {
    if (previous === current) return `${keyword} differs between the schemas (${current}).`;
    return `${keyword} changed from ${previous} to ${current}.`;
  }
  switch (site.kind) {
    case "false":
      return backward
        ? `The new schema accepts nothing here; the old one accepted ${subject}.`
        : `The old schema accepted nothing here; the new one accepts ${subject}.`;
    case "type":
      return backward
        ? `Type ${subject} is no longer accepted.`
        : `Type ${subject} is now accepted; the old schema rejects it.`;
    case "integer":
      return backward ? "Type narrowed from number to integer." : "Type widened from integer to number.";
    case "enum":
      if (subject) {
        return backward
          ? `Value ${subject} is no longer allowed.`
          : `Value ${subject} is now allowed; the old schema rejects it.`;
      }
      return backward
        ? "An enum or const now restricts the values; old events may carry others."
        : "An enum or const restriction was removed or widened; new events may carry values the old schema rejects.";
    case "uniqueItems":
      return backward
        ? "uniqueItems was set: arrays with repeated items are rejected."
        : "uniqueItems was dropped: new events may repeat items, which old readers reject.";
    case "contains":
      return "contains changed: some arrays valid on one side lack the items the other requires.";
    case "tuple":
      return backward
        ? "Positional items changed: old events may have an item where the new schema allows none or another kind."
        : "Positional items changed: new events may have an item where the old schema allows none or another kind.";
    case "required":
      return backward
        ? `Property "${subject}" became required.`
        : `Property "${subject}" is no longer required.`;
    case "open-property":
      return backward
        ? `Property "${subject}" was declared on an open object; old events may already carry "${subject}" with a value the declaration rejects.`
        : `Property "${subject}" was removed from an open object; new events may carry "${subject}" with a value the old declaration rejects.`;
    case "closed-property":
      return backward
        ? `Property "${subject}" was removed from an object that rejects undeclared properties.`
        : `Property "${subject}" was added; old readers reject undeclared properties.`;
    case "additional":
      return backward
        ? `additionalProperties or patternProperties narrowed: property "${subject}" is rejected or constrained further.`
        : `additionalProperties or patternProperties widened: new events may carry property "${subject}" that old readers reject.`;
    case "propertyNames":
      return `propertyNames changed: property name "${subject}" is valid on one side only.`;
    case "dependentRequired":
      return backward ? `dependentRequired added: ${subject}.` : `dependentRequired removed: ${subject}.`;
    case "branch":
      return backward
        ? `An alternative the old schema accepted${subject ? ` (${subject})` : ""} has no match in the new one.`
        : `The new schema accepts an alternative${subject ? ` (${subject})` : ""} that the old one rejects.`;
    case "one-of":
      return "oneOf branches overlap: events matching more than one branch are rejected.";
    case "not":
      return `A not constraint changed${subject ? ` (it excludes ${subject})` : ""}.`;
    case "condition":
      return "An if/then/else constraint changed.";
    case "dependent-schema":
      return "dependentSchemas changed.";
    case "unknown-keyword":
      return `Keyword "${subject}" changed; Accord does not know what it validates.`;
    case "budget":
      return "The schemas nest or recurse deeper than the engine can follow.";
    case "unevaluated":
      return `${subject} changed where what it applies to depends on which anyOf/oneOf/if branches or contains items match.`;
    case "dynamic-ref":
      return `A dynamic or unresolved reference (${subject}) changed.`;
    case "combination":
      return "The schema combines more alternatives (anyOf/oneOf inside allOf) than the engine expands; it is compared as a whole.";
    default:
      return `${site.kind} changed.`;
  }
}

function show(value: Json | undefined): string {
  if (value === undefined) return "none";
  return typeof value === "string" ? value : JSON.stringify(value);
}
