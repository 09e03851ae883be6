import { isJsonObject } from "../schema/json-value.js";
import { joinPointer } from "../schema/pointer.js";
import type { Draft, Json, JsonObject } from "../schema/types.js";
import { ANNOTATION_KEYWORDS } from "../schema/vocabulary.js";

/**
 * Copies the part of a schema that decides a TypeScript type, in the dialect
 * json-schema-to-typescript reads, with every reference to a separately declared type replaced
 * by `{ tsType: "<Name>" }`. Validation-only keywords (format, bounds, patterns, if/then/else, not)
 * are left to the precompiled validator; the type is then a superset of the valid events, never a
 * subset. User-written `tsType`/`tsEnumNames` are dropped: they would paste arbitrary text into
 * generated code.
 */

export interface TypeSchemaContext {
  readonly draft: Draft;
  /** Reference sites: pointer of the schema holding `$ref` (or `$dynamicRef`/`$recursiveRef`) → target pointer. */
  readonly refTargets: ReadonlyMap<string, string>;
  /** Pointers of schemas declared on their own (ref targets, titled sub-schemas). */
  isNamed(pointer: string): boolean;
  /** The TypeScript name standing for the schema at `pointer` (`#` is the version's root type). */
  nameOf(pointer: string): string;
}

const REF_KEYWORDS = ["$ref", "$dynamicRef", "$recursiveRef"] as const;

/** Sets a key without going through `__proto__` setters, whatever the key is. */
function put(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function reference(name: string, description: Json | undefined): JsonObject {
  const out: JsonObject = { tsType: name };
  if (typeof description === "string") out.description = description;
  return out;
}

/**
 * The declaration for the schema at `pointer`: a type schema whose nested named schemas and
 * references appear as `tsType` names.
 */
export function declarationSchema(node: Json, pointer: string, context: TypeSchemaContext): Json {
  if (typeof node === "boolean") return { tsType: node ? "unknown" : "never" };
  if (!isJsonObject(node)) return { tsType: "unknown" };
  return copyObject(node, pointer, context);
}

function copySchema(node: Json | undefined, pointer: string, context: TypeSchemaContext): Json {
  if (node === undefined) return true;
  if (context.isNamed(pointer))
    return reference(context.nameOf(pointer), isJsonObject(node) ? node.description : undefined);
  if (typeof node === "boolean") return node;
  if (!isJsonObject(node)) return true;
  return copyObject(node, pointer, context);
}

function copyObject(node: JsonObject, pointer: string, context: TypeSchemaContext): Json {
  const refKeyword = REF_KEYWORDS.find((keyword) => typeof node[keyword] === "string");
  const target = refKeyword ? context.refTargets.get(pointer) : undefined;
  if (target !== undefined) {
    const referenced = reference(context.nameOf(target), node.description);
    const siblings = Object.keys(node).filter((key) => key !== refKeyword && !ANNOTATION_KEYWORDS.has(key));
    // draft-07 ignores everything beside $ref; later drafts apply it as well, an intersection.
    if (context.draft === "draft-07" || siblings.length === 0) return referenced;
    const rest = copyPlain(node, pointer, context);
    const out: JsonObject = { allOf: [{ tsType: context.nameOf(target) }, rest] };
    if (typeof node.description === "string") out.description = node.description;
    return out;
  }
  return copyPlain(node, pointer, context);
}

function copyPlain(node: JsonObject, pointer: string, context: TypeSchemaContext): JsonObject {
  const out: JsonObject = {};
  if (typeof node.description === "string") out.description = node.description;
  if (node.deprecated === true) out.deprecated = true;
  // Literal types are written here rather than by json-schema-to-typescript: its $ref resolver
  // walks into enum and const data, and would try to resolve (even fetch) a `$ref` key held there.
  if (node.const !== undefined) {
    out.tsType = literalType(node.const);
    return out;
  }
  if (Array.isArray(node.enum)) {
    const members = [...new Set(node.enum.map(literalType))];
    out.tsType =
      members.length === 0
        ? "never"
        : members.length === 1
          ? (members[0] as string)
          : `(${members.join(" | ")})`;
    return out;
  }
  for (const key of ["type", "required"]) {
    const value = node[key];
    if (value !== undefined) put(out, key, structuredClone(value));
  }
  copyObjectShape(node, pointer, context, out);
  copyItems(node, pointer, context, out);
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    const members = list.map((item, index) => copySchema(item, joinPointer(pointer, key, index), context));
    // A member left with no type information (an `if`/`then` or a bound, once those are dropped)
    // makes json-schema-to-typescript print nothing at all: within allOf it adds nothing and goes;
    // within a union it stands for any value, said as `unknown`.
    if (key === "allOf") {
      const typed = members.filter((member) => !saysNothing(member));
      if (typed.length > 0) out[key] = typed;
    } else out[key] = members.map((member) => (saysNothing(member) ? { tsType: "unknown" } : member));
  }
  return out;
}

