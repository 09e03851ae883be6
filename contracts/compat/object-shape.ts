/** Which sub-schema governs a property name in an object branch, and how names match patterns. */
import type { Branch, Lazy, ObjectBranch, Opaque } from "./normal-form.js";

export interface LazyConjoiner {
  lazyAll(parts: readonly Lazy[]): Lazy;
  /** A branch kept whole as an opaque constraint (ajv on its node) where a merge would be inexact. */
  wholeBranch(branch: Branch): Opaque;
}

const regexCache = new Map<string, RegExp | null>();

/** Compiles a JSON Schema pattern as ajv does (ECMA-262 with the `u` flag); null when it does not compile. */
export function compilePattern(source: string): RegExp | null {
  let regex = regexCache.get(source);
  if (regex === undefined) {
    try {
      regex = new RegExp(source, "u");
    } catch {
      regex = null;
    }
    regexCache.set(source, regex);
  }
  return regex;
}

export function matchesPattern(source: string, text: string): boolean {
  return compilePattern(source)?.test(text) ?? false;
}

/**
 * The schemas a property name must satisfy: its `properties` entry and every matching
 * `patternProperties` entry; `additionalProperties` only when neither applies.
 */
export function schemaPartsForName(branch: ObjectBranch, name: string): Lazy[] {
  const parts: Lazy[] = [];
  const declared = branch.properties.get(name);
  if (declared) parts.push(declared);
  for (const entry of branch.patternProperties) {
    if (matchesPattern(entry.pattern, name)) parts.push(entry.schema);
  }
  return parts.length === 0 ? [branch.additional] : parts;
}

/** The conjunction of schemaPartsForName as one lazy schema. */
export function schemaForName(branch: ObjectBranch, name: string, conjoiner: LazyConjoiner): Lazy {
  const parts = schemaPartsForName(branch, name);
  return parts.length === 1 ? (parts[0] as Lazy) : conjoiner.lazyAll(parts);
}

/**
 * Whether a writer object emits no undeclared names: `additionalProperties: false`, or read as
 * closed under writersEmitOnlyDeclared (sides.ts).
 */
export function writerIsClosed(writer: ObjectBranch): boolean {
  return writer.additional.get().branches.length === 0;
}
