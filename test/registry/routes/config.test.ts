import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectError, type TestRegistry, testRegistry } from "../helpers.js";

let r: TestRegistry;
beforeEach(async () => {
  r = await testRegistry();
});
afterEach(async () => {
  await r.close();
});

describe("/config", () => {
  it("defaults the global level to BACKWARD, sets it, and resets it with DELETE", async () => {
    expect((await r.call("GET", "/config")).body).toEqual({ compatibilityLevel: "BACKWARD" });
    expect((await r.call("PUT", "/config", { compatibility: "full_transitive" })).body).toEqual({
      compatibility: "FULL_TRANSITIVE",
    });
    expect((await r.call("GET", "/config")).body).toEqual({ compatibilityLevel: "FULL_TRANSITIVE" });
    expect((await r.call("DELETE", "/config")).body).toEqual({ compatibilityLevel: "FULL_TRANSITIVE" });
    expect((await r.call("GET", "/config")).body).toEqual({ compatibilityLevel: "BACKWARD" });
  });

  it("keeps subject config apart, with 40408 unless defaultToGlobal=true", async () => {
    await r.call("PUT", "/config", { compatibility: "FORWARD" });
    expectError(await r.call("GET", "/config/orders-value"), 404, 40408);
    expect((await r.call("GET", "/config/orders-value?defaultToGlobal=true")).body).toEqual({
      compatibilityLevel: "FORWARD",
    });
    // A subject that has no versions yet can be configured (clients do it before registering).
    expect((await r.call("PUT", "/config/orders-value", { compatibility: "NONE" })).body).toEqual({
      compatibility: "NONE",
    });
    expect((await r.call("GET", "/config/orders-value")).body).toEqual({ compatibilityLevel: "NONE" });
    expect((await r.call("GET", "/config")).body).toEqual({ compatibilityLevel: "FORWARD" });
    expect((await r.call("DELETE", "/config/orders-value")).body).toEqual({ compatibilityLevel: "NONE" });
    expectError(await r.call("DELETE", "/config/orders-value"), 404, 40401);
  });

  it("stores normalize beside the level, and accepts compatibilityLevel as the field name", async () => {
    await r.call("PUT", "/config/s", { compatibilityLevel: "FULL", normalize: true });
    expect((await r.call("GET", "/config/s")).body).toEqual({ compatibilityLevel: "FULL", normalize: true });
    await r.call("PUT", "/config/s", { normalize: false });
    expect((await r.call("GET", "/config/s")).body).toEqual({ compatibilityLevel: "FULL", normalize: false });
  });

  it("refuses unknown levels with 42203 and bad bodies with 422", async () => {
    const reply = await r.call("PUT", "/config", { compatibility: "SIDEWAYS" });
    expectError(reply, 422, 42203);
    expect((reply.body as { message: string }).message).toMatch(/"SIDEWAYS".*BACKWARD_TRANSITIVE/);
    expectError(await r.call("PUT", "/config/s", { compatibility: "MAYBE" }), 422, 42203);
    expectError(await r.call("PUT", "/config", { compatibility: "NONE", colour: "red" }), 422, 422);
    expectError(await r.call("PUT", "/config", {}), 422, 422);
    expectError(await r.call("PUT", "/config", { compatibility: 3 }), 422, 422);
    expect((await r.call("GET", "/config")).body).toEqual({ compatibilityLevel: "BACKWARD" });
  });
});
