import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectError, type TestRegistry, testRegistry } from "../helpers.js";

let r: TestRegistry;
beforeEach(async () => {
  r = await testRegistry();
});
afterEach(async () => {
  await r.close();
});

describe("GET /", () => {
  it("answers {} for liveness probes", async () => {
    const reply = await r.call("GET", "/");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({});
  });

  it("answers unknown routes with 404 in the Confluent shape", async () => {
    const reply = await r.call("GET", "/no-such-resource");
    expectError(reply, 404, 404);
    expect((reply.body as { message: string }).message).toBe("HTTP 404 Not Found: GET /no-such-resource");
  });
});
