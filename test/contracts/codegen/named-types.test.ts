import { describe, expect, it } from "vitest";
import { planSubjectTypes, type VersionTypes } from "../../../contracts/codegen/named-types.js";
import { exportedNames } from "../../../contracts/codegen/plan.js";
import type { PlannedSubject } from "../../../contracts/codegen/types.js";
import type { Json } from "../../../contracts/schema/types.js";
import { planOf, subjectOf } from "./support.js";

const money = {
  type: "object",
  required: ["amount", "currency"],
  properties: { amount: { type: "number" }, currency: { enum: ["EUR", "USD"] } },
};
const address = { type: "object", properties: { street: { type: "string" } } };
const address2 = { type: "object", properties: { street: { type: "string" }, city: { type: "string" } } };

function schema(defs: Record<string, Json>, properties: Record<string, Json>): Json {
  return { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", $defs: defs, properties };
}

function typesOf(schemas: readonly Json[]): { subject: PlannedSubject; types: VersionTypes[] } {
  const subject = planOf([subjectOf("order-placed", schemas)]).subjects[0] as PlannedSubject;
  const types = planSubjectTypes(subject, new Set(exportedNames(subject)));
  if (!types.ok) throw new Error(types.error.message);
  return { subject, types: types.value };
}

const names = (types: VersionTypes) => types.declared.map((declaration) => declaration.name);

describe("planSubjectTypes: each named type declared once per subject", () => {
  const v1 = schema(
    { money, address },
    {
      total: { $ref: "#/$defs/money" },
      shipTo: { $ref: "#/$defs/address" },
      billTo: { $ref: "#/$defs/address" },
    },
  );
  const v2 = schema(
    { money, address: address2 },
    {
      total: { $ref: "#/$defs/money" },
      customer: { title: "Customer", type: "object", properties: { home: { $ref: "#/$defs/address" } } },
    },
  );
  const v3 = schema(
    {
      money: { ...money, properties: { ...money.properties, cents: { type: "integer" } } },
      address: address2,
    },
    {
      total: { $ref: "#/$defs/money" },
      customer: { title: "Customer", type: "object", properties: { home: { $ref: "#/$defs/address" } } },
    },
  );
  const { types } = typesOf([v1, v2, v3]);
  const [t1, t2, t3] = types as [VersionTypes, VersionTypes, VersionTypes];

  it("declares a $ref'd type in the first version that has it, even when referenced twice", () => {
    expect(t1.root.name).toBe("OrderPlacedV1");
    expect(names(t1)).toEqual(["Money", "Address"]);
    expect(t1.imports).toEqual([]);
    expect(t1.root.schema).toMatchObject({
      properties: {
        total: { tsType: "Money" },
        shipTo: { tsType: "Address" },
        billTo: { tsType: "Address" },
      },
    });
    expect(t1.exports).toEqual(["OrderPlacedV1", "Money", "Address"]);
  });

  it("imports an unchanged type from the earlier module and names a changed one after its version", () => {
    expect(names(t2)).toEqual(["Customer", "AddressV2"]);
    expect(t2.imports).toEqual([{ name: "Money", module: "v1" }]);
    expect(t2.declared[0]?.schema).toMatchObject({ properties: { home: { tsType: "AddressV2" } } });
  });

  it("keeps a type whose references did not change, and splits one whose content did", () => {
    expect(names(t3)).toEqual(["MoneyV3"]);
    // AddressV2 is reached only through Customer, whose module imports it.
    expect(t3.imports).toEqual([{ name: "Customer", module: "v2" }]);
  });

  it("tells apart types equal in text whose references differ (a recursive fixpoint)", () => {
    const node = {
      type: "object",
      properties: {
        value: { $ref: "#/$defs/leaf" },
        children: { type: "array", items: { $ref: "#/$defs/node" } },
      },
    };
    const a = schema({ node, leaf: { type: "string" } }, { tree: { $ref: "#/$defs/node" } });
    const b = schema({ node, leaf: { type: "number" } }, { tree: { $ref: "#/$defs/node" } });
    const [first, second] = typesOf([a, b]).types as [VersionTypes, VersionTypes];
    expect(names(first)).toEqual(["Node", "Leaf"]);
    // Node's own text did not change, but its leaf did, so Node is a new type too.
    expect(names(second)).toEqual(["NodeV2", "LeafV2"]);
    expect(second.declared[0]?.schema).toMatchObject({
      properties: { value: { tsType: "LeafV2" }, children: { items: { tsType: "NodeV2" } } },
    });
  });

  it("keeps one type when a later version only rewords its descriptions", () => {
    const documented = (text: string) => ({
      ...money,
      description: text,
      properties: { ...money.properties, amount: { type: "number", description: `${text} amount` } },
    });
    const a = schema({ money: documented("Money.") }, { total: { $ref: "#/$defs/money" } });
    const b = schema({ money: documented("An amount of money.") }, { total: { $ref: "#/$defs/money" } });
    const [first, second] = typesOf([a, b]).types as [VersionTypes, VersionTypes];
    expect(names(first)).toEqual(["Money"]);
    expect(names(second)).toEqual([]);
    expect(second.imports).toEqual([{ name: "Money", module: "v1" }]);
    // A property named `description` is part of the shape.
    const c = schema(
      {
        money: {
          ...documented("Money."),
          properties: { ...money.properties, description: { type: "string" } },
        },
      },
      { total: { $ref: "#/$defs/money" } },
    );
    expect(names((typesOf([a, c]).types as VersionTypes[])[1] as VersionTypes)).toEqual(["MoneyV2"]);
  });

  it("refers to the version's own type for a $ref to the root", () => {
    const recursive = schema({}, { parent: { $ref: "#" }, name: { type: "string" } });
    const [only] = typesOf([recursive]).types as [VersionTypes];
    expect(only.root.schema).toMatchObject({ properties: { parent: { tsType: "OrderPlacedV1" } } });
    expect(only.declared).toEqual([]);
  });

  it("never reuses a name the subject exports", () => {
    const clash = schema(
      { OrderPlaced: { type: "object" }, date: { title: "Date", type: "string" } },
      { a: { $ref: "#/$defs/OrderPlaced" }, b: { $ref: "#/$defs/date" } },
    );
    const [only] = typesOf([clash]).types as [VersionTypes];
    expect(names(only)).toEqual(["OrderPlaced2", "Date2"]);
  });

  it("applies $ref siblings from 2019-09 on as an intersection, and ignores them in draft-07", () => {
    const props = { a: { $ref: "#/$defs/money", required: ["extra"], description: "Paid." } };
    const [later] = typesOf([schema({ money }, props)]).types as [VersionTypes];
    expect(later.root.schema).toMatchObject({
      properties: { a: { allOf: [{ tsType: "Money" }, { required: ["extra"] }], description: "Paid." } },
    });
    const draft7 = { definitions: { money }, properties: props };
    const fixed = JSON.parse(JSON.stringify(draft7).replaceAll("$defs", "definitions")) as Json;
    const [old] = typesOf([fixed]).types as [VersionTypes];
    expect(old.root.schema).toMatchObject({ properties: { a: { tsType: "Money", description: "Paid." } } });
  });

  it("takes $ref siblings that never validate (OpenAPI's example among them) as no change to the type", () => {
    const props = { a: { $ref: "#/$defs/money", description: "Paid.", example: 5, $comment: "cents" } };
    const [types] = typesOf([schema({ money }, props)]).types as [VersionTypes];
    expect((types.root.schema as { properties: { a: Json } }).properties.a).toEqual({
      tsType: "Money",
      description: "Paid.",
    });
  });
});
