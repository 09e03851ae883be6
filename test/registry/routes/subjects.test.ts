import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ANY_GUID,
  expectError,
  jsonSchema,
  ORDER_NARROWED,
  ORDER_V1,
  ORDER_V2,
  type TestRegistry,
  testRegistry,
} from "../helpers.js";

let r: TestRegistry;
beforeEach(async () => {
  r = await testRegistry();
});
afterEach(async () => {
  await r.close();
});

async function register(subject: string, schema: unknown, extra: Record<string, unknown> = {}) {
  return r.call("POST", `/subjects/${encodeURIComponent(subject)}/versions`, jsonSchema(schema, extra));
}

describe("POST /subjects/{subject}/versions", () => {
  it("registers a JSON schema and returns its id, version and stored text", async () => {
    const reply = await register("orders-value", ORDER_V1);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: 1,
      version: 1,
      guid: ANY_GUID,
      schemaType: "JSON",
      schema: JSON.stringify(ORDER_V1),
    });
    expect(reply.raw.headers["content-type"]).toMatch(/^application\/vnd\.schemaregistry\.v1\+json/);
  });

  it("gives the same schema the same id under several subjects, each with its own version", async () => {
    await register("payments-value", ORDER_V2);
    const a = await register("orders-value", ORDER_V1);
    const b = await register("audit-value", ORDER_V1);
    expect(a.body).toMatchObject({ id: 2, version: 1 });
    expect(b.body).toMatchObject({ id: 2, version: 1 });
    const subjects = await r.call("GET", "/schemas/ids/2/subjects");
    expect(subjects.body).toEqual(["audit-value", "orders-value"]);
  });

  it("treats key order and layout as the same schema (one id)", async () => {
    await register("a", { type: "object", required: ["x"], properties: { x: { type: "string" } } });
    const reordered = await r.call(
      "POST",
      "/subjects/b/versions",
      jsonSchema(
        {},
        { schema: '{ "properties": { "x": { "type": "string" } }, "required": ["x"], "type": "object" }' },
      ),
    );
    expect(reordered.body).toMatchObject({ id: 1, version: 1 });
  });

  it("stores sorted keys with normalize=true", async () => {
    const reply = await r.call(
      "POST",
      "/subjects/s/versions?normalize=true",
      jsonSchema({}, { schema: '{"type":"object","properties":{}}' }),
    );
    expect((reply.body as { schema: string }).schema).toBe('{"properties":{},"type":"object"}');
  });

  it("is idempotent: re-registering an existing schema returns its version and writes nothing", async () => {
    await register("s", ORDER_V1);
    await register("s", ORDER_V2);
    const again = await register("s", ORDER_V1);
    expect(again.body).toMatchObject({ id: 1, version: 1 });
    expect((await r.call("GET", "/subjects/s/versions")).body).toEqual([1, 2]);
  });

  it("rejects a BACKWARD-incompatible schema with 409/40901 naming the rule and an example event", async () => {
    await register("s", ORDER_V1);
    const reply = await register("s", ORDER_NARROWED);
    expectError(reply, 409, 40901);
    const message = (reply.body as { message: string }).message;
    expect(message).toMatch(/incompatible with an earlier schema for subject "s" \(BACKWARD, incompatible\)/);
    expect(message).toMatch(/\[max-length-[a-z-]+\] #\/properties\/orderId/);
    expect(message).toMatch(/example event: \{.*"orderId":"[^"]{9,}"/);
    expect((await r.call("GET", "/subjects/s/versions")).body).toEqual([1]);
  });

  it("checks against the subject's level: FORWARD rejects what BACKWARD accepts", async () => {
    await r.call("PUT", "/config/s", { compatibility: "FORWARD" });
    await register("s", ORDER_V1);
    expectError(await register("s", ORDER_V2), 409, 40901);
    await r.call("PUT", "/config/s", { compatibility: "NONE" });
    expect((await register("s", ORDER_NARROWED)).status).toBe(200);
  });

  it("numbers a new version after soft-deleted ones, never reusing them", async () => {
    await r.call("PUT", "/config/s", { compatibility: "NONE" });
    await register("s", ORDER_V1);
    await register("s", ORDER_V2);
    expect((await r.call("DELETE", "/subjects/s/versions/2")).body).toBe(2);
    const next = await register("s", ORDER_NARROWED);
    expect(next.body).toMatchObject({ version: 3 });
    expect((await r.call("GET", "/subjects/s/versions")).body).toEqual([1, 3]);
    expect((await r.call("GET", "/subjects/s/versions?deleted=true")).body).toEqual([1, 2, 3]);
    expect((await r.call("GET", "/subjects/s/versions?deletedOnly=true")).body).toEqual([2]);
    expect((await r.call("GET", "/subjects/s/versions?deleted=true&deletedAsNegative=true")).body).toEqual([
      1, -2, 3,
    ]);
  });

  it("accepts a body version only when it is the next one", async () => {
    await register("s", ORDER_V1);
    expectError(await register("s", ORDER_V2, { version: 5 }), 422, 42201);
    expect((await register("s", ORDER_V2, { version: 2 })).body).toMatchObject({ version: 2 });
  });

  it("refuses schemaType AVRO, PROTOBUF and a missing schemaType with 42201 saying Accord stores JSON Schema", async () => {
    for (const body of [
      { schema: '{"type":"record","name":"x","fields":[]}' },
      { schema: "{}", schemaType: "AVRO" },
      { schema: 'syntax = "proto3";', schemaType: "PROTOBUF" },
    ]) {
      const reply = await r.call("POST", "/subjects/s/versions", body);
      expectError(reply, 422, 42201);
      expect((reply.body as { message: string }).message).toMatch(/Accord stores JSON Schema subjects only/);
    }
    expect((await r.call("GET", "/subjects")).body).toEqual([]);
  });

  it("refuses schema text that is not JSON, not a schema, or not valid for its draft", async () => {
    const cases: [string, RegExp][] = [
      ["{not json", /not valid JSON/],
      ["", /empty/],
      ["[1,2]", /must be an object or a boolean/],
      ['{"type": 12}', /type/],
      ['{"$ref": "https://example.com/evil.json"}', /remote|outside this schema/],
    ];
    for (const [schema, message] of cases) {
      const reply = await r.call("POST", "/subjects/s/versions", { schemaType: "JSON", schema });
      expectError(reply, 422, 42201);
      expect((reply.body as { message: string }).message).toMatch(message);
    }
    expect((await r.call("GET", "/subjects?deleted=true")).body).toEqual([]);
  });

  it("refuses absurd nesting with 42201, not a crash", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const reply = await r.call("POST", "/subjects/s/versions", {
      schemaType: "JSON",
      schema: `{"enum":[${deep}]}`,
    });
    expectError(reply, 422, 42201);
    expect((reply.body as { message: string }).message).toMatch(/deeper than 256 levels/);
  });
});

