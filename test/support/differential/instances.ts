import fc from "fast-check";
import RandExp from "randexp";
import { collectHints, type Rng, resolveLocalRef } from "../../../bench/fixtures/event-schemas.js";
import { isJsonObject } from "../../../contracts/schema/json-value.js";
import type { Json } from "../../../contracts/schema/types.js";
import { COUNT_BOUNDS, NUMERIC_BOUNDS } from "./mutations.js";
import type { JsonObject } from "./schemas.js";

/**
 * Candidate instances for a counterexample search: the edge values both schemas mention (bounds
 * and their neighbours by 1 and by a hair, floats that are not exact, multiples computed the way
 * ajv computes them, pattern and format strings with and without line terminators, empty
 * containers), values built to follow either schema through every keyword family, and those
 * values nudged just outside one constraint (a property deleted or added, an item appended).
 */

const FORMAT_VALUES: Record<string, Json[]> = {
  "date-time": [
    "2024-01-02T03:04:05Z",
    "2024-01-02T03:04:05.5+01:00",
    "2024-01-02t03:04:05z",
    "2024-06-30T23:59:60Z",
    "2024-01-02",
    "",
  ],
  date: ["2024-01-02", "2024-02-30", "2024-01-02T03:04:05Z", ""],
  uri: ["https://example.com/a", "urn:x:y", "a", "", "https://example.com/{id}", "https://example.com/a b"],
  email: ["a@example.com", "a", "", "a@b"],
  uuid: ["123e4567-e89b-12d3-a456-426614174000", "123e4567", ""],
};

/** Values at and around every number a schema mentions, including ones that are not exact in binary. */
function numbersAround(value: number, keyword: string): number[] {
  const out = [value, value + 1, value - 1, value + 0.5, value - 0.5, value + 1e-9, value - 1e-9];
  out.push(value * (1 + Number.EPSILON), value * (1 - Number.EPSILON), Math.trunc(value), -value);
  if (keyword === "multipleOf") {
    for (let k = 1; k <= 40; k++) out.push(value * k);
    out.push(value * 1e6, value * 2 ** 53, 3.4000000000000004, 0.30000000000000004, 1e21, 2e21, 1.1e21, 1e22);
  }
  return out.filter((n) => Number.isFinite(n));
}

/** Keywords with a number value: their edges (±1, ±ε) seed instances. */
const NUMBER_KEYWORDS = new Set([...NUMERIC_BOUNDS, "multipleOf", ...COUNT_BOUNDS]);

export interface Pool {
  readonly values: Json[];
  readonly names: string[];
  readonly strings: string[];
  readonly numbers: number[];
}

/** Everything literal both schemas mention, and the edge values around it. */
export function poolOf(rng: Rng, ...schemas: Json[]): Pool {
  const hints = collectHints(...schemas);
  const numbers = new Set<number>([0, 1, -1, 0.5, 2, 3.4000000000000004, 1e21, 2 ** 53]);
  const strings = new Set<string>([
    "",
    "\n",
    "a",
    "a\n",
    "\na",
    "ab",
    "abc",
    "x",
    "zz",
    " ",
    "\r",
    "\u2028",
    "😀",
    "é",
    "aa",
    "ab c",
  ]);
  const names = new Set<string>([...hints.names, "a", "b", "x", "zz", "not"]);
  const visit = (node: Json | undefined, key: string): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, key);
      return;
    }
    if (typeof node === "number" && NUMBER_KEYWORDS.has(key)) {
      for (const n of numbersAround(node, key)) numbers.add(n);
      if (key.endsWith("Length")) {
        // Lengths count code points in ajv: an astral character is one.
        for (const n of [node - 1, node, node + 1]) {
          if (n < 0 || n > 50) continue;
          strings.add("a".repeat(n));
          strings.add("😀".repeat(n));
        }
      }
      return;
    }
    if (typeof node === "string" && (key === "pattern" || key === "patternProperties")) {
      for (const sample of patternSamples(rng, node)) {
        strings.add(sample);
        names.add(sample);
      }
      return;
    }
    if (typeof node === "string" && key === "format") {
      for (const sample of FORMAT_VALUES[node] ?? []) if (typeof sample === "string") strings.add(sample);
      return;
    }
    if (!isJsonObject(node)) return;
    for (const [child, value] of Object.entries(node)) {
      if (child === "patternProperties" && isJsonObject(value)) {
        for (const pattern of Object.keys(value)) visit(pattern, "patternProperties");
      }
      if (child === "enum" || child === "const" || child === "examples" || child === "default") continue;
      visit(value, child);
    }
  };
  for (const schema of schemas) visit(schema, "");
  const values = [...hints.values];
  for (const value of hints.values) if (typeof value === "string") strings.add(value);
  return { values, names: [...names], strings: [...strings], numbers: [...numbers] };
}

