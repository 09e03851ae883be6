import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
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

describe("POST /compatibility/subjects/{subject}/versions/{version}", () => {
  it("says true for a subject with no versions (nothing to break)", async () => {
    const reply = await r.call("POST", "/compatibility/subjects/new/versions/latest", jsonSchema(ORDER_V1));
    expect(reply.body).toEqual({ is_compatible: true });
  });

  it("answers per the subject's level, with messages only when verbose", async () => {
    await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V1));
    const url = "/compatibility/subjects/s/versions/latest";
    expect((await r.call("POST", url, jsonSchema(ORDER_V2))).body).toEqual({ is_compatible: true });
    expect((await r.call("POST", url, jsonSchema(ORDER_NARROWED))).body).toEqual({ is_compatible: false });
    const verbose = await r.call("POST", `${url}?verbose=true`, jsonSchema(ORDER_NARROWED));
    const body = verbose.body as { is_compatible: boolean; messages: string[] };
    expect(body.is_compatible).toBe(false);
    expect(body.messages.length).toBeGreaterThan(0);
    expect(body.messages[0]).toMatch(/#\/properties\/orderId.*example event/);
    expect((await r.call("POST", `${url}?verbose=true`, jsonSchema(ORDER_V2))).body).toEqual({
      is_compatible: true,
      messages: [],
    });
    // Nothing was registered by asking.
    expect((await r.call("GET", "/subjects/s/versions")).body).toEqual([1]);
  });

  it("compares with the named version only", async () => {
    await r.call("PUT", "/config/s", { compatibility: "NONE" });
    await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_NARROWED));
    await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V1));
    await r.call("PUT", "/config/s", { compatibility: "FORWARD" });
    // FORWARD: old readers must accept the candidate. v1 (maxLength 8) rejects long ids; v2 does not.
    const candidate = jsonSchema(ORDER_V1);
    expect((await r.call("POST", "/compatibility/subjects/s/versions/1", candidate)).body).toEqual({
      is_compatible: false,
    });
    expect((await r.call("POST", "/compatibility/subjects/s/versions/2", candidate)).body).toEqual({
      is_compatible: true,
    });
  });

  it("checks every live version at /versions under a TRANSITIVE level", async () => {
    await r.call("PUT", "/config/s", { compatibility: "NONE" });
    await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_NARROWED));
    await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V1));
    await r.call("PUT", "/config/s", { compatibility: "FORWARD" });
    const all = "/compatibility/subjects/s/versions";
    expect((await r.call("POST", all, jsonSchema(ORDER_V1))).body).toEqual({ is_compatible: true });
    await r.call("PUT", "/config/s", { compatibility: "FORWARD_TRANSITIVE" });
    expect((await r.call("POST", all, jsonSchema(ORDER_V1))).body).toEqual({ is_compatible: false });
  });

  it("answers 40401, 40402, 42202 and 42201 for what cannot be checked", async () => {
    expectError(
      await r.call("POST", "/compatibility/subjects/s/versions/1", jsonSchema(ORDER_V1)),
      404,
      40401,
    );
    await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V1));
    expectError(
      await r.call("POST", "/compatibility/subjects/s/versions/5", jsonSchema(ORDER_V1)),
      404,
      40402,
    );
    expectError(
      await r.call("POST", "/compatibility/subjects/s/versions/x", jsonSchema(ORDER_V1)),
      422,
      42202,
    );
    expectError(
      await r.call("POST", "/compatibility/subjects/s/versions/latest", { schemaType: "JSON", schema: "{" }),
      422,
      42201,
    );
  });
});
