/**
 * The JSON Schema vocabulary every part of Accord shares: which keywords hold schemas (to walk,
 * convert or copy them) and which never decide whether an instance is valid (to ignore them).
 * Each list spans draft-07, 2019-09 and 2020-12 at once: a keyword from another draft is walked
 * rather than skipped, so a `$ref` can never hide in it.
 */

/** Keywords whose value is one schema (or, for `items` before 2020-12, an array of schemas). */
export const SCHEMA_VALUED: ReadonlySet<string> = new Set([
  "additionalItems",
  "additionalProperties",
  "contains",
  "contentSchema",
  "else",
  "if",
  "items",
  "not",
  "propertyNames",
  "then",
  "unevaluatedItems",
  "unevaluatedProperties",
]);

/** Keywords whose value is an array of schemas. */
export const SCHEMA_ARRAY_VALUED: ReadonlySet<string> = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);

/** Keywords whose value maps names to schemas (draft-07 `dependencies` also maps to string arrays). */
export const SCHEMA_MAP_VALUED: ReadonlySet<string> = new Set([
  "$defs",
  "definitions",
  "dependencies",
  "dependentSchemas",
  "patternProperties",
  "properties",
]);

/**
 * Keywords whose value is data, not schema: a `$ref` inside an `enum` value or an example event is
 * part of the data. `example` is OpenAPI's annotation, common in event schemas.
 */
export const DATA_VALUED: ReadonlySet<string> = new Set(["const", "default", "enum", "example", "examples"]);

/**
 * Annotations for people: the meta-data vocabulary (spelled the same in draft-07), `$comment`, and
 * OpenAPI's `example`. They never change which instances are valid, nor the type of a value.
 */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  "title",
  "description",
  "$comment",
  "default",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/** Keywords that give a schema a dialect, an identity or a base URI; they validate nothing. */
export const IDENTITY_KEYWORDS: ReadonlySet<string> = new Set([
  "$schema",
  "$id",
  "$anchor",
  "$dynamicAnchor",
  "$recursiveAnchor",
  "$vocabulary",
]);

/** Where reusable schemas are kept: they apply only where a `$ref` points at them. */
export const DEFINITION_KEYWORDS: ReadonlySet<string> = new Set(["$defs", "definitions"]);

/** The content vocabulary: annotations from 2019-09 on, and ajv asserts none of them in draft-07. */
export const CONTENT_KEYWORDS: ReadonlySet<string> = new Set([
  "contentEncoding",
  "contentMediaType",
  "contentSchema",
]);

/** Every keyword that never changes which instances a schema accepts (besides `x-*` extensions). */
export const NON_VALIDATING_KEYWORDS: ReadonlySet<string> = new Set([
  ...IDENTITY_KEYWORDS,
  ...DEFINITION_KEYWORDS,
  ...ANNOTATION_KEYWORDS,
  ...CONTENT_KEYWORDS,
]);
