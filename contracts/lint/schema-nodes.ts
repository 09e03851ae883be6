import { isJsonObject } from "../schema/json-value.js";
import { resolvePointer } from "../schema/pointer.js";
import type { Json, JsonObject } from "../schema/types.js";
import { walkSchema } from "../schema/walk.js";

/**
 * Helpers the schema-content rules share. They live outside rules/, where every file is one rule.
 */

export function hasText(value: Json | undefined): boolean {
  return typeof value === "string" && value.trim() !== "";
}

/** Every object schema in the document (only places known to hold schemas), with its pointer. */
export function objectSchemas(root: Json): { node: JsonObject; pointer: string }[] {
  const found: { node: JsonObject; pointer: string }[] = [];
  walkSchema(root, undefined, (visit) => {
    if (visit.certain && isJsonObject(visit.node)) found.push({ node: visit.node, pointer: visit.pointer });
    return undefined;
  });
  return found;
}

/**
 * Follows a local `$ref` chain (the loader has already made sure every ref is local and resolves)
 * to the schema that actually describes the value, stopping at cycles.
 */
export function followRef(root: Json, node: JsonObject): JsonObject {
  let current = node;
  const seen = new Set<JsonObject>();
  while (typeof current.$ref === "string" && current.$ref.startsWith("#") && !seen.has(current)) {
    seen.add(current);
    const target = resolvePointer(root, current.$ref);
    if (!isJsonObject(target)) break;
    current = target;
  }
  return current;
}

/** True for a schema that describes objects: `type: object` (alone or in a list), or object keywords without a type. */
export function describesObject(node: JsonObject): boolean {
  const { type } = node;
  if (type === "object") return true;
  if (Array.isArray(type)) return type.includes("object");
  if (type !== undefined) return false;
  return isJsonObject(node.properties) || isJsonObject(node.patternProperties);
}