describe("GET /subjects and versions", () => {
  beforeEach(async () => {
    await r.call("PUT", "/config", { compatibility: "NONE" });
    await register("orders-value", ORDER_V1);
    await register("orders-value", ORDER_V2);
    await register("orders-key", { type: "string" });
    await register("payments-value", ORDER_NARROWED);
  });

  it("lists subjects, by prefix, and soft-deleted ones only when asked", async () => {
    await r.call("DELETE", "/subjects/payments-value");
    expect((await r.call("GET", "/subjects")).body).toEqual(["orders-key", "orders-value"]);
    expect((await r.call("GET", "/subjects?subjectPrefix=orders-v")).body).toEqual(["orders-value"]);
    expect((await r.call("GET", "/subjects?deleted=true")).body).toEqual([
      "orders-key",
      "orders-value",
      "payments-value",
    ]);
    expect((await r.call("GET", "/subjects?deletedOnly=true")).body).toEqual(["payments-value"]);
  });

  it("returns a version, latest (and -1), and the raw schema", async () => {
    const v1 = await r.call("GET", "/subjects/orders-value/versions/1");
    expect(v1.body).toEqual({
      subject: "orders-value",
      version: 1,
      id: 1,
      guid: ANY_GUID,
      schemaType: "JSON",
      schema: JSON.stringify(ORDER_V1),
    });
    expect((await r.call("GET", "/subjects/orders-value/versions/latest")).body).toMatchObject({
      version: 2,
      id: 2,
    });
    expect((await r.call("GET", "/subjects/orders-value/versions/-1")).body).toMatchObject({ version: 2 });
    const raw = await r.call("GET", "/subjects/orders-value/versions/1/schema");
    expect(raw.raw.body).toBe(JSON.stringify(ORDER_V1));
  });

  it("answers 40401 for an unknown subject and 40402 for an unknown version", async () => {
    expectError(await r.call("GET", "/subjects/nope/versions"), 404, 40401);
    expectError(await r.call("GET", "/subjects/nope/versions/1"), 404, 40401);
    expectError(await r.call("GET", "/subjects/nope/versions/latest"), 404, 40401);
    expectError(await r.call("GET", "/subjects/orders-value/versions/9"), 404, 40402);
    expectError(await r.call("GET", "/subjects/orders-value/versions/9/schema"), 404, 40402);
  });

  it("answers 42202 for versions that are not 'latest', -1 or 1..2^31-1", async () => {
    for (const version of ["0", "-2", "abc", "1.5", "2147483648", "99999999999", "%20", "+1"]) {
      const reply = await r.call("GET", `/subjects/orders-value/versions/${version}`);
      expectError(reply, 422, 42202);
    }
    expect((await r.call("GET", "/subjects/orders-value/versions/2147483647")).status).toBe(404);
  });

  it("hides a soft-deleted version unless deleted=true", async () => {
    await r.call("DELETE", "/subjects/orders-value/versions/1");
    expectError(await r.call("GET", "/subjects/orders-value/versions/1"), 404, 40402);
    expect((await r.call("GET", "/subjects/orders-value/versions/1?deleted=true")).body).toMatchObject({
      version: 1,
      deleted: true,
    });
    // The id still decodes old data.
    expect((await r.call("GET", "/schemas/ids/1")).status).toBe(200);
  });
});

