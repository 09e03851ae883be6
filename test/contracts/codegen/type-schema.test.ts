import { describe, expect, it } from "vitest";
import {
  declarationSchema,
  literalType,
  type TypeSchemaContext,
} from "../../../contracts/codegen/type-schema.js";
import type { Json } from "../../../contracts/schema/types.js";

const context: TypeSchemaContext = {
  draft: "2020-12",
  refTargets: new Map(),
  isNamed: () => false,
  nameOf: () => "Named",
};

describe("type schemas", () => {
  it("writes enum and const as literal types, so no data reaches json-schema-to-typescript", () => {
    expect(literalType({ $ref: "http://example.com/x", n: [1, null, true] })).toBe(
      '{ "$ref": "http://example.com/x"; "n": [1, null, true] }',
    );
    expect(literalType({})).toBe("Record<string, never>");
    const copy = declarationSchema(
      { properties: { c: { const: "x" }, e: { enum: ["a", "b", "a"] }, none: { enum: [] } } },
      "#",
      context,
    ) as { properties: Record<string, Json> };
    expect(copy.properties).toEqual({
      c: { tsType: '"x"' },
      e: { tsType: '("a" | "b")' },
      none: { tsType: "never" },
    });
  });

  it("keeps only what decides the type, and drops user-written tsType", () => {
    const copy = declarationSchema(
      {
        type: "string",
        minLength: 3,
        format: "email",
        tsType: "any; import x from 'evil'",
        description: "An email.",
        deprecated: true,
        title: "Email",
        $id: "urn:x",
      },
      "#",
      context,
    );
    expect(copy).toEqual({ description: "An email.", deprecated: true, type: "string" });
  });

  it("turns 2020-12 tuples into the draft-07 form json-schema-to-typescript reads", () => {
    const copy = declarationSchema(
      { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], items: false },
      "#",
      context,
    );
    expect(copy).toEqual({
      type: "array",
      items: [{ type: "string" }, { type: "number" }],
      additionalItems: false,
    });
  });

  it("types the index signature only when it cannot conflict with declared properties", () => {
    const map = declarationSchema({ type: "object", additionalProperties: { type: "number" } }, "#", context);
    expect(map).toEqual({ type: "object", additionalProperties: { type: "number" } });
    const mixed = declarationSchema(
      { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "number" } },
      "#",
      context,
    );
    expect(mixed).toEqual({ type: "object", properties: { a: { type: "string" } } });
    const patterned = declarationSchema(
      { type: "object", patternProperties: { "^x-": { type: "string" } }, additionalProperties: false },
      "#",
      context,
    );
    expect(patterned).toEqual({ type: "object" });
    const closed = declarationSchema({ type: "object", additionalProperties: false }, "#", context);
    expect(closed).toEqual({ type: "object", additionalProperties: false });
  });

  it("copies property names exactly, even __proto__", () => {
    const value = JSON.parse('{"properties": {"__proto__": {"type": "string"}}}') as Json;
    const copy = declarationSchema(value, "#", context) as { properties: Record<string, Json> };
    expect(Object.keys(copy.properties)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(copy.properties)).toBe(Object.prototype);
  });

  it("declares boolean schemas as unknown and never", () => {
    expect(declarationSchema(true, "#", context)).toEqual({ tsType: "unknown" });
    expect(declarationSchema(false, "#", context)).toEqual({ tsType: "never" });
  });
});