/** Strings a pattern matches, and the same with a line terminator or an extra character around them. */
function patternSamples(rng: Rng, pattern: string): string[] {
  const out: string[] = [];
  try {
    const generator = new RandExp(pattern);
    generator.max = 4;
    generator.randInt = (lo: number, hi: number) => rng.int(lo, hi);
    for (let i = 0; i < 4; i++) {
      const sample = generator.gen();
      out.push(sample, `${sample}\n`, `\n${sample}`, `${sample}z`, `Z${sample}`, sample.slice(1));
    }
  } catch {
    // Patterns RandExp cannot expand still get the generic strings of the pool.
  }
  return out;
}

const MAX_DEPTH = 6;

/** A value built to follow the schema (a random branch of each choice); often valid, not always. */
export function valueFor(rng: Rng, schema: Json | undefined, root: Json, pool: Pool, depth = 0): Json {
  if (schema === undefined || schema === true || !isJsonObject(schema) || depth > MAX_DEPTH)
    return anyValue(rng, pool);
  if (typeof schema.$ref === "string" && rng.chance(0.85)) {
    const target = resolveLocalRef(root, schema.$ref) as Json | undefined;
    const { $ref: _ref, ...siblings } = schema;
    return valueFor(rng, merge(target, siblings), root, pool, depth + 1);
  }
  if ("const" in schema && rng.chance(0.9)) return structuredClone(schema.const as Json);
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && rng.chance(0.9))
    return structuredClone(rng.pick(schema.enum));
  const choice = (["anyOf", "oneOf"] as const).find((key) => Array.isArray(schema[key]));
  if (choice && rng.chance(0.8)) {
    const { [choice]: branches, ...rest } = schema;
    return valueFor(rng, merge(rest, rng.pick(branches as Json[])), root, pool, depth + 1);
  }
  if (Array.isArray(schema.allOf) && rng.chance(0.8)) {
    const { allOf, ...rest } = schema;
    return valueFor(
      rng,
      (allOf as Json[]).reduce<Json>((acc, part) => merge(acc, part), rest),
      root,
      pool,
      depth + 1,
    );
  }
  if ("if" in schema && rng.chance(0.7)) {
    const { if: condition, then: yes, else: no, ...rest } = schema;
    const branch = rng.chance(0.5) ? merge(condition, yes) : no;
    return valueFor(rng, merge(rest, branch), root, pool, depth + 1);
  }
  const type = typeOf(rng, schema);
  switch (type) {
    case "object":
      return objectFor(rng, schema, root, pool, depth);
    case "array":
      return arrayFor(rng, schema, root, pool, depth);
    case "string":
      return stringFor(rng, schema, pool);
    case "integer":
      return Math.trunc(numberFor(rng, schema, pool));
    case "number":
      return numberFor(rng, schema, pool);
    case "boolean":
      return rng.chance(0.5);
    case "null":
      return null;
    default:
      return anyValue(rng, pool);
  }
}

/** Conjunction of two schemas, shallowly: good enough to steer generation, never used to judge. */
function merge(a: Json | undefined, b: Json | undefined): Json {
  if (!isJsonObject(a)) return b ?? {};
  if (!isJsonObject(b)) return a;
  const out: JsonObject = { ...a, ...b };
  if (isJsonObject(a.properties) && isJsonObject(b.properties))
    out.properties = { ...a.properties, ...b.properties };
  if (Array.isArray(a.required) && Array.isArray(b.required)) out.required = [...a.required, ...b.required];
  return out;
}

