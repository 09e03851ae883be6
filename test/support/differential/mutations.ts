import type { Rng } from "../../../bench/fixtures/event-schemas.js";
import { isJsonObject } from "../../../contracts/schema/json-value.js";
import type { Json } from "../../../contracts/schema/types.js";
import type { DraftShape } from "./drafts.js";
import {
  FORMATS,
  type GenContext,
  genLeaf,
  type JsonObject,
  MULTIPLES,
  NAMES,
  PATTERNS,
  THEN,
} from "./schemas.js";

/**
 * Edits toward edge cases, the way schemas evolve: bounds moved by 1 or by a hair, exclusive and
 * inclusive swapped, a required name flipped, an enum value dropped, a pattern tightened, a branch
 * added or removed, a sub-schema replaced by `true`/`false`. Each applies to one sub-schema.
 */

const MAP_KEYWORDS = [
  "properties",
  "patternProperties",
  "definitions",
  "$defs",
  "dependentSchemas",
  "dependencies",
];
const SINGLE_KEYWORDS = [
  "items",
  "additionalItems",
  "additionalProperties",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "unevaluatedProperties",
  "unevaluatedItems",
];
const LIST_KEYWORDS = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];

/** A place that holds a sub-schema: the container and the key (or index) under which it sits. */
export interface Slot {
  readonly parent: JsonObject | Json[];
  readonly key: string | number;
}

/** Every sub-schema slot of a schema, the root excluded, in document order. */
export function subschemaSlots(schema: Json, out: Slot[] = []): Slot[] {
  if (!isJsonObject(schema)) return out;
  for (const [keyword, value] of Object.entries(schema)) {
    if (MAP_KEYWORDS.includes(keyword) && isJsonObject(value)) {
      for (const name of Object.keys(value)) {
        // `dependencies` entries may be name lists (draft-07); only schemas are sub-schemas.
        if (Array.isArray(value[name])) continue;
        out.push({ parent: value, key: name });
        subschemaSlots(value[name] as Json, out);
      }
    } else if (LIST_KEYWORDS.includes(keyword) && Array.isArray(value)) {
      value.forEach((child, index) => {
        out.push({ parent: value, key: index });
        subschemaSlots(child, out);
      });
    } else if (SINGLE_KEYWORDS.includes(keyword) && (isJsonObject(value) || typeof value === "boolean")) {
      out.push({ parent: schema, key: keyword });
      subschemaSlots(value, out);
    }
  }
  return out;
}

export const NUMERIC_BOUNDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
export const COUNT_BOUNDS = [
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "minContains",
  "maxContains",
];
const EPSILONS = [1e-9, Number.EPSILON, 0.5];

type Mutation = (node: JsonObject, ctx: GenContext) => boolean;

const pickKey = (rng: Rng, node: JsonObject, keys: readonly string[]): string | undefined => {
  const present = keys.filter((key) => key in node);
  return present.length > 0 ? rng.pick(present) : undefined;
};

