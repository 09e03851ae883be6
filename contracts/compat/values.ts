/** Helpers over concrete JSON values: their instance type and JSON Schema equality. */
import type { Json } from "../schema/types.js";
import type { InstanceType } from "./normal-form.js";

export function typeOfValue(value: Json): InstanceType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "boolean":
      return "boolean";
    case "number":
      return "number";
    case "string":
      return "string";
    default:
      return "object";
  }
}

/** A key equal for JSON-Schema-equal values (object key order ignored; 1 and 1.0 are one number). */
export function valueKey(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(valueKey).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${valueKey(value[key] as Json)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sameValue(a: Json, b: Json): boolean {
  return valueKey(a) === valueKey(b);
}

/** `multipleOf` exactly as ajv decides it (no precision option), so the engine and the verifier agree. */
export function isMultipleOf(value: number, divisor: number): boolean {
  const quotient = value / divisor;
  return quotient === Number.parseInt(String(quotient), 10);
}

const keySets = new WeakMap<readonly Json[], ReadonlySet<string>>();

/** The keys of an enum-like list, computed once per list (enums may hold thousands of values). */
export function valueKeySet(values: readonly Json[]): ReadonlySet<string> {
  let keys = keySets.get(values);
  if (!keys) {
    keys = new Set(values.map(valueKey));
    keySets.set(values, keys);
  }
  return keys;
}

/**
 * Sets an own property even when the name is `__proto__`: a plain assignment would call the
 * prototype setter and the property would vanish from the example event. Every other name is
 * assigned: Object.prototype has no other setter, and defineProperty is several times slower and
 * leaves V8 objects that every later read and validation walks more slowly.
 */
export function setOwn(target: { [key: string]: Json }, name: string, value: Json): void {
  if (name === "__proto__")
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}
