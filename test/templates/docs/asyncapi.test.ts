import { Parser } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";
import { docsModelFromCatalog } from "../../../contracts/docs/build.js";
import { validatorFor } from "../../../contracts/schema/ajv.js";
import type { Json } from "../../../contracts/schema/types.js";
import { toDraft07 } from "../../../templates/docs/asyncapi/draft07.js";
import { ASYNCAPI_FILE, renderAsyncApi } from "../../../templates/docs/asyncapi/render.js";
import { fixtureCatalog } from "../../contracts/docs/fixture.js";

const model = docsModelFromCatalog(fixtureCatalog(), { changes: false });
const [file] = renderAsyncApi(model);
if (!file) throw new Error("no AsyncAPI file rendered");
interface Ref {
  readonly $ref: string;
}
interface Operation {
  readonly action: string;
  readonly channel: Ref;
  readonly messages: readonly Ref[];
  readonly "x-accord-service": string;
}
/** The parts of the document these tests read. */
interface AsyncApiDoc {
  readonly channels: Record<string, { address: string | null; messages: Record<string, Ref> }>;
  readonly operations: Record<string, Operation>;
  readonly components: {
    messages: Record<
      string,
      {
        payload: Ref;
        description?: string;
        "x-accord": Record<string, unknown>;
        examples: { payload: Json }[];
      }
    >;
    schemas: Record<string, { schemaFormat: string; schema: { [key: string]: Json } }>;
  };
}
const doc = JSON.parse(file.content) as AsyncApiDoc;

describe("AsyncAPI document", () => {
  it("is accepted by @asyncapi/parser with no errors or warnings", async () => {
    expect(file.path).toBe(ASYNCAPI_FILE);
    const { document, diagnostics } = await new Parser().parse(file.content);
    // Spectral severities: 0 error, 1 warning, 2 information, 3 hint.
    const problems = diagnostics
      .filter((d) => d.severity <= 1)
      .map((d) => `${d.code}: ${d.message} at ${d.path.join("/")}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();
    expect(document?.version()).toBe("3.0.0");
    expect(document?.channels().length).toBe(4);
    expect(document?.messages().length).toBe(8);

    // $refs inside payloads were re-pointed and resolve: payment-captured's Money came through.
    const message = document
      ?.messages()
      .all()
      .find((m) => m.id() === "payment-captured.v1");
    const amount = message?.payload()?.properties()?.amount;
    expect(Object.keys(amount?.properties() ?? {})).toEqual(["value", "currency"]);
  });

  it("has one channel per topic, with every version of every event on it as a message", () => {
    expect(Object.keys(doc.channels)).toEqual([
      "audit-entry",
      "shop.customers",
      "shop.orders",
      "shop.payments",
    ]);
    expect(doc.channels["shop.customers"]?.address).toBe("shop.customers");
    expect(Object.keys(doc.channels["shop.customers"]?.messages ?? {})).toEqual([
      "customer-registered.v1",
      "customer-signed-up.v1",
    ]);
    expect(Object.keys(doc.channels["shop.orders"]?.messages ?? {})).toEqual([
      "order-placed.v1",
      "order-placed.v2",
      "order-placed.v3",
    ]);
    // No topic in the catalog: the address is unknown, not made up.
    expect(doc.channels["audit-entry"]?.address).toBeNull();
  });

  it("has a send operation per producer and a receive operation per consumer", () => {
    const ops = doc.operations;
    expect(ops["checkout.send.shop.orders"]).toMatchObject({
      action: "send",
      channel: { $ref: "#/channels/shop.orders" },
    });
    expect(ops["checkout.send.shop.orders"]?.messages).toHaveLength(3);
    expect(ops["billing.receive.shop.orders"]?.action).toBe("receive");
    expect(ops["billing.receive.shop.payments"]?.messages).toEqual([
      { $ref: "#/channels/shop.payments/messages/payment-captured.v1" },
      { $ref: "#/channels/shop.payments/messages/payment-captured.v2" },
    ]);
    // Every operation's messages belong to its own channel (asyncapi3-operation-messages-from-referred-channel).
    for (const op of Object.values(ops)) {
      const channel = op.channel.$ref.replace("#/channels/", "");
      for (const ref of op.messages)
        expect(ref.$ref.startsWith(`#/channels/${channel}/messages/`)).toBe(true);
    }
    // Every producer sends, and every consumer receives, every version of its events.
    for (const subject of model.subjects) {
      for (const [services, action] of [
        [subject.producers, "send"],
        [subject.consumers, "receive"],
      ] as const) {
        for (const service of services) {
          const refs = Object.values(ops)
            .filter((op) => op["x-accord-service"] === service && op.action === action)
            .flatMap((op) => op.messages.map((m) => m.$ref));
          for (const v of subject.versions) {
            expect(
              refs.some((r) => r.endsWith(`/messages/${subject.slug}.v${v.version}`)),
              `${service} ${action} ${subject.name}`,
            ).toBe(true);
          }
        }
      }
    }
  });

  it("gives each message its schema as a draft-07 payload, its example and the catalog metadata", () => {
    const message = doc.components.messages["customer-registered.v1"];
    expect(message?.payload).toEqual({ $ref: "#/components/schemas/customer-registered.v1" });
    expect(message?.description).toMatch(
      /^Deprecated: Replaced by the signup flow's event\. Use customer-signed-up instead\./,
    );
    expect(message?.["x-accord"]).toMatchObject({
      subject: "customer-registered",
      version: 1,
      compatibility: "BACKWARD",
    });
    const schema = doc.components.schemas["order-placed.v3"];
    expect(schema?.schemaFormat).toBe("application/schema+json;version=draft-07");
    expect(schema?.schema.$schema).toBeUndefined();
    const order = doc.components.messages["order-placed.v3"];
    expect(validatorFor(schema?.schema ?? false, "draft-07")(order?.examples[0]?.payload)).toBe(true);
  });
});

