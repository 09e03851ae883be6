import { describe, expect, it } from "vitest";
import type { CompatibilityMode } from "../../../contracts/compat/index.js";
import {
  exampleShownIn,
  fieldChanges,
  ShownChanges,
  versionChange,
} from "../../../contracts/docs/changes.js";
import { fieldTable } from "../../../contracts/docs/fields.js";
import type { SchemaDocument } from "../../../contracts/schema/types.js";
import { schemaDocument } from "../../support/schema-doc.js";
import { fixtureCatalog } from "./fixture.js";

function orderPlaced(version: number): SchemaDocument {
  const found = fixtureCatalog()
    .subjects.find((s) => s.name === "order-placed")
    ?.versions.find((v) => v.version === version);
  if (!found) throw new Error(`no order-placed v${version}`);
  return found.document;
}

describe("fieldChanges", () => {
  it("lists added, changed and removed fields with what differs", () => {
    const v1 = fieldTable(orderPlaced(1).root);
    const v2 = fieldTable(orderPlaced(2).root);
    const changes = fieldChanges(v1, v2);
    expect(changes).toContainEqual({ kind: "added", path: "couponCode", details: [] });
    expect(changes).toContainEqual({
      kind: "changed",
      path: "customer.email",
      details: ["now optional", "description changed"],
    });
    expect(changes).toContainEqual({
      kind: "changed",
      path: "items[].sku",
      details: ["added: length 1–48", "dropped: length 1–32"],
    });
    expect(changes.filter((c) => c.kind === "removed")).toEqual([]);
    // Reversed, the addition is a removal.
    expect(fieldChanges(v2, v1)).toContainEqual({ kind: "removed", path: "couponCode", details: [] });
  });

  it("reports a new nested object once, not once per nested field", () => {
    const before = fieldTable({ type: "object", properties: { a: { type: "string" } } });
    const after = fieldTable({
      type: "object",
      properties: {
        a: { type: "integer" },
        address: { type: "object", properties: { street: { type: "string" }, city: { type: "string" } } },
      },
    });
    expect(fieldChanges(before, after)).toEqual([
      { kind: "changed", path: "a", details: ["type string → integer"] },
      { kind: "added", path: "address", details: [] },
    ]);
  });

  it("reports no change between a schema and itself", () => {
    const table = fieldTable(orderPlaced(3).root);
    expect(fieldChanges(table, table)).toEqual([]);
  });
});

describe("versionChange", () => {
  const fieldsOf = (doc: SchemaDocument) => fieldTable(doc.root);
  /** The change from the last of `history` to `current`, versions numbered by position. */
  const changeOf = (
    history: SchemaDocument[],
    current: SchemaDocument,
    mode: CompatibilityMode,
    shown = new ShownChanges(),
  ) =>
    versionChange(
      history,
      current,
      mode,
      {},
      fieldsOf(history.at(-1) as SchemaDocument),
      fieldsOf(current),
      { from: history.length, to: history.length + 1 },
      shown,
    );

  it("carries the engine's verdict and proven findings under the subject's mode", () => {
    const v2 = orderPlaced(2);
    const v3 = orderPlaced(3);
    const change = changeOf([orderPlaced(1), v2], v3, "BACKWARD");
    expect(change.from).toBe(2);
    expect(change.informational).toBe(false);
    expect(change.report.mode).toBe("BACKWARD");
    expect(change.report.verdict).toBe("incompatible");
    expect(change.report.findings.map((f) => f.rule)).toContain("enum-value-removed");
    expect(change.fields.length).toBeGreaterThan(0);
  });

  it("checks against every earlier version under a transitive mode", () => {
    const v1 = orderPlaced(1);
    const v2 = orderPlaced(2);
    const v3 = orderPlaced(3);
    const plain = changeOf([v1, v2], v3, "BACKWARD");
    const transitive = changeOf([v1, v2], v3, "BACKWARD_TRANSITIVE");
    expect(plain.report.findings.every((f) => f.against === undefined)).toBe(true);
    expect(new Set(transitive.report.findings.map((f) => f.against))).toEqual(new Set([1, 2]));
  });

  it("shows a change's example once, and names where from each later version that repeats it", () => {
    const order = (currencies: string[], note?: { type: string; maxLength: number }) =>
      schemaDocument(
        {
          type: "object",
          properties: { currency: { enum: currencies }, ...(note ? { note } : {}) },
          required: ["currency"],
        },
        `v${currencies.length}.json`,
      );
    const v1 = order(["EUR", "USD", "CHF"]);
    const v2 = order(["EUR", "USD"]);
    const v3 = order(["EUR", "USD"], { type: "string", maxLength: 3 });
    const shown = new ShownChanges();
    const mode: CompatibilityMode = "BACKWARD_TRANSITIVE";
    const second = changeOf([v1], v2, mode, shown);
    const third = changeOf([v1, v2], v3, mode, shown);
    expect(second.report.findings.map((f) => exampleShownIn(second, f))).toEqual([undefined]);
    const where = third.report.findings.map((f) => [f.rule, f.against, exampleShownIn(third, f)]);
    expect(where).toEqual([
      ["property-added-to-open-model", 1, undefined],
      ["enum-value-removed", 1, 2],
      ["property-added-to-open-model", 2, 3],
    ]);
  });

  it("shows FULL for information when the subject's mode is NONE", () => {
    const before = schemaDocument(
      { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
      "a",
    );
    const after = schemaDocument(
      { type: "object", properties: { a: { type: "integer" } }, additionalProperties: false },
      "b",
    );
    const change = changeOf([before], after, "NONE");
    expect(change.informational).toBe(true);
    expect(change.report.mode).toBe("FULL");
    expect(change.report.verdict).toBe("incompatible");
  });

  it("is compatible when only descriptions change", () => {
    const before = schemaDocument(
      { type: "object", properties: { a: { type: "string", description: "x" } } },
      "a",
    );
    const after = schemaDocument(
      { type: "object", properties: { a: { type: "string", description: "y" } } },
      "b",
    );
    const change = changeOf([before], after, "FULL");
    expect(change.report.verdict).toBe("compatible");
    expect(change.fields).toEqual([{ kind: "changed", path: "a", details: ["description changed"] }]);
  });
});
