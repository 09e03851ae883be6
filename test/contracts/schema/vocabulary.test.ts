import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { isJsonObject } from "../../../contracts/schema/json-value.js";
import type { Json, JsonObject } from "../../../contracts/schema/types.js";
import {
  ANNOTATION_KEYWORDS,
  CONTENT_KEYWORDS,
  DATA_VALUED,
  DEFINITION_KEYWORDS,
  IDENTITY_KEYWORDS,
  NON_VALIDATING_KEYWORDS,
  SCHEMA_ARRAY_VALUED,
  SCHEMA_MAP_VALUED,
  SCHEMA_VALUED,
} from "../../../contracts/schema/vocabulary.js";

// The meta-schemas ajv ships: draft-07 whole, 2019-09 and 2020-12 as their vocabularies.
const refs = join(dirname(createRequire(import.meta.url).resolve("ajv")), "refs");
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as JsonObject;
const metaSchemas = [
  read(join(refs, "json-schema-draft-07.json")),
  ...["json-schema-2019-09", "json-schema-2020-12"].flatMap((draft) =>
    readdirSync(join(refs, draft, "meta")).map((file) => read(join(refs, draft, "meta", file))),
  ),
];
const properties = metaSchemas.flatMap((meta) => Object.entries((meta.properties ?? {}) as JsonObject));

const REFERENCES = new Set(["$ref", "$recursiveRef", "$dynamicRef"]);

/** `{"$ref": "#"}` and its later spellings: the value is a schema. */
function isSchemaRef(value: Json | undefined): boolean {
  return (
    isJsonObject(value) &&
    (value.$ref === "#" || value.$recursiveRef === "#" || value.$dynamicRef === "#meta")
  );
}

function isSchemaArrayRef(value: Json | undefined): boolean {
  return isJsonObject(value) && typeof value.$ref === "string" && value.$ref.endsWith("/schemaArray");
}

/** One schema, or one of the alternatives (draft-07 `items`: a schema or an array of them). */
function holdsSchema(value: Json | undefined): boolean {
  return (
    isSchemaRef(value) || (isJsonObject(value) && Array.isArray(value.anyOf) && value.anyOf.some(isSchemaRef))
  );
}

describe("the shared keyword vocabulary", () => {
  it("walks every schema-valued keyword of draft-07, 2019-09 and 2020-12", () => {
    const found = { single: new Set<string>(), array: new Set<string>(), map: new Set<string>() };
    for (const [keyword, value] of properties) {
      if (holdsSchema(value)) found.single.add(keyword);
      else if (isSchemaArrayRef(value)) found.array.add(keyword);
      else if (isJsonObject(value) && holdsSchema(value.additionalProperties)) found.map.add(keyword);
    }
    expect(found.single.size).toBeGreaterThan(10);
    for (const keyword of found.single) expect(SCHEMA_VALUED, keyword).toContain(keyword);
    for (const keyword of found.array) expect(SCHEMA_ARRAY_VALUED, keyword).toContain(keyword);
    for (const keyword of found.map) expect(SCHEMA_MAP_VALUED, keyword).toContain(keyword);
    // A keyword in one table only: the walk treats each shape once.
    const all = [...SCHEMA_VALUED, ...SCHEMA_ARRAY_VALUED, ...SCHEMA_MAP_VALUED, ...DATA_VALUED];
    expect(new Set(all).size).toBe(all.length);
  });

  it("holds the meta-data and content vocabularies among the keywords that never validate", () => {
    for (const meta of metaSchemas) {
      const vocabulary = String(meta.$id ?? "");
      const keywords = Object.keys((meta.properties ?? {}) as JsonObject);
      if (vocabulary.endsWith("/meta/meta-data"))
        for (const keyword of keywords) expect(ANNOTATION_KEYWORDS, keyword).toContain(keyword);
      if (vocabulary.endsWith("/meta/content"))
        for (const keyword of keywords) expect(CONTENT_KEYWORDS, keyword).toContain(keyword);
      if (vocabulary.endsWith("/meta/core"))
        for (const keyword of keywords.filter((k) => !REFERENCES.has(k)))
          expect(NON_VALIDATING_KEYWORDS, keyword).toContain(keyword);
    }
  });

  it("never counts a validating keyword as non-validating", () => {
    const validating = properties
      .map(([keyword]) => keyword)
      .filter((keyword) => !REFERENCES.has(keyword) && !IDENTITY_KEYWORDS.has(keyword))
      .filter((keyword) => !DEFINITION_KEYWORDS.has(keyword) && keyword !== "$comment")
      .filter((keyword) => !ANNOTATION_KEYWORDS.has(keyword) && !CONTENT_KEYWORDS.has(keyword));
    for (const keyword of validating) expect(NON_VALIDATING_KEYWORDS.has(keyword), keyword).toBe(false);
    expect([...NON_VALIDATING_KEYWORDS].sort()).toEqual(
      [...IDENTITY_KEYWORDS, ...DEFINITION_KEYWORDS, ...ANNOTATION_KEYWORDS, ...CONTENT_KEYWORDS].sort(),
    );
  });
});
