import { describe, expect, it } from "vitest";
import type { Result } from "../../../contracts/errors.js";
import { canonicalJson, fingerprint } from "../../../contracts/schema/canonical.js";
import { loadSchema, loadSchemaValue } from "../../../contracts/schema/load.js";
import type { Json, SchemaDocument } from "../../../contracts/schema/types.js";

function loaded(result: Result<SchemaDocument>): SchemaDocument {
  if (!result.ok) throw new Error(`expected a schema, got ${result.error.message}`);
  return result.value;
}

function failure(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

const ORDER_YAML = `$schema: https://json-schema.org/draft/2020-12/schema
title: OrderPlaced
type: object
required: [orderId, lines]
properties:
  orderId:
    type: string
    format: uuid
  lines:
    type: array
    prefixItems:
      - $ref: "#/$defs/line"
    items: false
$defs:
  line:
    type: object
    properties:
      sku: {type: string, pattern: "^[A-Z]{3}-\\\\d+$"}
`;

describe("loadSchema", () => {
  it("loads a 2020-12 schema with prefixItems and returns the document", () => {
    const document = loaded(loadSchema(ORDER_YAML, "orders/v1.yaml"));
    expect(document.draft).toBe("2020-12");
    expect(document.draftAssumed).toBe(false);
    expect(document.source).toBe("orders/v1.yaml");
    expect((document.root as { title: string }).title).toBe("OrderPlaced");
    expect(document.locate?.("#/$defs/line/properties/sku/pattern")).toEqual({ line: 18, column: 36 });
    expect(document.locate?.("#/nowhere")).toBeUndefined();
  });

  it("loads the same schema from JSON and YAML to the same fingerprint", () => {
    const fromYaml = loaded(loadSchema(ORDER_YAML, "a.yaml"));
    const fromJson = loaded(loadSchema(JSON.stringify(fromYaml.root, null, 4), "a.json"));
    expect(fingerprint(fromJson.root)).toBe(fingerprint(fromYaml.root));
  });

  it("returns a document whose root passes the shared validator", async () => {
    const { validatorFor } = await import("../../../contracts/schema/ajv.js");
    const document = loaded(loadSchema(ORDER_YAML, "a.yaml"));
    const validate = validatorFor(document.root, document.draft);
    expect(validate({ orderId: "3f2b8f0e-5a7c-4f3e-9d2a-1b6c8e0f4a21", lines: [{ sku: "ABC-12" }] })).toBe(
      true,
    );
    expect(validate({ orderId: "3f2b8f0e-5a7c-4f3e-9d2a-1b6c8e0f4a21", lines: [{ sku: "abc" }] })).toBe(
      false,
    );
    expect(validate({ orderId: "not-a-uuid", lines: [] })).toBe(false);
  });

  it("loads two versions of a recursive contract that share one $id", () => {
    const version = (extra: Json) =>
      JSON.stringify({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: "https://example.com/schemas/category.json",
        type: "object",
        properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#" } }, extra },
      });
    expect(loadSchema(version({ type: "string" }), "v1.json").ok).toBe(true);
    expect(loadSchema(version({ type: "integer" }), "v2.json").ok).toBe(true);
    expect(loadSchema(version({ type: "integer" }), "v2-again.json").ok).toBe(true);
  });

  it("keeps a __proto__ property an ordinary property, through load and fingerprint", () => {
    const text =
      '{"type": "object", "properties": {"__proto__": {"type": "string"}}, "required": ["__proto__"]}';
    const document = loaded(loadSchema(text, "p.json"));
    const properties = (document.root as { properties: object }).properties;
    expect(Object.hasOwn(properties, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(canonicalJson(document.root)).toBe(
      '{"properties":{"__proto__":{"type":"string"}},"required":["__proto__"],"type":"object"}',
    );
    const yaml = loaded(
      loadSchema("type: object\nproperties:\n  __proto__: {type: string}\nrequired: [__proto__]\n", "p.yaml"),
    );
    expect(fingerprint(yaml.root)).toBe(fingerprint(document.root));
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it("accepts vendor keywords and unknown formats", () => {
    const result = loadSchema(
      '{"type": "string", "format": "currency-code", "x-owner": "payments"}',
      "v.json",
    );
    expect(result.ok).toBe(true);
  });

  it("handles huge strings", () => {
    const description = "d".repeat(5_000_000);
    const document = loaded(loadSchema(JSON.stringify({ type: "string", description }), "big.json"));
    expect((document.root as { description: string }).description.length).toBe(5_000_000);
  });
});

describe("hostile nesting", () => {
  const nested = (depth: number): Json => {
    let schema: Json = { type: "string" };
    for (let i = 0; i < depth; i++) schema = { type: "object", properties: { a: schema } };
    return schema;
  };

  it("refuses 1,000 levels as JSON, YAML and value without throwing", () => {
    const deep = nested(1000);
    const asJson = failure(loadSchema(JSON.stringify(deep), "deep.json"));
    expect(asJson.code).toBe("ACCORD_ERR_SCHEMA_TOO_DEEP");
    expect(asJson.location?.line).toBe(1);

    let yaml = "";
    for (let i = 0; i < 1000; i++) yaml += `${"  ".repeat(i)}p${i}:\n`;
    expect(failure(loadSchema(`properties:\n  ${yaml.replace(/\n/g, "\n  ")}`, "deep.yaml")).code).toBe(
      "ACCORD_ERR_SCHEMA_TOO_DEEP",
    );

    const asValue = failure(loadSchemaValue(deep, "subject v9"));
    expect(asValue.code).toBe("ACCORD_ERR_SCHEMA_TOO_DEEP");
    expect(asValue.message).toBe(
      "subject v9: objects and arrays nest more than 256 levels deep here; Accord refuses such input",
    );
    expect(asValue.location?.pointer).toBe(`#${"/properties/a".repeat(128)}`);
  });

  it("loads a schema nested 127 levels (254 objects) in full", () => {
    const document = loaded(loadSchema(JSON.stringify(nested(127)), "ok.json"));
    expect(document.draft).toBe("draft-07");
  });
});

describe("loadSchemaValue", () => {
  it("loads a parsed value, without positions", () => {
    const document = loaded(
      loadSchemaValue({ type: "object", properties: { id: { type: "string" } } }, "orders-value v3"),
    );
    expect(document.source).toBe("orders-value v3");
    expect(document.locate).toBeUndefined();
    expect(document.draftAssumed).toBe(true);
  });

  it("names pointers in messages since there are no lines", () => {
    const error = failure(loadSchemaValue({ properties: { a: { $ref: "common.json" } } }, "orders-value v3"));
    expect(error.message).toBe(
      'orders-value v3: $ref "common.json" at #/properties/a/$ref points outside this schema; Accord never fetches remote references',
    );
    expect(error.location).toEqual({ file: "orders-value v3", pointer: "#/properties/a/$ref" });
  });

  it("refuses values that are not JSON data, by pointer", () => {
    const cyclic: Record<string, unknown> = { type: "object" };
    cyclic.properties = { self: cyclic };
    const cases: [unknown, string][] = [
      [{ maximum: Number.NaN }, "s: #/maximum: NaN is not a JSON number"],
      [
        { properties: { a: { default: new Date(0) } } },
        "s: #/properties/a/default: a Date object is not JSON data",
      ],
      [{ title: undefined }, "s: #/title: undefined is not JSON data"],
      [{ enum: [1, () => 2] }, "s: #/enum/1: a function is not JSON data"],
      [cyclic, "s: #/properties/self: the value contains itself (a cycle)"],
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point
      [{ enum: [1, , 3] }, "s: #/enum/1: an array hole is not JSON data"],
    ];
    for (const [value, message] of cases) {
      const error = failure(loadSchemaValue(value as Json, "s"));
      expect(error.code).toBe("ACCORD_ERR_SCHEMA_INVALID");
      expect(error.message).toBe(message);
    }
  });

  it("refuses a value that is not a schema", () => {
    expect(failure(loadSchemaValue("{}", "s")).message).toBe(
      "s: #: a schema must be an object or a boolean, not a string",
    );
    expect(failure(loadSchemaValue(null, "s")).message).toBe(
      "s: #: a schema must be an object or a boolean, not null",
    );
  });
});