/** Each returns false when it does not apply to the node, so another can be tried. */
const MUTATIONS: readonly Mutation[] = [
  // Numeric bounds: ±1, ±ε, dropped, or exclusive/inclusive swapped.
  (node, { rng }) => {
    const key = pickKey(rng, node, NUMERIC_BOUNDS);
    if (!key) return false;
    const value = node[key] as number;
    const step = rng.chance(0.5) ? 1 : rng.pick(EPSILONS);
    const choice = rng.int(0, 3);
    if (choice === 0) delete node[key];
    else if (choice === 1) {
      const swapped = key.startsWith("exclusive")
        ? key.replace("exclusiveM", "m")
        : `exclusive${key[0]?.toUpperCase()}${key.slice(1)}`;
      delete node[key];
      node[swapped] = value;
    } else node[key] = value + (rng.chance(0.5) ? step : -step);
    return true;
  },
  (node, { rng }) => {
    if (!["number", "integer"].includes(node.type as string) || pickKey(rng, node, NUMERIC_BOUNDS))
      return false;
    node[rng.pick(NUMERIC_BOUNDS)] = rng.pick([0, 1, 2.5, -1, 1e21]);
    return true;
  },
  (node, { rng }) => {
    if (!("multipleOf" in node) && !["number", "integer"].includes(node.type as string)) return false;
    if ("multipleOf" in node && rng.chance(0.3)) delete node.multipleOf;
    else node.multipleOf = rng.pick(MULTIPLES);
    return true;
  },
  // Counts (lengths, item and property counts): ±1 or dropped, never negative.
  (node, { rng }) => {
    const key = pickKey(rng, node, COUNT_BOUNDS);
    if (!key) return false;
    const value = node[key] as number;
    if (rng.chance(0.25)) delete node[key];
    else node[key] = Math.max(key === "maxContains" ? 1 : 0, value + (rng.chance(0.5) ? 1 : -1));
    return true;
  },
  (node, { rng }) => {
    const kinds: Record<string, string[]> = {
      string: ["minLength", "maxLength"],
      array: ["minItems", "maxItems", "minContains", "maxContains"],
      object: ["minProperties", "maxProperties"],
    };
    const candidates = kinds[node.type as string];
    if (!candidates) return false;
    node[rng.pick(candidates)] = rng.int(1, 3);
    return true;
  },
  // Strings: pattern tightened, loosened or replaced; format changed, dropped or added.
  (node, { rng }) => {
    if (typeof node.pattern !== "string") {
      if (node.type !== "string") return false;
      node.pattern = rng.pick(PATTERNS);
      return true;
    }
    const pattern = node.pattern;
    node.pattern = rng.pick([
      () => (pattern.startsWith("^") ? pattern.slice(1) : `^${pattern}`),
      () => (pattern.endsWith("$") ? pattern.slice(0, -1) : `${pattern}$`),
      () => pattern.replace(".", "[a-z]"),
      () => pattern.replace("*", "+"),
      () => `(${pattern})|z`,
      () => rng.pick(PATTERNS),
    ])();
    if (rng.chance(0.15)) delete node.pattern;
    return true;
  },
  (node, { rng }) => {
    if (!("format" in node) && node.type !== "string") return false;
    if ("format" in node && rng.chance(0.4)) delete node.format;
    else node.format = rng.pick(FORMATS);
    return true;
  },
  // Values: an enum value removed or added, enum to const, const changed.
  (node, { rng }) => {
    if (!Array.isArray(node.enum)) return false;
    const values = node.enum;
    if (values.length > 1 && rng.chance(0.5)) values.splice(rng.int(0, values.length - 1), 1);
    else if (rng.chance(0.5)) {
      const extra = rng.pick<Json>(["z", 7, null, false, "\n", 3.4000000000000004]);
      if (!values.some((value) => JSON.stringify(value) === JSON.stringify(extra))) values.push(extra);
    } else {
      node.const = values[0] ?? null;
      delete node.enum;
    }
    return true;
  },
  (node, { rng }) => {
    if (!("const" in node)) return false;
    if (rng.chance(0.5)) node.enum = [node.const as Json, rng.pick<Json>(["z", 0, null])];
    else node.const = rng.pick<Json>(["z", 0, null, "", [], {}]);
    if ("enum" in node) delete node.const;
    return true;
  },
  // Types: widened, narrowed, integer <-> number.
  (node, { rng }) => {
    if (!("type" in node)) return false;
    const types = Array.isArray(node.type) ? [...(node.type as string[])] : [node.type as string];
    const choice = rng.int(0, 2);
    if (choice === 0 && types.length > 1) types.splice(rng.int(0, types.length - 1), 1);
    else if (choice === 1) {
      const extra = rng.pick(["null", "string", "integer", "number", "object", "array", "boolean"]);
      if (!types.includes(extra)) types.push(extra);
    } else {
      const index = types.findIndex((type) => type === "integer" || type === "number");
      if (index < 0) return false;
      types[index] = types[index] === "integer" ? "number" : "integer";
    }
    node.type = types.length === 1 ? (types[0] as string) : [...new Set(types)].sort();
    return true;
  },
  // Objects: required flipped, a property added or removed, closed or opened.
  (node, { rng }) => {
    if (!isJsonObject(node.properties)) return false;
    const names = Object.keys(node.properties);
    const required = Array.isArray(node.required) ? [...(node.required as string[])] : [];
    const name = rng.pick(names.length > 0 ? names : NAMES);
    const index = required.indexOf(name);
    if (index >= 0) required.splice(index, 1);
    else required.push(name);
    if (required.length > 0) node.required = required;
    else delete node.required;
    return true;
  },
  (node, ctx) => {
    if (!isJsonObject(node.properties)) return false;
    const names = Object.keys(node.properties);
    if (names.length > 0 && ctx.rng.chance(0.4)) delete node.properties[ctx.rng.pick(names)];
    else node.properties[ctx.rng.pick(NAMES)] = genLeaf(ctx, 1);
    return true;
  },
  (node, ctx) => {
    if (!isJsonObject(node.properties) && node.type !== "object") return false;
    const choice = ctx.rng.int(0, 3);
    if (choice === 0) delete node.additionalProperties;
    else node.additionalProperties = choice === 1 ? false : choice === 2 ? true : genLeaf(ctx, 0);
    return true;
  },
  (node, ctx) => {
    if (node.type !== "object" && !isJsonObject(node.properties)) return false;
    const { rng } = ctx;
    const choice = rng.int(0, 2);
    if (choice === 0)
      node.patternProperties = { [rng.pick(["^x", "^[a-c]$", "y", "^.*$"])]: genLeaf(ctx, 0) };
    else if (choice === 1) node.propertyNames = { pattern: rng.pick(PATTERNS) };
    else {
      delete node.patternProperties;
      delete node.propertyNames;
    }
    return true;
  },
  // Dependencies in both spellings.
  (node, ctx) => {
    if (node.type !== "object" && !isJsonObject(node.properties)) return false;
    const { rng, shape } = ctx;
    const [first = "a", second = "b"] = rng.pickSome(NAMES, 2);
    const keyword = shape.dependent ? rng.pick(["dependentRequired", "dependentSchemas"]) : "dependencies";
    if (keyword in node && rng.chance(0.4)) {
      delete node[keyword];
      return true;
    }
    const entry: Json =
      keyword === "dependentRequired" || (keyword === "dependencies" && rng.chance(0.5))
        ? [second]
        : rng.pick<Json>([{ required: [second] }, false, { properties: { [second]: genLeaf(ctx, 0) } }]);
    node[keyword] = { ...(isJsonObject(node[keyword]) ? node[keyword] : {}), [first]: entry };
    return true;
  },
  // Arrays: tuples grown or shortened, the rest closed or opened, contains and uniqueness flipped.
  (node, ctx) => mutateTuple(node, ctx),
  (node, ctx) => {
    if (node.type !== "array") return false;
    const { rng } = ctx;
    const choice = rng.int(0, 2);
    if (choice === 0) {
      if ("contains" in node) {
        delete node.contains;
        delete node.minContains;
        delete node.maxContains;
      } else node.contains = genLeaf(ctx, 0);
    } else if (choice === 1) {
      if (node.uniqueItems === true) delete node.uniqueItems;
      else node.uniqueItems = true;
    } else if ("contains" in node && ctx.shape.modern) {
      node[rng.pick(["minContains", "maxContains"])] = rng.int(1, 2);
    } else node.items = genLeaf(ctx, 1);
    return true;
  },
  // Combinators: a branch added or removed, anyOf <-> oneOf, not added or dropped, if/then/else edited.
  (node, ctx) => {
    const key = pickKey(ctx.rng, node, ["allOf", "anyOf", "oneOf"]);
    if (!key) return false;
    const branches = node[key] as Json[];
    const choice = ctx.rng.int(0, 2);
    if (choice === 0 && branches.length > 1) branches.splice(ctx.rng.int(0, branches.length - 1), 1);
    else if (choice === 1 && key !== "allOf") {
      node[key === "anyOf" ? "oneOf" : "anyOf"] = branches;
      delete node[key];
    } else branches.push(genLeaf(ctx, 1));
    return true;
  },
  (node, ctx) => {
    if ("not" in node && ctx.rng.chance(0.5)) delete node.not;
    else node.not = genLeaf(ctx, 0);
    return true;
  },
  (node, ctx) => {
    if (!("if" in node)) return false;
    const key = ctx.rng.pick(["if", "then", "else"]);
    if (key in node && ctx.rng.chance(0.5)) delete node[key];
    else node[key] = ctx.rng.chance(0.3) ? ctx.rng.chance(0.5) : genLeaf(ctx, 0);
    return true;
  },
  // A `$ref` gains a sibling (which applies beside it in every draft ajv runs).
  (node, ctx) => {
    if (typeof node.$ref !== "string") return false;
    const { rng } = ctx;
    rng.pick([
      () => {
        node.not = genLeaf(ctx, 0);
      },
      () => {
        node.if = true;
        node[THEN] = rng.chance(0.5) ? false : genLeaf(ctx, 0);
      },
      () => {
        node.type = rng.pick(["string", "object", "number"]);
      },
    ])();
    return true;
  },
  (node, ctx) => {
    const key = pickKey(ctx.rng, node, ["unevaluatedProperties", "unevaluatedItems"]);
    if (!key) {
      if (!ctx.shape.modern || !["object", "array"].includes(node.type as string)) return false;
      node[node.type === "object" ? "unevaluatedProperties" : "unevaluatedItems"] = false;
      return true;
    }
    const choice = ctx.rng.int(0, 2);
    if (choice === 0) delete node[key];
    else node[key] = choice === 1 ? ctx.rng.chance(0.5) : genLeaf(ctx, 0);
    return true;
  },
];

