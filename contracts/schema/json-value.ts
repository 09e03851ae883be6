import type { Json, JsonObject } from "./types.js";

/**
 * How deep objects and arrays may nest. ajv compiles schemas recursively and overflows the stack at
 * roughly 500 to 1,000 levels (and V8 can abort the whole process, uncatchably, when a regular
 * expression is compiled with the stack nearly exhausted), yaml composes recursively too. 256 keeps
 * a wide margin under both while being far beyond any real event schema (those nest a few dozen
 * levels); deeper structures can be flattened with `$defs` and `$ref`.
 */
export const MAX_NESTING_DEPTH = 256;

/** A JSON object (not null, not an array); for any parsed value, JSON or YAML. */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** What JSON Schema accepts as a schema: an object or a boolean. */
export function isSchemaValue(value: Json | undefined): value is JsonObject | boolean {
  return typeof value === "boolean" || isJsonObject(value);
}

export type ValueProblem =
  | { readonly kind: "too-deep"; readonly tokens: readonly string[] }
  | { readonly kind: "not-json"; readonly tokens: readonly string[]; readonly reason: string };

interface Frame {
  readonly value: unknown;
  readonly parent: Frame | undefined;
  readonly key: string;
  readonly depth: number;
}

function tokensOf(frame: Frame): string[] {
  const tokens: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) tokens.push(f.key);
  return tokens.reverse();
}

function describeNonJson(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : `${value} is not a JSON number`;
    case "object": {
      if (value === null || Array.isArray(value)) return undefined;
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return undefined;
      return `a ${proto?.constructor?.name ?? "non-plain"} object is not JSON data`;
    }
    case "undefined":
      return "undefined is not JSON data";
    default:
      return `a ${typeof value} is not JSON data`;
  }
}

/**
 * Checks that a value is plain JSON data (what JSON.parse could have produced) and nests at most
 * MAX_NESTING_DEPTH objects and arrays. Values handed over in code can hold anything; this is the
 * gate before code that assumes a finite, acyclic tree. Iterative, so depth itself cannot crash it.
 */
export function checkJsonValue(value: unknown): ValueProblem | undefined {
  const open = new Set<object>();
  const work: (Frame | { readonly leave: object })[] = [{ value, parent: undefined, key: "", depth: 0 }];
  while (work.length > 0) {
    const item = work.pop() as Frame | { readonly leave: object };
    if ("leave" in item) {
      open.delete(item.leave);
      continue;
    }
    const reason = describeNonJson(item.value);
    if (reason) return { kind: "not-json", tokens: tokensOf(item), reason };
    const current = item.value;
    if (current === null || typeof current !== "object") continue;
    if (open.has(current)) {
      return { kind: "not-json", tokens: tokensOf(item), reason: "the value contains itself (a cycle)" };
    }
    const depth = item.depth + 1;
    if (depth > MAX_NESTING_DEPTH) return { kind: "too-deep", tokens: tokensOf(item) };
    open.add(current);
    work.push({ leave: current });
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        if (!(i in current))
          return {
            kind: "not-json",
            tokens: [...tokensOf(item), String(i)],
            reason: "an array hole is not JSON data",
          };
        work.push({ value: current[i], parent: item, key: String(i), depth });
      }
    } else {
      const entries = Object.keys(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const key = entries[i] as string;
        work.push({ value: (current as Record<string, unknown>)[key], parent: item, key, depth });
      }
    }
  }
  return undefined;
}
