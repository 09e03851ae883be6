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

/** Whether every multiple of `a` is a multiple of `b` (exact for integers, tolerant for decimals). */
export function multipleImplies(a: number, b: number): boolean {
  const quotient = a / b;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}
