import { isJsonObject } from "../schema/json-value.js";
import type { Json, JsonObject } from "../schema/types.js";

/**
 * Constraint keywords as short phrases a reader scans in a table cell. Annotations (title,
 * description, examples) are shown elsewhere; structure (properties, items) becomes rows.
 */

const MAX_LISTED_VALUES = 12;
const MAX_VALUE_CHARS = 60;

/** A JSON value shortened for a table cell. */
export function shortJson(value: Json): string {
  const text = JSON.stringify(value) ?? "null";
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function values(list: readonly Json[]): string {
  const shown = list.slice(0, MAX_LISTED_VALUES).map(shortJson).join(", ");
  return list.length > MAX_LISTED_VALUES ? `${shown}, … (${list.length - MAX_LISTED_VALUES} more)` : shown;
}

function num(value: Json | undefined): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** `1–64`, `≥ 1`, `≤ 64`: the two bounds of one quantity. */
function range(label: string, min: number | undefined, max: number | undefined): string | undefined {
  if (min !== undefined && max !== undefined)
    return min === max ? `${label} ${min}` : `${label} ${min}–${max}`;
  if (min !== undefined) return `${label} ≥ ${min}`;
  if (max !== undefined) return `${label} ≤ ${max}`;
  return undefined;
}

function numericBounds(k: JsonObject): string[] {
  const out: string[] = [];
  const min = num(k.minimum);
  const max = num(k.maximum);
  // draft-07 onwards: exclusiveMinimum/Maximum are numbers (draft-04's booleans are not read).
  const xmin = num(k.exclusiveMinimum);
  const xmax = num(k.exclusiveMaximum);
  if (xmin !== undefined) out.push(`> ${xmin}`);
  else if (min !== undefined) out.push(`≥ ${min}`);
  if (xmax !== undefined) out.push(`< ${xmax}`);
  else if (max !== undefined) out.push(`≤ ${max}`);
  if (xmin !== undefined && min !== undefined) out.push(`≥ ${min}`);
  if (xmax !== undefined && max !== undefined) out.push(`≤ ${max}`);
  return out;
}

/**
 * The constraints of merged keywords (see schema-view.ts). `closed` is passed by the caller, which
 * knows whether the node describes an object.
 */
export function describeConstraints(k: JsonObject): string[] {
  const out: string[] = [];
  const push = (text: string | undefined): void => {
    if (text !== undefined) out.push(text);
  };

  if ("const" in k) push(`= ${shortJson(k.const as Json)}`);
  if (Array.isArray(k.enum)) push(`one of ${values(k.enum)}`);
  if (typeof k.format === "string") push(`format ${k.format}`);
  push(range("length", num(k.minLength), num(k.maxLength)));
  if (typeof k.pattern === "string") push(`pattern ${k.pattern}`);
  for (const bound of numericBounds(k)) out.push(bound);
  if (typeof k.multipleOf === "number") push(`multiple of ${k.multipleOf}`);
  push(range("items", num(k.minItems), num(k.maxItems)));
  if (k.uniqueItems === true) push("unique items");
  if (k.contains !== undefined) push("must contain a matching item");
  push(range("contains", num(k.minContains), num(k.maxContains)));
  push(range("properties", num(k.minProperties), num(k.maxProperties)));
  if (k.additionalProperties === false) push("no other properties");
  if (k.unevaluatedProperties === false) push("no unevaluated properties");
  if (isJsonObject(k.propertyNames) && typeof k.propertyNames.pattern === "string") {
    push(`property names match ${k.propertyNames.pattern}`);
  }
  const dependent = isJsonObject(k.dependentRequired) ? k.dependentRequired : undefined;
  const legacy = isJsonObject(k.dependencies) ? k.dependencies : undefined;
  for (const map of [dependent, legacy]) {
    if (!map) continue;
    for (const [name, needs] of Object.entries(map)) {
      if (Array.isArray(needs)) push(`with ${name}: requires ${needs.map((n) => String(n)).join(", ")}`);
      else push(`with ${name}: more rules apply`);
    }
  }
  if (isJsonObject(k.dependentSchemas)) {
    for (const name of Object.keys(k.dependentSchemas)) push(`with ${name}: more rules apply`);
  }
  if (k.if !== undefined) push("conditional (if/then/else)");
  if (k.not !== undefined) push("excludes a sub-schema (not)");
  if (typeof k.contentMediaType === "string") push(`content ${k.contentMediaType}`);
  if (typeof k.contentEncoding === "string") push(`encoding ${k.contentEncoding}`);
  if ("default" in k) push(`default ${shortJson(k.default as Json)}`);
  if (k.readOnly === true) push("read-only");
  if (k.writeOnly === true) push("write-only");
  return out;
}