describe("POST /subjects/{subject} (lookup)", () => {
  it("finds the version holding a schema, in any key order", async () => {
    await register("s", ORDER_V1);
    const reply = await r.call("POST", "/subjects/s", jsonSchema(ORDER_V1));
    expect(reply.body).toEqual({
      subject: "s",
      version: 1,
      id: 1,
      guid: ANY_GUID,
      schemaType: "JSON",
      schema: JSON.stringify(ORDER_V1),
    });
  });

  it("answers 40401 for an unknown subject and 40403 for an unknown schema", async () => {
    expectError(await r.call("POST", "/subjects/s", jsonSchema(ORDER_V1)), 404, 40401);
    await register("s", ORDER_V1);
    expectError(await r.call("POST", "/subjects/s", jsonSchema(ORDER_V2)), 404, 40403);
  });

  it("finds a soft-deleted version only with deleted=true", async () => {
    await register("s", ORDER_V1);
    await r.call("PUT", "/config/s", { compatibility: "NONE" });
    await register("s", ORDER_V2);
    await r.call("DELETE", "/subjects/s/versions/1");
    expectError(await r.call("POST", "/subjects/s", jsonSchema(ORDER_V1)), 404, 40403);
    expect((await r.call("POST", "/subjects/s?deleted=true", jsonSchema(ORDER_V1))).body).toMatchObject({
      version: 1,
      deleted: true,
    });
  });
});

