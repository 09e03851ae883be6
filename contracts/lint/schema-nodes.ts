import { resolvePointer } from "../schema/pointer.js";
import type { Json } from "../schema/types.js";
import { walkSchema } from "../schema/walk.js";

/**
 * Helpers the schema-content rules share. They live outside rules/, where every file is one rule.
 */

export type SchemaObject = { readonly [key: string]: Json };

export function isObject(value: Json | undefined): value is SchemaObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function hasText(value: Json | undefined): boolean {
  return typeof value === "string" && value.trim() !== "";
}

/** Every object schema in the document (only places known to hold schemas), with its pointer. */
export function objectSchemas(root: Json): { node: SchemaObject; pointer: string }[] {
  const found: { node: SchemaObject; pointer: string }[] = [];
  walkSchema(root, undefined, (visit) => {
    if (visit.certain && isObject(visit.node)) found.push({ node: visit.node, pointer: visit.pointer });
    return undefined;
  });
  return found;
}

/**
 * Follows a local `$ref` chain (the loader has already made sure every ref is local and resolves)
 * to the schema that actually describes the value, stopping at cycles.
 */
export function followRef(root: Json, node: SchemaObject): SchemaObject {
  let current = node;
  const seen = new Set<SchemaObject>();
  while (typeof current.$ref === "string" && current.$ref.startsWith("#") && !seen.has(current)) {
    seen.add(current);
    const target = resolvePointer(root, current.$ref);
    if (!isObject(target)) break;
    current = target;
  }
  return current;
}

/** True for a schema that describes objects: `type: object` (alone or in a list), or object keywords without a type. */
export function describesObject(node: SchemaObject): boolean {
  const { type } = node;
  if (type === "object") return true;
  if (Array.isArray(type)) return type.includes("object");
  if (type !== undefined) return false;
  return isObject(node.properties) || isObject(node.patternProperties);
}
