import { describe, expect, it } from "vitest";
import { fieldTable, flattenRows } from "../../../contracts/docs/fields.js";
import type { FieldRow } from "../../../contracts/docs/types.js";
import type { Json } from "../../../contracts/schema/types.js";
import { fixtureCatalog } from "./fixture.js";

function rowAt(rows: readonly FieldRow[], path: string): FieldRow {
  const row = flattenRows(rows).find((r) => r.path === path);
  if (!row)
    throw new Error(
      `no row ${path}; rows: ${flattenRows(rows)
        .map((r) => r.path)
        .join(", ")}`,
    );
  return row;
}

function versionRoot(subject: string, version: number): Json {
  const found = fixtureCatalog()
    .subjects.find((s) => s.name === subject)
    ?.versions.find((v) => v.version === version);
  if (!found) throw new Error(`no ${subject} v${version}`);
  return found.document.root;
}

describe("fieldTable", () => {
  it("lists properties with type, required, constraints and description, nested objects as children", () => {
    const table = fieldTable(versionRoot("order-placed", 1));
    expect(table.rootType).toBe("object");
    expect(table.rootConstraints).toContain("no other properties");
    expect(table.rows.map((r) => r.name)).toEqual([
      "orderId",
      "placedAt",
      "customer",
      "items",
      "currency",
      "total",
    ]);

    const orderId = rowAt(table.rows, "orderId");
    expect(orderId).toMatchObject({ type: "string", required: true, description: "Checkout's order id." });
    expect(orderId.constraints).toEqual(["length 1–64"]);
    expect(rowAt(table.rows, "placedAt").constraints).toEqual(["format date-time"]);
    expect(rowAt(table.rows, "currency").constraints).toEqual(['one of "EUR", "GBP", "USD", "CHF"']);

    const customer = rowAt(table.rows, "customer");
    expect(customer.children.map((r) => [r.path, r.required])).toEqual([
      ["customer.customerId", true],
      ["customer.email", true],
      ["customer.name", false],
    ]);
  });

  it("shows an array of objects as one row whose children are the item's fields", () => {
    const items = rowAt(fieldTable(versionRoot("order-placed", 1)).rows, "items");
    expect(items.type).toBe("array of object");
    expect(items.constraints).toEqual(["items ≥ 1"]);
    expect(items.children.map((r) => r.path)).toEqual([
      "items[].sku",
      "items[].quantity",
      "items[].unitPrice",
    ]);
    expect(rowAt(items.children, "items[].sku").constraints).toEqual(["length 1–32"]);
  });

  it("follows $ref into $defs, keeps the target's description, and lists oneOf options", () => {
    const table = fieldTable(versionRoot("payment-captured", 1));
    const amount = rowAt(table.rows, "amount");
    expect(amount).toMatchObject({
      type: "object",
      description: "An amount in minor units.",
      pointer: "#/properties/amount",
    });
    expect(amount.children.map((r) => r.path)).toEqual(["amount.value", "amount.currency"]);

    const method = rowAt(table.rows, "method");
    expect(method.type).toBe("one of: object");
    expect(method.description).toBe("How the customer paid.");
    expect(method.children.map((r) => r.name)).toEqual(["option 1", "option 2"]);
    expect(rowAt(table.rows, "method(1).kind").constraints).toEqual(['= "card"']);
    expect(rowAt(table.rows, "method(2).iban").constraints).toEqual(["length 15–34"]);
  });

  it("follows references into a resource embedded under its own $id, and within it", () => {
    const table = fieldTable({
      $id: "http://example.com/event.json",
      type: "object",
      definitions: {
        x: { type: "string" },
        emb: {
          $id: "http://example.com/emb.json",
          type: "object",
          definitions: { x: { type: "integer", description: "The embedded x." } },
          properties: { a: { $ref: "#/definitions/x" } },
        },
      },
      properties: { payload: { $ref: "emb.json" } },
    });
    expect(rowAt(table.rows, "payload").type).toBe("object");
    expect(rowAt(table.rows, "payload.a")).toMatchObject({ type: "integer", description: "The embedded x." });
  });

  it("stops a recursive type at the reference instead of expanding it forever", () => {
    const table = fieldTable(versionRoot("customer-signed-up", 1));
    const interests = rowAt(table.rows, "interests");
    expect(interests.type).toBe("array of object");
    const parent = rowAt(table.rows, "interests[].parent");
    expect(parent.recursiveRef).toBe("#/definitions/Category");
    expect(parent.type).toBe("Category (recursive)");
    expect(parent.children).toEqual([]);
  });

  it("gives nested arrays an explicit item row", () => {
    const matrix = rowAt(fieldTable(versionRoot("audit-entry", 1)).rows, "matrix");
    expect(matrix.type).toBe("array of array of number");
    expect(matrix.children.map((r) => [r.path, r.type])).toEqual([["matrix[]", "array of number"]]);
  });

  it("folds allOf branches into one object and lists required names that have no schema", () => {
    const table = fieldTable({
      allOf: [
        { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
        { properties: { at: { type: "integer", minimum: 0 } }, required: ["at", "trace"] },
      ],
    });
    expect(table.rootType).toBe("object");
    expect(table.rows.map((r) => [r.path, r.type, r.required])).toEqual([
      ["id", "string", true],
      ["at", "integer", true],
      ["trace", "any", true],
    ]);
  });

  it("lets the referring node's description win over the target's, and honours sibling keywords", () => {
    const table = fieldTable({
      $defs: { Id: { type: "string", description: "generic id", maxLength: 10 } },
      type: "object",
      properties: { orderId: { $ref: "#/$defs/Id", description: "The order." } },
    });
    expect(rowAt(table.rows, "orderId")).toMatchObject({
      type: "string",
      description: "The order.",
      constraints: ["length ≤ 10"],
    });
  });

  it("shows tuples item by item, required up to minItems", () => {
    const table = fieldTable({
      type: "object",
      properties: {
        point: {
          type: "array",
          prefixItems: [{ type: "number" }, { type: "number" }, { type: "string" }],
          minItems: 2,
        },
      },
    });
    const point = rowAt(table.rows, "point");
    expect(point.children.map((r) => [r.name, r.type, r.required])).toEqual([
      ["[0]", "number", true],
      ["[1]", "number", true],
      ["[2]", "string", false],
    ]);
  });

  it("marks deprecated fields and shows additionalProperties and patternProperties schemas", () => {
    const table = fieldTable({
      type: "object",
      properties: { old: { type: "string", deprecated: true } },
      patternProperties: { "^x-": { type: "string" } },
      additionalProperties: { type: "integer" },
    });
    expect(rowAt(table.rows, "old").deprecated).toBe(true);
    expect(rowAt(table.rows, "/^x-/").type).toBe("string");
    expect(rowAt(table.rows, "*").type).toBe("integer");
  });

  it("describes nullable types, const and enums without a type", () => {
    const table = fieldTable({
      type: "object",
      properties: {
        note: { type: ["string", "null"] },
        kind: { const: "refund" },
        level: { enum: [1, 2, 3] },
        anything: {},
      },
    });
    expect(table.rows.map((r) => r.type)).toEqual(["string | null", "string", "integer", "any"]);
  });

  it("tells properties from items, options and patterns, whatever they are called", () => {
    const table = fieldTable({
      type: "object",
      properties: {
        "option 1": { type: "string" },
        "[]": {
          oneOf: [{ type: "string" }, { type: "array", items: { type: "array", items: { type: "number" } } }],
        },
      },
      patternProperties: { "^x-": true },
    });
    expect(flattenRows(table.rows).map((r) => [r.path, r.kind])).toEqual([
      ["option 1", "property"],
      ["[]", "property"],
      ["[](1)", "option"],
      ["[](2)", "option"],
      ["[](2)[]", "item"],
      ["/^x-/", "pattern"],
    ]);
  });

  it("cuts very deep schemas and says so", () => {
    let schema: Json = { type: "string" };
    for (let i = 0; i < 40; i++) schema = { type: "object", properties: { next: schema } };
    const table = fieldTable(schema);
    expect(table.truncated).toBe(true);
    expect(flattenRows(table.rows).length).toBeLessThan(40);
  });
});