describe("DELETE", () => {
  beforeEach(async () => {
    await r.call("PUT", "/config", { compatibility: "NONE" });
    await register("s", ORDER_V1);
    await register("s", ORDER_V2);
  });

  it("soft-deletes a subject, then deletes it permanently with its config", async () => {
    await r.call("PUT", "/config/s", { compatibility: "FULL" });
    expectError(await r.call("DELETE", "/subjects/s?permanent=true"), 404, 40405);
    expect((await r.call("DELETE", "/subjects/s")).body).toEqual([1, 2]);
    expectError(await r.call("DELETE", "/subjects/s"), 404, 40404);
    expectError(await r.call("GET", "/subjects/s/versions"), 404, 40401);
    // Still decodable after a soft delete (and now cached by id).
    expect((await r.call("GET", "/schemas/ids/1")).status).toBe(200);
    expect((await r.call("DELETE", "/subjects/s?permanent=true")).body).toEqual([1, 2]);
    expectError(await r.call("DELETE", "/subjects/s?permanent=true"), 404, 40401);
    expectError(await r.call("GET", "/config/s"), 404, 40408);
    expectError(await r.call("GET", "/schemas/ids/1"), 404, 40403);
    // Numbering restarts for an emptied subject; the freed ids are not handed out again.
    expect((await register("s", ORDER_V1)).body).toMatchObject({ id: 3, version: 1 });
  });

  it("applies soft-then-hard to versions (40406, 40407) and 'latest'", async () => {
    expectError(await r.call("DELETE", "/subjects/s/versions/1?permanent=true"), 404, 40407);
    expect((await r.call("DELETE", "/subjects/s/versions/latest")).body).toBe(2);
    expectError(await r.call("DELETE", "/subjects/s/versions/2"), 404, 40406);
    expect((await r.call("DELETE", "/subjects/s/versions/latest?permanent=true")).body).toBe(2);
    expectError(await r.call("DELETE", "/subjects/s/versions/2?permanent=true"), 404, 40402);
    expectError(await r.call("DELETE", "/subjects/nope/versions/1"), 404, 40401);
    expectError(await r.call("DELETE", "/subjects/s/versions/zero"), 422, 42202);
    // Version 2 is gone for good, so the next one is 2 again (Confluent does the same).
    expect((await register("s", ORDER_NARROWED)).body).toMatchObject({ version: 2 });
  });
});

describe("references", () => {
  const address = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
  const customer = {
    type: "object",
    properties: { name: { type: "string" }, address: { $ref: "address.json" } },
    required: ["name", "address"],
  };

  beforeEach(async () => {
    await register("address-value", address);
  });

  it("registers a schema whose $ref names a registered subject version, and lists its referrers", async () => {
    const reply = await register("customer-value", customer, {
      references: [{ name: "address.json", subject: "address-value", version: 1 }],
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: 2,
      references: [{ name: "address.json", subject: "address-value", version: 1 }],
    });
    expect((await r.call("GET", "/subjects/address-value/versions/1/referencedby")).body).toEqual([2]);
    expect((await r.call("GET", "/schemas/ids/2")).body).toMatchObject({
      references: [{ name: "address.json", subject: "address-value", version: 1 }],
    });
  });

  it("pins version -1 to the latest version", async () => {
    const reply = await register("customer-value", customer, {
      references: [{ name: "address.json", subject: "address-value", version: -1 }],
    });
    expect(reply.body).toMatchObject({
      references: [{ name: "address.json", subject: "address-value", version: 1 }],
    });
  });

  it("refuses a reference to a subject or version that is not registered (42201)", async () => {
    const missing = await register("customer-value", customer, {
      references: [{ name: "address.json", subject: "address-value", version: 7 }],
    });
    expectError(missing, 422, 42201);
    expect((missing.body as { message: string }).message).toMatch(/reference "address.json".*version 7/);
    const unnamed = await register("customer-value", customer);
    expectError(unnamed, 422, 42201);
  });

  it("checks compatibility through the referenced schema", async () => {
    const references = [{ name: "address.json", subject: "address-value", version: 1 }];
    await register("customer-value", customer, { references });
    const narrowedAddress = { ...address, properties: { city: { type: "string", maxLength: 3 } } };
    await r.call("PUT", "/config/address-value", { compatibility: "NONE" });
    await register("address-value", narrowedAddress);
    const reply = await register("customer-value", customer, {
      references: [{ name: "address.json", subject: "address-value", version: 2 }],
    });
    expectError(reply, 409, 40901);
    expect((reply.body as { message: string }).message).toMatch(/city/);
  });

  it("blocks deleting a referenced version or subject with 42206", async () => {
    await register("customer-value", customer, {
      references: [{ name: "address.json", subject: "address-value", version: 1 }],
    });
    expectError(await r.call("DELETE", "/subjects/address-value/versions/1"), 422, 42206);
    expectError(await r.call("DELETE", "/subjects/address-value"), 422, 42206);
    await r.call("DELETE", "/subjects/customer-value");
    expect((await r.call("DELETE", "/subjects/address-value")).status).toBe(200);
    expectError(await r.call("DELETE", "/subjects/address-value?permanent=true"), 422, 42206);
    expect(
      (await r.call("GET", "/subjects/address-value/versions/1/referencedby?deleted=true")).body,
    ).toEqual([2]);
  });
});
