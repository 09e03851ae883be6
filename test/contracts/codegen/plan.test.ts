import { describe, expect, it } from "vitest";
import { exportedNames, planGeneration } from "../../../contracts/codegen/plan.js";
import { planOf, subjectOf } from "./support.js";

const OBJECT = { type: "object" };

describe("planGeneration", () => {
  it("names every export after the subject, and sorts subjects by folder", () => {
    const plan = planOf([subjectOf("payment", [OBJECT]), subjectOf("order-placed", [OBJECT, OBJECT])]);
    expect(plan.subjects.map((subject) => subject.names.folder)).toEqual(["order-placed", "payment"]);
    const order = plan.subjects[0];
    expect(order?.names).toEqual({
      base: "OrderPlaced",
      folder: "order-placed",
      message: "OrderPlacedMessage",
      encode: "encodeOrderPlaced",
      decode: "decodeOrderPlaced",
      contract: "orderPlacedContract",
    });
    expect(
      order?.versions.map((version) => [version.typeName, version.guard, version.encode, version.module]),
    ).toEqual([
      ["OrderPlacedV1", "isOrderPlacedV1", "encodeOrderPlacedV1", "v1"],
      ["OrderPlacedV2", "isOrderPlacedV2", "encodeOrderPlacedV2", "v2"],
    ]);
    expect(order && exportedNames(order)).toContain("decodeOrderPlaced");
  });

  it("uses a configured name instead of the derived one", () => {
    const plan = planOf([{ ...subjectOf("orders-value", [OBJECT]), typeName: "Ordered" }]);
    expect(plan.subjects[0]?.names.base).toBe("Ordered");
  });

  it.each([
    [
      ["order-placed", "order_placed"],
      /subjects "order-placed" and "order_placed" would both generate the name OrderPlaced/,
    ],
    // Order's version type OrderV1 is the latest-version alias of subject order-v1.
    [["order", "order-v1"], /subjects "order" and "order-v1" would both generate the name OrderV1/],
    [
      ["accord-wire-error"],
      /"\(accord runtime\)" and "accord-wire-error" would both generate the name AccordWireError/,
    ],
  ])("refuses subjects %j that would export the same name", (names, message) => {
    const result = planGeneration({
      subjects: names.map((name) => subjectOf(name, [OBJECT])),
      wire: "confluent",
      module: "esm",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("ACCORD_ERR_GENERATE_NAME_COLLISION");
    expect(result.error.message).toMatch(message);
  });

  it("needs a schema id per version for the confluent wire format, and distinct ones", () => {
    const subject = subjectOf("order-placed", [OBJECT, { type: "object", required: ["a"] }]);
    const withoutId = {
      ...subject,
      versions: subject.versions.map(({ schemaId: _id, ...version }) => version),
    };
    const missing = planGeneration({ subjects: [withoutId], wire: "confluent", module: "esm" });
    expect(missing.ok || missing.error.message).toMatch(/no schema id for subject "order-placed" version 1/);
    expect(planGeneration({ subjects: [withoutId], wire: "json", module: "esm" }).ok).toBe(true);

    const same = subjectOf("order-placed", [OBJECT, { type: "object", required: ["a"] }], [5, 5]);
    const duplicate = planGeneration({ subjects: [same], wire: "confluent", module: "esm" });
    expect(duplicate.ok || duplicate.error.message).toMatch(/version 2: schema id 5 is already version 1's/);
  });

  it("refuses a subject no TypeScript name can be made from", () => {
    const result = planGeneration({ subjects: [subjectOf("--", [OBJECT])], wire: "json", module: "esm" });
    expect(result.ok || result.error.message).toMatch(/subject "--": no TypeScript name can be made/);
  });
});
