import { createHash } from "node:crypto";
import type { Json } from "./types.js";

/**
 * A stable text for a JSON value: object keys sorted by UTF-16 code units (as RFC 8785 does),
 * arrays in order, no whitespace, strings and numbers as JSON.stringify writes them. Two schemas
 * that differ only in key order or layout get the same text, hence the same fingerprint.
 *
 * Iterative rather than recursive: the loader accepts nesting that would be close to the stack
 * limit for a recursive writer, and a fingerprint must never be the thing that crashes.
 */
export function canonicalJson(value: Json): string {
  const out: string[] = [];
  // Each entry is either a value still to write or literal text already decided.
  const work: ({ value: Json | undefined } | string)[] = [{ value }];
  while (work.length > 0) {
    const item = work.pop() as { value: Json | undefined } | string;
    if (typeof item === "string") {
      out.push(item);
      continue;
    }
    const current = item.value;
    if (Array.isArray(current)) {
      work.push("]");
      for (let i = current.length - 1; i >= 0; i--) {
        work.push({ value: current[i] });
        if (i > 0) work.push(",");
      }
      work.push("[");
    } else if (current !== null && typeof current === "object") {
      // Own keys only; a `__proto__` key from JSON.parse is an own property and is read as one.
      const keys = Object.keys(current)
        .filter((key) => current[key] !== undefined)
        .sort();
      work.push("}");
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        work.push({ value: current[key] });
        work.push(`${JSON.stringify(key)}:`);
        if (i > 0) work.push(",");
      }
      work.push("{");
    } else {
      // JSON.stringify maps non-finite numbers (which are not JSON) to null, and undefined array
      // slots likewise; a Json value never holds them, but a stray one must not break the text.
      out.push(current === undefined ? "null" : JSON.stringify(current));
    }
  }
  return out.join("");
}

/** `sha256:` and the hex digest of canonicalJson(value): identity of a schema regardless of layout. */
export function fingerprint(value: Json): string {
  return `sha256:${createHash("sha256").update(canonicalJson(value), "utf8").digest("hex")}`;
}