function typeOf(rng: Rng, schema: JsonObject): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type) && schema.type.length > 0) return rng.pick(schema.type as string[]);
  const keys = Object.keys(schema);
  const has = (...names: string[]) => names.some((name) => keys.includes(name));
  if (has("properties", "required", "additionalProperties", "patternProperties", "unevaluatedProperties"))
    return "object";
  if (has("items", "prefixItems", "contains", "unevaluatedItems", "minItems")) return "array";
  if (has("pattern", "format", "minLength", "maxLength")) return "string";
  if (has("minimum", "maximum", "multipleOf", "exclusiveMinimum", "exclusiveMaximum")) return "number";
  return undefined;
}

function objectFor(rng: Rng, schema: JsonObject, root: Json, pool: Pool, depth: number): Json {
  const out: JsonObject = {};
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const [name, sub] of Object.entries(properties)) {
    if (required.has(name) || rng.chance(0.5)) out[name] = valueFor(rng, sub, root, pool, depth + 1);
  }
  for (const name of required) if (!(name in out)) out[name] = anyValue(rng, pool);
  if (isJsonObject(schema.patternProperties) && rng.chance(0.5)) {
    const [pattern, sub] = rng.pick(Object.entries(schema.patternProperties));
    const name = patternSamples(rng, pattern)[0];
    if (name !== undefined) out[name] = valueFor(rng, sub, root, pool, depth + 1);
  }
  for (const key of ["dependentRequired", "dependencies"]) {
    const map = schema[key];
    if (!isJsonObject(map)) continue;
    for (const [name, needs] of Object.entries(map)) {
      if (name in out && Array.isArray(needs))
        for (const need of needs as string[]) out[need] ??= anyValue(rng, pool);
    }
  }
  const extra = schema.additionalProperties ?? schema.unevaluatedProperties;
  if (extra !== false && rng.chance(0.3))
    out[rng.pick(pool.names)] = valueFor(rng, extra, root, pool, depth + 1);
  const min = typeof schema.minProperties === "number" ? schema.minProperties : 0;
  for (let i = 0; Object.keys(out).length < min && i < 10; i++)
    out[rng.pick(pool.names)] = anyValue(rng, pool);
  return out;
}

function arrayFor(rng: Rng, schema: JsonObject, root: Json, pool: Pool, depth: number): Json {
  const tuple = Array.isArray(schema.prefixItems)
    ? (schema.prefixItems as Json[])
    : Array.isArray(schema.items)
      ? (schema.items as Json[])
      : [];
  const rest = Array.isArray(schema.items)
    ? schema.additionalItems
    : Array.isArray(schema.prefixItems)
      ? schema.items
      : schema.items;
  const min = typeof schema.minItems === "number" ? schema.minItems : 0;
  const length = Math.max(min, rng.int(0, tuple.length + 2));
  const out: Json[] = [];
  for (let i = 0; i < length; i++) {
    const sub = i < tuple.length ? tuple[i] : (rest ?? schema.unevaluatedItems);
    out.push(valueFor(rng, sub === false ? undefined : sub, root, pool, depth + 1));
  }
  if ("contains" in schema && rng.chance(0.7)) {
    const count = typeof schema.minContains === "number" ? Math.max(1, schema.minContains) : 1;
    for (let i = 0; i < count; i++)
      out.splice(rng.int(0, out.length), 0, valueFor(rng, schema.contains, root, pool, depth + 1));
  }
  return out;
}