describe("toDraft07", () => {
  /** The converted schema must accept and reject exactly what the original does. */
  function sameVerdicts(root: Json, draft: "2019-09" | "2020-12", instances: readonly Json[]): Json {
    const { schema } = toDraft07(root, draft, "#");
    const before = validatorFor(root, draft);
    const after = validatorFor(schema, "draft-07");
    for (const instance of instances)
      expect(after(instance), JSON.stringify(instance)).toBe(before(instance));
    return schema;
  }

  it("rewrites $defs, prefixItems and dependentRequired with the same meaning", () => {
    const root: Json = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: {
        point: { type: "array", prefixItems: [{ type: "number" }, { $ref: "#/$defs/Label" }], items: false },
        card: { type: "string" },
        cvc: { type: "string" },
      },
      dependentRequired: { card: ["cvc"] },
      $defs: { Label: { type: "string", maxLength: 3 } },
    };
    const schema = sameVerdicts(root, "2020-12", [
      { point: [1, "abc"] },
      { point: [1, "abcd"] },
      { point: [1, "a", 3] },
      { point: ["x"] },
      { card: "4242" },
      { card: "4242", cvc: "123" },
    ]);
    expect(schema).toMatchObject({
      properties: {
        point: { items: [{ type: "number" }, { $ref: "#/definitions/Label" }], additionalItems: false },
      },
      dependencies: { card: ["cvc"] },
      definitions: { Label: { type: "string", maxLength: 3 } },
    });
  });

  it("keeps keywords beside $ref by moving the $ref into allOf", () => {
    const root: Json = {
      $defs: { Base: { type: "object", properties: { id: { type: "string" } } } },
      $ref: "#/$defs/Base",
      required: ["id"],
    };
    const schema = sameVerdicts(root, "2020-12", [{ id: "a" }, {}, { id: 1 }]);
    expect(schema).toMatchObject({ required: ["id"], allOf: [{ $ref: "#/definitions/Base" }] });
  });

  it("leaves $ref in place beside annotations only, OpenAPI's example among them", () => {
    const root: Json = {
      $defs: { Base: { type: "object", properties: { id: { type: "string" } } } },
      properties: { base: { $ref: "#/$defs/Base", description: "The base.", example: { id: "a" } } },
    };
    const schema = sameVerdicts(root, "2020-12", [{ base: { id: "a" } }, { base: { id: 1 } }]) as {
      properties: { base: Json };
    };
    expect(schema.properties.base).toEqual({
      $ref: "#/definitions/Base",
      description: "The base.",
      example: { id: "a" },
    });
  });

  it("turns anchors into pointers and prefixes every reference with the schema's new place", () => {
    const root: Json = {
      type: "object",
      properties: { a: { $ref: "#money" }, self: { $ref: "#" } },
      $defs: { M: { $anchor: "money", type: "integer" } },
    };
    const { schema } = toDraft07(root, "2019-09", "#/components/schemas/x/schema");
    expect(schema).toMatchObject({
      properties: {
        a: { $ref: "#/components/schemas/x/schema/definitions/M" },
        self: { $ref: "#/components/schemas/x/schema" },
      },
    });
    expect(JSON.stringify(schema)).not.toContain("$anchor");
  });

  it("keeps keywords without a draft-07 form under x-accord- names and reports them", () => {
    const { schema, lossy } = toDraft07(
      { type: "object", properties: { a: { type: "string" } }, unevaluatedProperties: false },
      "2020-12",
      "#",
    );
    expect(schema).toMatchObject({ "x-accord-unevaluatedProperties": false });
    expect(lossy).toEqual(["#/unevaluatedProperties"]);
  });
});
