import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonSchema, type TestRegistry, testRegistry } from "../helpers.js";

const ORDER = { type: "object", properties: { id: { type: "string" } } };
const RULES = {
  domainRules: [
    { name: "id-present", kind: "CONDITION", mode: "WRITE", type: "CEL", expr: "has(message.id)" },
  ],
};

let r: TestRegistry;
beforeEach(async () => {
  r = await testRegistry();
});
afterEach(async () => {
  await r.close();
});

function register(subject: string, schema: unknown, extra: Record<string, unknown> = {}) {
  return r.call("POST", `/subjects/${subject}/versions`, jsonSchema(schema, extra));
}

describe("metadata and rule sets", () => {
  it("stores them with the version and returns them everywhere Confluent does", async () => {
    const metadata = {
      properties: { owner: "orders-team" },
      tags: { "$.id": ["PII"] },
      sensitive: ["owner"],
    };
    const reply = await register("orders-value", ORDER, { metadata, ruleSet: RULES });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 1, version: 1, metadata, ruleSet: RULES });
    const version = await r.call("GET", "/subjects/orders-value/versions/1");
    expect(version.body).toMatchObject({
      subject: "orders-value",
      version: 1,
      id: 1,
      metadata,
      ruleSet: RULES,
    });
    expect((await r.call("GET", "/schemas/ids/1")).body).toMatchObject({ metadata, ruleSet: RULES });
  });

  it("makes them part of the schema's identity; a version without them inherits the latest's", async () => {
    const first = await register("orders-value", ORDER, { metadata: { properties: { owner: "a" } } });
    // The same text again, no metadata: it inherits owner=a, so it is the same schema.
    const again = await register("orders-value", ORDER);
    expect(again.body).toMatchObject({ id: (first.body as { id: number }).id, version: 1 });
    // The same text with other metadata is another schema: a new id and a new version.
    const other = await register("orders-value", ORDER, { metadata: { properties: { owner: "b" } } });
    expect(other.body).toMatchObject({ id: 2, version: 2, metadata: { properties: { owner: "b" } } });
    // A lookup of the text alone finds a version whatever its metadata.
    const lookup = await r.call("POST", "/subjects/orders-value", jsonSchema(ORDER));
    expect(lookup.status).toBe(200);
    expect((lookup.body as { version: number }).version).toBe(2);
  });

  it("merges the scope's defaults under and its overrides over the version's own", async () => {
    const config = await r.call("PUT", "/config/orders-value", {
      defaultMetadata: { properties: { team: "default-team", tier: "2" } },
      overrideMetadata: { properties: { env: "prod" } },
      defaultRuleSet: { domainRules: [{ name: "id-present", kind: "CONDITION", expr: "false" }] },
    });
    expect(config.status).toBe(200);
    const reply = await register("orders-value", ORDER, {
      metadata: { properties: { team: "orders", env: "dev" } },
      ruleSet: RULES,
    });
    expect(reply.body).toMatchObject({
      metadata: { properties: { team: "orders", tier: "2", env: "prod" } },
      // The version's rule replaces the default rule of the same name.
      ruleSet: RULES,
    });
    expect((await r.call("GET", "/config/orders-value")).body).toEqual({
      compatibilityLevel: "BACKWARD",
      defaultMetadata: { properties: { team: "default-team", tier: "2" } },
      overrideMetadata: { properties: { env: "prod" } },
      defaultRuleSet: { domainRules: [{ name: "id-present", kind: "CONDITION", expr: "false" }] },
    });
  });

  it("finds the latest version carrying given properties (GET /subjects/{s}/metadata)", async () => {
    await register("orders-value", ORDER, { metadata: { properties: { major: "1", region: "eu" } } });
    await register("orders-value", { ...ORDER, title: "v2" }, { metadata: { properties: { major: "1" } } });
    await register("orders-value", { ...ORDER, title: "v3" }, { metadata: { properties: { major: "2" } } });
    const one = await r.call("GET", "/subjects/orders-value/metadata?key=major&value=1");
    expect(one.body).toMatchObject({
      subject: "orders-value",
      version: 2,
      metadata: { properties: { major: "1" } },
    });
    const both = await r.call("GET", "/subjects/orders-value/metadata?key=major&value=1&key=region&value=eu");
    expect((both.body as { version: number }).version).toBe(1);
    const none = await r.call("GET", "/subjects/orders-value/metadata?key=major&value=3");
    expect(none.status).toBe(404);
    expect((none.body as { error_code: number }).error_code).toBe(40403);
    const unknown = await r.call("GET", "/subjects/nothing-value/metadata?key=major&value=1");
    expect((unknown.body as { error_code: number }).error_code).toBe(40401);
    const unpaired = await r.call("GET", "/subjects/orders-value/metadata?key=major");
    expect(unpaired.status).toBe(400);
  });

  it("compares only versions in the candidate's compatibility group", async () => {
    await r.call("PUT", "/config/orders-value", { compatibilityGroup: "major_version" });
    const v1 = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
    const breaking = { type: "object", properties: { id: { type: "integer" } }, required: ["id"] };
    await register("orders-value", v1, { metadata: { properties: { major_version: "1" } } });
    // In group 1 the change breaks readers of v1.
    const refused = await register("orders-value", breaking, {
      metadata: { properties: { major_version: "1" } },
    });
    expect(refused.status).toBe(409);
    // A new major version on purpose: nothing in group 2 to compare with.
    const bumped = await register("orders-value", breaking, {
      metadata: { properties: { major_version: "2" } },
    });
    expect(bumped.status).toBe(200);
    // A later version without metadata inherits group 2, and is checked against it.
    const next = await register("orders-value", v1);
    expect(next.status).toBe(409);
    const test = await r.call(
      "POST",
      "/compatibility/subjects/orders-value/versions/latest",
      jsonSchema(v1, { metadata: { properties: { major_version: "1" } } }),
    );
    expect(test.body).toMatchObject({ is_compatible: true });
  });

  it("refuses malformed metadata and rules, and config fields it does not know", async () => {
    const tags = await register("orders-value", ORDER, { metadata: { tags: { x: "PII" } } });
    expect(tags.status).toBe(422);
    const unnamed = await register("orders-value", ORDER, {
      ruleSet: { domainRules: [{ kind: "CONDITION" }] },
    });
    expect(unnamed.status).toBe(422);
    const unknown = await r.call("PUT", "/config", { compatibilityGroups: "x" });
    expect(unknown.status).toBe(422);
    expect((await r.call("GET", "/subjects")).body).toEqual([]);
  });
});