/** Keys a copied schema may carry that say nothing about the type. */
const ANNOTATION_ONLY = new Set(["description", "title", "deprecated"]);

function saysNothing(schema: Json): boolean {
  return (
    schema === true || (isJsonObject(schema) && Object.keys(schema).every((key) => ANNOTATION_ONLY.has(key)))
  );
}

/**
 * Declared properties, and one index signature for every other key. TypeScript requires each
 * declared property to fit the index signature, so a typed signature (`additionalProperties: {type:
 * number}` beside a string property, or a patternProperties schema, which json-schema-to-typescript
 * prints as `[k: string]: ...` for all keys) would not compile. The signature is only typed when
 * nothing else is declared (a map type); otherwise it is `unknown`, or absent when the object is
 * closed.
 */
function copyObjectShape(
  node: JsonObject,
  pointer: string,
  context: TypeSchemaContext,
  out: JsonObject,
): void {
  const properties = isJsonObject(node.properties) ? node.properties : undefined;
  if (properties) {
    const copied: JsonObject = {};
    for (const name of Object.keys(properties)) {
      put(copied, name, copySchema(properties[name], joinPointer(pointer, "properties", name), context));
    }
    out.properties = copied;
  }
  const patterns = isJsonObject(node.patternProperties) && Object.keys(node.patternProperties).length > 0;
  const additional = node.additionalProperties;
  if (additional === false && !patterns) {
    out.additionalProperties = false;
  } else if (
    additional !== undefined &&
    additional !== true &&
    !patterns &&
    Object.keys(properties ?? {}).length === 0
  ) {
    out.additionalProperties = copySchema(additional, joinPointer(pointer, "additionalProperties"), context);
  }
}

/**
 * json-schema-to-typescript reads tuples the draft-07 way (`items` array + `additionalItems`);
 * 2020-12 spells them `prefixItems` + `items`.
 */
function copyItems(node: JsonObject, pointer: string, context: TypeSchemaContext, out: JsonObject): void {
  const items = node.items;
  const prefix = node.prefixItems;
  if (Array.isArray(prefix)) {
    out.items = prefix.map((item, index) =>
      copySchema(item, joinPointer(pointer, "prefixItems", index), context),
    );
    if (items !== undefined) out.additionalItems = copySchema(items, joinPointer(pointer, "items"), context);
    return;
  }
  if (Array.isArray(items)) {
    out.items = items.map((item, index) => copySchema(item, joinPointer(pointer, "items", index), context));
    if (node.additionalItems !== undefined) {
      out.additionalItems = copySchema(
        node.additionalItems,
        joinPointer(pointer, "additionalItems"),
        context,
      );
    }
    return;
  }
  if (items !== undefined) out.items = copySchema(items, joinPointer(pointer, "items"), context);
}

/** The TypeScript literal type of a JSON value: `"EUR"`, `3`, `null`, `{ "a": 1 }`, `[1, 2]`. */
export function literalType(value: Json): string {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "number";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(literalType).join(", ")}]`;
  const keys = Object.keys(value);
  if (keys.length === 0) return "Record<string, never>";
  return `{ ${keys.map((key) => `${JSON.stringify(key)}: ${literalType(value[key] as Json)}`).join("; ")} }`;
}

/**
 * A type schema without its descriptions, for comparing types by shape. Structure-aware: a
 * property named `description` is a property, not documentation.
 */
export function withoutDescriptions(schema: Json): Json {
  if (!isJsonObject(schema)) return schema;
  const out: JsonObject = {};
  for (const key of Object.keys(schema)) {
    const value = schema[key] as Json;
    if (key === "description") continue;
    if (key === "properties" && isJsonObject(value)) {
      const map: JsonObject = {};
      for (const name of Object.keys(value)) put(map, name, withoutDescriptions(value[name] as Json));
      out[key] = map;
    } else if (
      key === "allOf" ||
      key === "anyOf" ||
      key === "oneOf" ||
      (key === "items" && Array.isArray(value))
    ) {
      out[key] = (value as Json[]).map(withoutDescriptions);
    } else if (key === "items" || key === "additionalItems" || key === "additionalProperties") {
      out[key] = withoutDescriptions(value);
    } else {
      put(out, key, value);
    }
  }
  return out;
}