function stringFor(rng: Rng, schema: JsonObject, pool: Pool): string {
  if (typeof schema.format === "string" && rng.chance(0.7)) {
    const samples = (FORMAT_VALUES[schema.format] ?? []).filter((v): v is string => typeof v === "string");
    if (samples.length > 0) return rng.pick(samples);
  }
  if (typeof schema.pattern === "string" && rng.chance(0.8)) {
    const samples = patternSamples(rng, schema.pattern);
    if (samples.length > 0) return rng.pick(samples);
  }
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : min + 4;
  if (rng.chance(0.3)) return rng.pick(pool.strings);
  return "ab\nc xyz".repeat(3).slice(0, rng.int(min, Math.max(min, max)));
}

function numberFor(rng: Rng, schema: JsonObject, pool: Pool): number {
  const step = typeof schema.multipleOf === "number" ? schema.multipleOf : undefined;
  const low = [schema.minimum, schema.exclusiveMinimum].find((v): v is number => typeof v === "number");
  if (step !== undefined && rng.chance(0.6))
    return step * rng.int(Math.ceil((low ?? 0) / step), Math.ceil((low ?? 0) / step) + 30);
  return rng.pick(pool.numbers);
}

function anyValue(rng: Rng, pool: Pool): Json {
  const pick = rng.int(0, 5);
  if (pick === 0 && pool.values.length > 0) return structuredClone(rng.pick(pool.values));
  if (pick === 1) return rng.pick(pool.numbers);
  if (pick === 2) return rng.pick(pool.strings);
  return rng.pick<Json>([null, true, false, [], {}, [rng.pick(pool.strings)], { [rng.pick(pool.names)]: 1 }]);
}

/** The value nudged at one random place: a member dropped or added, an item added or removed, a leaf replaced. */
export function nudge(rng: Rng, value: Json, pool: Pool): Json {
  const copy = structuredClone(value);
  const containers: (JsonObject | Json[])[] = [];
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      containers.push(node);
      for (const child of node) visit(child);
    } else if (isJsonObject(node)) {
      containers.push(node);
      for (const child of Object.values(node)) visit(child);
    }
  };
  visit(copy);
  if (containers.length === 0 || rng.chance(0.1)) return anyValue(rng, pool);
  const target = rng.pick(containers);
  if (Array.isArray(target)) {
    const choice = rng.int(0, 3);
    if (choice === 0 && target.length > 0) target.splice(rng.int(0, target.length - 1), 1);
    else if (choice === 1 && target.length > 0)
      target.push(structuredClone(target[rng.int(0, target.length - 1)] as Json));
    else if (choice === 2 && target.length > 0) target[rng.int(0, target.length - 1)] = anyValue(rng, pool);
    else target.push(anyValue(rng, pool));
  } else {
    const keys = Object.keys(target);
    const choice = rng.int(0, 2);
    if (choice === 0 && keys.length > 0) delete target[rng.pick(keys)];
    else if (choice === 1 && keys.length > 0) target[rng.pick(keys)] = anyValue(rng, pool);
    else target[rng.pick(pool.names)] = anyValue(rng, pool);
  }
  return copy;
}

export interface SearchBudget {
  /** Values built from each schema (the writer's and the reader's). */
  readonly perSchema: number;
  /** Nudged copies of each built value. */
  readonly nudges: number;
  /** Arbitrary JSON from fast-check. */
  readonly random: number;
}

/**
 * Candidates for a counterexample between two schemas of one document pair: the pool's literal
 * values, then values built from each schema and their nudges, then arbitrary JSON.
 */
export function candidates(rng: Rng, writer: Json, reader: Json, budget: SearchBudget, seed: number): Json[] {
  const pool = poolOf(rng, writer, reader);
  const out: Json[] = [...pool.values, ...pool.numbers, ...pool.strings, [], {}, null, true, false];
  for (const schema of [writer, reader]) {
    for (let i = 0; i < budget.perSchema; i++) {
      const built = valueFor(rng, schema, schema, pool);
      out.push(built);
      for (let j = 0; j < budget.nudges; j++) out.push(nudge(rng, built, pool));
    }
  }
  if (budget.random > 0) {
    // fast-check's JsonValue is structurally our Json; its array type just is not spelled the same way.
    out.push(...(fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed, numRuns: budget.random }) as Json[]));
  }
  return out;
}
