import { describe, expect, it } from "vitest";
import type { Json } from "../../contracts/schema/types.js";
import { bundleReferences, type ReferencedSchema } from "../../registry/references.js";

function referenced(
  key: string,
  root: Json,
  references: [string, ReferencedSchema][] = [],
): ReferencedSchema {
  return { key, root, references: new Map(references) };
}

describe("bundleReferences", () => {
  it("leaves a schema without references untouched", () => {
    const root = { type: "object", properties: { a: { $ref: "#/definitions/x" } }, definitions: { x: {} } };
    expect(bundleReferences(root, new Map())).toBe(root);
  });

  it("embeds a referenced schema under definitions (draft-07) and points $ref at it, fragments kept", () => {
    const address = referenced("address-value/1", {
      $id: "https://example.com/address.json",
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { city: { $ref: "#/definitions/city" } },
      definitions: { city: { type: "string" } },
    });
    const root = {
      type: "object",
      properties: {
        home: { $ref: "address.json" },
        town: { $ref: "address.json#/definitions/city" },
        other: { $ref: "#/definitions/local" },
      },
      definitions: { local: { type: "number" } },
    };
    expect(bundleReferences(root, new Map([["address.json", address]]))).toEqual({
      type: "object",
      properties: {
        home: { $ref: "#/definitions/accord-ref-1" },
        town: { $ref: "#/definitions/accord-ref-1/definitions/city" },
        other: { $ref: "#/definitions/local" },
      },
      definitions: {
        local: { type: "number" },
        "accord-ref-1": {
          type: "object",
          properties: { city: { $ref: "#/definitions/accord-ref-1/definitions/city" } },
          definitions: { city: { type: "string" } },
        },
      },
    });
  });

  it("uses $defs for 2020-12, follows nested references once, and survives a cycle", () => {
    const a: ReferencedSchema = {
      key: "a/1",
      root: { properties: { b: { $ref: "b.json" } } },
      references: new Map(),
    };
    const b = referenced("b/1", { properties: { a: { $ref: "./a.json" } } }, [["a.json", a]]);
    (a.references as Map<string, ReferencedSchema>).set("b.json", b);
    const root = { $schema: "https://json-schema.org/draft/2020-12/schema", $ref: "a.json" };
    expect(bundleReferences(root, new Map([["a.json", a]]))).toEqual({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $ref: "#/$defs/accord-ref-1",
      $defs: {
        "accord-ref-1": { properties: { b: { $ref: "#/$defs/accord-ref-2" } } },
        "accord-ref-2": { properties: { a: { $ref: "#/$defs/accord-ref-1" } } },
      },
    });
  });

  it("leaves data keywords and unknown remote refs alone (the loader then refuses the remote one)", () => {
    const root = {
      enum: [{ $ref: "x.json" }],
      properties: { p: { $ref: "https://elsewhere.example/s.json" } },
      allOf: [{ $ref: "x.json" }],
    };
    const bundled = bundleReferences(root, new Map([["x.json", referenced("x/1", { type: "string" })]]));
    expect(bundled).toMatchObject({
      enum: [{ $ref: "x.json" }],
      properties: { p: { $ref: "https://elsewhere.example/s.json" } },
      allOf: [{ $ref: "#/definitions/accord-ref-1" }],
    });
  });
});
