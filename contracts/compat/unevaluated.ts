/**
 * `unevaluatedProperties` / `unevaluatedItems` (2019-09, 2020-12) apply to what no adjacent
 * keyword evaluated: the node's own properties, patternProperties, additionalProperties, tuple
 * and tail items, and those of every sub-schema applied in place (`$ref`, `allOf`, and the
 * conditional ones: `anyOf`, `oneOf`, `if`/`then`/`else`, `dependentSchemas`). When only
 * unconditional sub-schemas evaluate anything, what is evaluated is fixed: a set of names and
 * patterns, or a prefix length. The keyword then means exactly `additionalProperties` over those
 * names, or `items` after that prefix, which the normal form holds. Anything conditional (an
 * `anyOf` member's properties count only where that member passes) or `contains` (it evaluates
 * the items that match) is left to the caller as an opaque constraint.
 */
import { isJsonObject } from "../schema/json-value.js";
import type { Json, JsonObject } from "../schema/types.js";

export interface EvaluatedProperties {
  /** Every property is evaluated (an additionalProperties or nested unevaluatedProperties applies). */
  readonly all: boolean;
  readonly names: ReadonlySet<string>;
  readonly patterns: readonly string[];
}

export interface EvaluatedItems {
  readonly all: boolean;
  /** Items before this index are evaluated (the longest tuple). */
  readonly prefix: number;
}

/** Applicators that evaluate only where their sub-schema passes (dependentSchemas aside: a map). */
const CONDITIONAL = ["anyOf", "oneOf", "if", "then", "else"] as const;

function conditionalContributes(
  schema: JsonObject,
  resolve: (ref: string, from: Json) => Json | undefined,
  keywords: readonly string[],
): boolean {
  const dependents = isJsonObject(schema.dependentSchemas) ? Object.values(schema.dependentSchemas) : [];
  return [...CONDITIONAL.map((keyword) => schema[keyword]), dependents].some((value) =>
    contributes(value, resolve, keywords),
  );
}

/**
 * What the node's adjacent keywords evaluate, or undefined when it depends on which conditional
 * sub-schemas pass (or on a dynamic reference).
 */
export function evaluatedProperties(
  node: JsonObject,
  resolve: (ref: string, from: Json) => Json | undefined,
): EvaluatedProperties | undefined {
  const names = new Set<string>();
  const patterns: string[] = [];
  let all = false;
  const visit = (schema: Json | undefined, seen: Set<object>, top: boolean): boolean => {
    if (!isJsonObject(schema) || seen.has(schema)) return true;
    seen.add(schema);
    if (isJsonObject(schema.properties)) for (const name of Object.keys(schema.properties)) names.add(name);
    if (isJsonObject(schema.patternProperties)) patterns.push(...Object.keys(schema.patternProperties));
    if (schema.additionalProperties !== undefined) all = true;
    if (!top && schema.unevaluatedProperties !== undefined) all = true;
    if (!visitApplied(schema, seen, resolve, visit)) return false;
    return !conditionalContributes(schema, resolve, propertyKeywords);
  };
  if (!visit(node, new Set(), true)) return undefined;
  return { all, names, patterns };
}

export function evaluatedItems(
  node: JsonObject,
  resolve: (ref: string, from: Json) => Json | undefined,
): EvaluatedItems | undefined {
  let prefix = 0;
  let all = false;
  let dependsOnItems = false;
  const visit = (schema: Json | undefined, seen: Set<object>, top: boolean): boolean => {
    if (!isJsonObject(schema) || seen.has(schema)) return true;
    seen.add(schema);
    if (Array.isArray(schema.prefixItems)) {
      prefix = Math.max(prefix, schema.prefixItems.length);
      if (schema.items !== undefined) all = true;
    } else if (Array.isArray(schema.items)) {
      prefix = Math.max(prefix, schema.items.length);
      if (schema.additionalItems !== undefined) all = true;
    } else if (schema.items !== undefined) all = true;
    if (!top && schema.unevaluatedItems !== undefined) all = true;
    if (schema.contains !== undefined) dependsOnItems = true;
    if (!visitApplied(schema, seen, resolve, visit)) return false;
    return !conditionalContributes(schema, resolve, itemKeywords);
  };
  if (!visit(node, new Set(), true)) return undefined;
  if (all) return { all, prefix };
  return dependsOnItems ? undefined : { all, prefix };
}

type Visit = (schema: Json | undefined, seen: Set<object>, top: boolean) => boolean;

/** Follows the unconditional in-place applicators: `$ref` and `allOf`. */
function visitApplied(
  schema: JsonObject,
  seen: Set<object>,
  resolve: (ref: string, from: Json) => Json | undefined,
  visit: Visit,
): boolean {
  if (schema.$dynamicRef !== undefined || schema.$recursiveRef !== undefined) return false;
  if (typeof schema.$ref === "string") {
    const target = resolve(schema.$ref, schema);
    if (target === undefined || !visit(target, seen, false)) return false;
  }
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf) if (!visit(member, seen, false)) return false;
  }
  return true;
}

const propertyKeywords = ["properties", "patternProperties", "additionalProperties", "unevaluatedProperties"];
const itemKeywords = ["prefixItems", "items", "additionalItems", "unevaluatedItems", "contains"];

/** Whether a conditional sub-schema (or a list or map of them) could evaluate anything. */
function contributes(
  value: Json | undefined,
  resolve: (ref: string, from: Json) => Json | undefined,
  keywords: readonly string[],
  seen = new Set<object>(),
): boolean {
  if (value === undefined || value === null || typeof value !== "object") return false;
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((member) => contributes(member, resolve, keywords, seen));
  if (keywords.some((keyword) => value[keyword] !== undefined)) return true;
  if (value.$dynamicRef !== undefined || value.$recursiveRef !== undefined) return true;
  if (typeof value.$ref === "string") {
    const target = resolve(value.$ref, value);
    if (target === undefined || contributes(target, resolve, keywords, seen)) return true;
  }
  const dependents = isJsonObject(value.dependentSchemas) ? Object.values(value.dependentSchemas) : [];
  return [value.allOf, ...CONDITIONAL.map((keyword) => value[keyword]), dependents].some((member) =>
    contributes(member, resolve, keywords, seen),
  );
}
