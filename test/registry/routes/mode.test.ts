import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectError, jsonSchema, ORDER_V1, ORDER_V2, type TestRegistry, testRegistry } from "../helpers.js";

let r: TestRegistry;
beforeEach(async () => {
  r = await testRegistry();
});
afterEach(async () => {
  await r.close();
});

describe("/mode", () => {
  it("defaults to READWRITE, and keeps global and subject modes apart (40409)", async () => {
    expect((await r.call("GET", "/mode")).body).toEqual({ mode: "READWRITE" });
    expectError(await r.call("GET", "/mode/s"), 404, 40409);
    expect((await r.call("GET", "/mode/s?defaultToGlobal=true")).body).toEqual({ mode: "READWRITE" });
    expect((await r.call("PUT", "/mode/s", { mode: "readonly" })).body).toEqual({ mode: "READONLY" });
    expect((await r.call("GET", "/mode/s")).body).toEqual({ mode: "READONLY" });
    expect((await r.call("GET", "/mode")).body).toEqual({ mode: "READWRITE" });
    expect((await r.call("DELETE", "/mode/s")).body).toEqual({ mode: "READONLY" });
    expectError(await r.call("DELETE", "/mode/s"), 404, 40409);
  });

  it("refuses unknown modes with 42204", async () => {
    const reply = await r.call("PUT", "/mode", { mode: "WRITEONLY" });
    expectError(reply, 422, 42204);
    expect((reply.body as { message: string }).message).toMatch(/READWRITE, READONLY, IMPORT/);
    expectError(await r.call("PUT", "/mode", { mode: "FORWARD" }), 422, 42204);
    expectError(await r.call("PUT", "/mode", { nope: "READONLY" }), 422, 422);
  });

  it("READONLY rejects registrations and deletes with 42205, and still serves reads", async () => {
    await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V1));
    await r.call("PUT", "/mode", { mode: "READONLY" });
    expectError(await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V2)), 422, 42205);
    expectError(await r.call("POST", "/subjects/t/versions", jsonSchema(ORDER_V2)), 422, 42205);
    expectError(await r.call("DELETE", "/subjects/s/versions/1"), 422, 42205);
    expectError(await r.call("DELETE", "/subjects/s"), 422, 42205);
    expect((await r.call("GET", "/subjects/s/versions/1")).status).toBe(200);
    expect((await r.call("POST", "/subjects/s", jsonSchema(ORDER_V1))).status).toBe(200);
    // A subject-level READWRITE overrides the global READONLY.
    await r.call("PUT", "/mode/s", { mode: "READWRITE" });
    expect((await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V2))).status).toBe(200);
    expect((await r.call("GET", "/subjects/s/versions")).body).toEqual([1, 2]);
  });

  describe("IMPORT", () => {
    it("needs an empty registry (or force=true) to switch on", async () => {
      await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V1));
      expectError(await r.call("PUT", "/mode", { mode: "IMPORT" }), 422, 42205);
      expectError(await r.call("PUT", "/mode/s", { mode: "IMPORT" }), 422, 42205);
      expect((await r.call("PUT", "/mode/t", { mode: "IMPORT" })).status).toBe(200);
      expect((await r.call("PUT", "/mode?force=true", { mode: "IMPORT" })).body).toEqual({ mode: "IMPORT" });
    });

    it("keeps explicit ids and versions, skips compatibility, and refuses plain registrations", async () => {
      await r.call("PUT", "/mode", { mode: "IMPORT" });
      const first = await r.call(
        "POST",
        "/subjects/s/versions",
        jsonSchema(ORDER_V2, { id: 42, version: 3 }),
      );
      expect(first.body).toMatchObject({ id: 42, version: 3 });
      // V1 after V2 breaks BACKWARD (V1 is closed and rejects `note`), but IMPORT does not check.
      const second = await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V1, { id: 7 }));
      expect(second.body).toMatchObject({ id: 7, version: 4 });
      expectError(await r.call("POST", "/subjects/s/versions", jsonSchema({ type: "string" })), 422, 42205);
      // An id already bound to another schema cannot be overwritten.
      expectError(
        await r.call("POST", "/subjects/t/versions", jsonSchema({ type: "number" }, { id: 42 })),
        422,
        42205,
      );
      expect((await r.call("GET", "/schemas/ids/42")).body).toMatchObject({
        schema: JSON.stringify(ORDER_V2),
      });
      // Re-running an import is idempotent; the same schema under a different id is refused.
      const rerun = await r.call(
        "POST",
        "/subjects/s/versions",
        jsonSchema(ORDER_V2, { id: 42, version: 3 }),
      );
      expect(rerun.body).toMatchObject({ id: 42, version: 3 });
      expectError(await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V2, { id: 43 })), 422, 42205);

      await r.call("PUT", "/mode", { mode: "READWRITE" });
      expectError(
        await r.call("POST", "/subjects/s/versions", jsonSchema({ type: "string" }, { id: 50 })),
        422,
        42205,
      );
      await r.call("PUT", "/config/s", { compatibility: "NONE" });
      // New ids continue above the imported ones.
      expect(
        (await r.call("POST", "/subjects/s/versions", jsonSchema({ type: "string" }))).body,
      ).toMatchObject({
        id: 43,
        version: 5,
      });
    });
  });
});
