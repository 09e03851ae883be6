import { describe, expect, it } from "vitest";
import type { Result } from "../../../contracts/errors.js";
import { loadSchema } from "../../../contracts/schema/load.js";
import { checkCompiles } from "../../../contracts/schema/meta.js";

function failure(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

describe("meta-schema validation", () => {
  it("names the keyword by pointer, with line and column, and the allowed values", () => {
    const text = "type: object\nproperties:\n  id:\n    type: strng\n";
    const error = failure(loadSchema(text, "orders/v2.yaml"));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_INVALID");
    expect(error.message).toBe(
      "orders/v2.yaml:4:11: #/properties/id/type: must be equal to one of the allowed values: array, boolean, integer, null, number, object, string",
    );
    expect(error.location).toEqual({
      file: "orders/v2.yaml",
      line: 4,
      column: 11,
      pointer: "#/properties/id/type",
    });
  });

  it.each([
    ['{"minLength": -1}', "s.json:1:15: #/minLength: must be >= 0"],
    ['{\n  "required": "id"\n}', "s.json:2:15: #/required: must be array"],
    ['{"properties": {"a": {"maxItems": 1.5}}}', "s.json:1:35: #/properties/a/maxItems: must be integer"],
    [
      '{"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {"x": {"type": 12}}}',
      "s.json:1:85: #/$defs/x/type: must be equal to one of the allowed values: array, boolean, integer, null, number, object, string",
    ],
  ])("rejects %s", (text, message) => {
    expect(failure(loadSchema(text, "s.json")).message).toBe(message);
  });

  it("gives pointers without lines for a value with no text", async () => {
    const { loadSchemaValue } = await import("../../../contracts/schema/load.js");
    const error = failure(loadSchemaValue({ properties: { "a b": { minimum: "1" } } }, "orders-value v3"));
    expect(error.message).toBe("orders-value v3: #/properties/a%20b/minimum: must be number");
    expect(error.location).toEqual({ file: "orders-value v3", pointer: "#/properties/a%20b/minimum" });
  });

  it("rejects a schema that is not an object or boolean", () => {
    expect(failure(loadSchema("[1, 2]", "a.json")).message).toBe(
      "a.json:1:1: #: a schema must be an object or a boolean, not an array",
    );
    expect(failure(loadSchema('"text"', "a.yaml")).message).toBe(
      "a.yaml:1:1: #: a schema must be an object or a boolean, not a string",
    );
  });
});

describe("regular expressions", () => {
  it("rejects a pattern ajv cannot compile, by pointer and line", () => {
    const text = 'type: object\nproperties:\n  sku:\n    type: string\n    pattern: "^[A-Z]{3}-(\\\\d+$"\n';
    const error = failure(loadSchema(text, "p.yaml"));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_INVALID");
    expect(error.message).toBe(
      "p.yaml:5:14: #/properties/sku/pattern: invalid regular expression (Unterminated group)",
    );
  });

  it("checks patterns with the unicode flag, as ajv runs them", () => {
    // Valid without the u flag, invalid with it.
    expect(/[\w-.]/.source).toBe("[\\w-.]");
    const error = failure(loadSchema('{"pattern": "[\\\\w-.]"}', "u.json"));
    expect(error.message).toBe(
      "u.json:1:13: #/pattern: invalid regular expression (Invalid character class)",
    );
  });

  it("checks patternProperties keys", () => {
    const error = failure(loadSchema('{"patternProperties": {"^ok$": {}, "(": {}}}', "k.json"));
    expect(error.message).toBe(
      "k.json:1:41: #/patternProperties/(: invalid regular expression (Unterminated group)",
    );
  });

  it("leaves patterns inside data alone", () => {
    expect(loadSchema('{"examples": [{"pattern": "("}], "const": {"pattern": "("}}', "d.json").ok).toBe(true);
  });

  it("keeps a huge pattern out of the message", () => {
    const error = failure(loadSchema(JSON.stringify({ pattern: `${"a".repeat(100_000)}(` }), "h.json"));
    expect(error.message).toBe("h.json:1:12: #/pattern: invalid regular expression (Unterminated group)");
  });
});

describe("compile check", () => {
  it("reports a reference ajv cannot resolve as unresolved, never throws", () => {
    const root = { properties: { a: { $ref: "https://example.com/elsewhere.json" } } };
    const refs = [
      { pointer: "#/properties/a/$ref", keyword: "$ref" as const, ref: root.properties.a.$ref, target: "#" },
    ];
    const error = failure(checkCompiles(root, "draft-07", refs, { source: "c.json" }));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_REF_UNRESOLVED");
    expect(error.message).toBe(
      'c.json: $ref "https://example.com/elsewhere.json" at #/properties/a/$ref does not resolve to anything in this schema',
    );
  });

  it("reports anything else ajv refuses as an invalid schema", () => {
    const error = failure(checkCompiles({ pattern: "(" }, "draft-07", [], { source: "c.json" }));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_INVALID");
    expect(error.message).toMatch(/^c\.json: #: ajv cannot compile it: .*Unterminated group/);
  });
});

describe("compile check on wide and unrelated schemas", () => {
  it("compiles a schema with 5,000 properties (ajv's first-error code nests a block per property)", async () => {
    const { loadSchemaValue } = await import("../../../contracts/schema/load.js");
    const properties: Record<string, { type: string }> = {};
    for (let index = 0; index < 5_000; index++) properties[`field_${index}`] = { type: "string" };
    const result = loadSchemaValue({ type: "object", properties, additionalProperties: false }, "wide");
    expect(result.ok).toBe(true);
  });

  it("is not affected by an $id an earlier schema declared", async () => {
    const { loadSchemaValue } = await import("../../../contracts/schema/load.js");
    expect(loadSchemaValue({ $id: "https://example.com/shared", type: "string" }, "first").ok).toBe(true);
    const later = {
      $id: "https://example.com/later",
      definitions: { inner: { $id: "https://example.com/shared", type: "integer" } },
      properties: { count: { $ref: "https://example.com/shared" } },
    };
    expect(loadSchemaValue(later, "later").ok).toBe(true);
  });
});
