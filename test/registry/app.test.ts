import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ANY_GUID, jsonSchema, ORDER_V1, ORDER_V2, testRegistry } from "./helpers.js";

const dataDir = mkdtempSync(join(tmpdir(), "accord-app-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("registry app on a SQLite file", () => {
  it("keeps subjects, ids, versions, deletes, config and mode across a restart", async () => {
    const first = await testRegistry({ dataDir });
    await first.call("POST", "/subjects/orders-value/versions", jsonSchema(ORDER_V1));
    await first.call("POST", "/subjects/orders-value/versions", jsonSchema(ORDER_V2));
    await first.call("POST", "/subjects/audit-value/versions", jsonSchema(ORDER_V1));
    await first.call("DELETE", "/subjects/audit-value");
    await first.call("PUT", "/config/orders-value", { compatibility: "FULL" });
    await first.call("PUT", "/mode/audit-value", { mode: "READONLY" });
    await first.close();

    const second = await testRegistry({ dataDir });
    expect((await second.call("GET", "/subjects")).body).toEqual(["orders-value"]);
    expect((await second.call("GET", "/subjects?deleted=true")).body).toEqual([
      "audit-value",
      "orders-value",
    ]);
    expect((await second.call("GET", "/subjects/orders-value/versions/latest")).body).toMatchObject({
      id: 2,
      version: 2,
    });
    expect((await second.call("GET", "/schemas/ids/1")).body).toEqual({
      guid: ANY_GUID,
      schema: JSON.stringify(ORDER_V1),
      schemaType: "JSON",
    });
    expect((await second.call("GET", "/config/orders-value")).body).toEqual({ compatibilityLevel: "FULL" });
    expect((await second.call("GET", "/mode/audit-value")).body).toEqual({ mode: "READONLY" });
    // Re-registering after the restart is still idempotent, and new ids continue.
    expect(
      (await second.call("POST", "/subjects/orders-value/versions", jsonSchema(ORDER_V1))).body,
    ).toMatchObject({
      id: 1,
      version: 1,
    });
    await second.close();
  });

  it("serialises concurrent registrations in one subject: distinct versions, no lost write", async () => {
    const r = await testRegistry();
    await r.call("PUT", "/config/s", { compatibility: "NONE" });
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        r.call("POST", "/subjects/s/versions", jsonSchema({ type: "object", title: `v${index}` })),
      ),
    );
    const versions = replies
      .map((reply) => (reply.body as { version: number }).version)
      .sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect((await r.call("GET", "/subjects/s/versions")).body).toEqual(versions);
    await r.close();
  });
});
