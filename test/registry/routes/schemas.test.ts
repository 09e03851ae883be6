import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ANY_GUID,
  expectError,
  jsonSchema,
  ORDER_V1,
  ORDER_V2,
  type TestRegistry,
  testRegistry,
} from "../helpers.js";

let r: TestRegistry;
beforeEach(async () => {
  r = await testRegistry();
  await r.call("PUT", "/config", { compatibility: "NONE" });
  await r.call("POST", "/subjects/orders-value/versions", jsonSchema(ORDER_V1));
  await r.call("POST", "/subjects/orders-value/versions", jsonSchema(ORDER_V2));
  await r.call("POST", "/subjects/audit-value/versions", jsonSchema(ORDER_V1));
});
afterEach(async () => {
  await r.close();
});

describe("/schemas", () => {
  it("returns a schema by id with schemaType JSON (clients parse it as Avro otherwise)", async () => {
    const reply = await r.call("GET", "/schemas/ids/1");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ guid: ANY_GUID, schema: JSON.stringify(ORDER_V1), schemaType: "JSON" });
    // Confluent clients pass ?subject=; ids are global, so it changes nothing.
    expect((await r.call("GET", "/schemas/ids/1?subject=other")).body).toEqual(reply.body);
    // fetchMaxId adds the highest id the registry has handed out.
    expect((await r.call("GET", "/schemas/ids/1?fetchMaxId=true")).body).toEqual({
      ...(reply.body as object),
      maxId: 2,
    });
  });

  it("returns the raw schema text", async () => {
    const reply = await r.call("GET", "/schemas/ids/2/schema");
    expect(reply.raw.body).toBe(JSON.stringify(ORDER_V2));
  });

  it("lists the subjects and versions using an id, soft-deleted ones only when asked", async () => {
    expect((await r.call("GET", "/schemas/ids/1/subjects")).body).toEqual(["audit-value", "orders-value"]);
    expect((await r.call("GET", "/schemas/ids/1/versions")).body).toEqual([
      { subject: "audit-value", version: 1 },
      { subject: "orders-value", version: 1 },
    ]);
    await r.call("DELETE", "/subjects/audit-value");
    expect((await r.call("GET", "/schemas/ids/1/subjects")).body).toEqual(["orders-value"]);
    expect((await r.call("GET", "/schemas/ids/1/subjects?deleted=true")).body).toEqual([
      "audit-value",
      "orders-value",
    ]);
  });

  it("answers 40403 for unknown or malformed ids", async () => {
    for (const id of ["99", "0", "-1", "abc", "1e3", "99999999999"]) {
      const reply = await r.call("GET", `/schemas/ids/${id}`);
      expectError(reply, 404, 40403);
    }
    expectError(await r.call("GET", "/schemas/ids/99/schema"), 404, 40403);
    expectError(await r.call("GET", "/schemas/ids/99/subjects"), 404, 40403);
    expectError(await r.call("GET", "/schemas/ids/99/versions"), 404, 40403);
  });

  it("finds a schema by the GUID its responses carry (V1 wire frames name schemas by GUID)", async () => {
    const registered = await r.call("POST", "/subjects/orders-value", jsonSchema(ORDER_V2));
    const { guid, id } = registered.body as { guid: string; id: number };
    expect((await r.call("GET", `/schemas/ids/${id}`)).body).toMatchObject({ guid });
    expect((await r.call("GET", `/subjects/orders-value/versions/2`)).body).toMatchObject({ guid, id });
    // Another schema has another GUID.
    expect((await r.call("GET", "/schemas/ids/1")).body).not.toMatchObject({ guid });

    const byGuid = await r.call("GET", `/schemas/guids/${guid}`);
    expect(byGuid.body).toEqual({ guid, schema: JSON.stringify(ORDER_V2), schemaType: "JSON" });
    expect((await r.call("GET", `/schemas/guids/${guid.toUpperCase()}`)).body).toEqual(byGuid.body);
    expect((await r.call("GET", `/schemas/guids/${guid}/ids`)).body).toEqual([{ context: ".", id }]);

    expectError(await r.call("GET", "/schemas/guids/00000000-0000-0000-0000-000000000000"), 404, 40403);
    expectError(await r.call("GET", "/schemas/guids/not-a-guid"), 404, 40403);
    expectError(await r.call("GET", "/schemas/guids/not-a-guid/ids"), 404, 40403);
  });

  it("lists schemas by subject version (GET /schemas), latest only, by prefix, paged, deleted on request", async () => {
    const listed = (query: string) =>
      r
        .call("GET", `/schemas${query}`)
        .then((reply) =>
          (reply.body as { subject: string; version: number; id: number }[]).map(
            (row) => `${row.subject} v${row.version} #${row.id}`,
          ),
        );
    expect(await listed("")).toEqual(["audit-value v1 #1", "orders-value v1 #1", "orders-value v2 #2"]);
    expect((await r.call("GET", "/schemas")).body).toContainEqual({
      subject: "orders-value",
      version: 2,
      id: 2,
      guid: ANY_GUID,
      schemaType: "JSON",
      schema: JSON.stringify(ORDER_V2),
    });
    expect(await listed("?latestOnly=true")).toEqual(["audit-value v1 #1", "orders-value v2 #2"]);
    expect(await listed("?subjectPrefix=orders")).toEqual(["orders-value v1 #1", "orders-value v2 #2"]);
    expect(await listed("?offset=1&limit=1")).toEqual(["orders-value v1 #1"]);
    expect((await r.call("DELETE", "/subjects/orders-value/versions/1")).status).toBe(200);
    expect(await listed("")).toEqual(["audit-value v1 #1", "orders-value v2 #2"]);
    expect(await listed("?deleted=true")).toEqual([
      "audit-value v1 #1",
      "orders-value v1 #1",
      "orders-value v2 #2",
    ]);
  });

  it("lists JSON as the only schema type", async () => {
    expect((await r.call("GET", "/schemas/types")).body).toEqual(["JSON"]);
  });
});