function mutateTuple(node: JsonObject, ctx: GenContext): boolean {
  const { rng, shape } = ctx;
  const tupleKey = shape.tuple === "prefixItems" ? "prefixItems" : "items";
  const restKey = shape.tuple === "prefixItems" ? "items" : "additionalItems";
  const tuple = node[tupleKey];
  if (!Array.isArray(tuple)) return false;
  const choice = rng.int(0, 2);
  if (choice === 0 && tuple.length > 1) tuple.pop();
  else if (choice === 1) tuple.push(genLeaf(ctx, 0));
  else if (restKey in node && rng.chance(0.3)) delete node[restKey];
  else node[restKey] = rng.pick<Json>([false, true, genLeaf(ctx, 0)]);
  return true;
}

/**
 * Applies `edits` mutations to a deep copy, each at a random sub-schema (or the root); a slot may
 * also become `true`, `false` or `{}` outright.
 */
export function mutate(rng: Rng, shape: DraftShape, schema: JsonObject, edits = 1): JsonObject {
  const copy = structuredClone(schema);
  const ctx: GenContext = { rng, shape, defs: {} };
  for (let edit = 0; edit < edits; edit++) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const slots = subschemaSlots(copy);
      const slot = slots.length > 0 && rng.chance(0.8) ? rng.pick(slots) : undefined;
      const node = slot ? (slot.parent as Record<string | number, Json>)[slot.key] : copy;
      if (slot && rng.chance(0.08)) {
        (slot.parent as Record<string | number, Json>)[slot.key] = rng.pick<Json>([true, false, {}]);
        break;
      }
      if (!isJsonObject(node)) continue;
      const mutation = rng.pick(MUTATIONS);
      if (mutation(node, ctx)) break;
    }
  }
  return copy;
}
