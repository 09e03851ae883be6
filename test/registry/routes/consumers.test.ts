import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonSchema, type TestRegistry, testRegistry } from "../helpers.js";
import { AUTH_CONFIG, basic, pluginApp, schemaBody, USERS, VND } from "../plugins/support.js";

const order = (extra: Record<string, unknown> = {}) => ({
  type: "object",
  properties: { orderId: { type: "string" }, total: { type: "number" }, ...extra },
  required: ["orderId"],
});

describe("/accord/v1 consumer declarations", () => {
  let registry: TestRegistry;
  beforeEach(async () => {
    registry = await testRegistry();
    await registry.call("PUT", "/config/orders-value", { compatibility: "NONE" });
    await registry.call("POST", "/subjects/orders-value/versions", jsonSchema(order()));
    await registry.call(
      "POST",
      "/subjects/orders-value/versions",
      jsonSchema(order({ note: { type: "string" } })),
    );
  });
  afterEach(() => registry.close());

  it("stores a declaration pinned to the latest version by default, and says whether a put changed it", async () => {
    const url = "/accord/v1/subjects/orders-value/consumers/billing-service";
    const first = await registry.call("PUT", url, { reads: ["/orderId", "/note"] });
    expect(first).toMatchObject({
      status: 200,
      body: {
        subject: "orders-value",
        consumer: "billing-service",
        reads: ["/orderId", "/note"],
        version: 2,
        status: "created",
      },
    });
    expect((await registry.call("PUT", url, { reads: ["/orderId", "/note"] })).body).toMatchObject({
      status: "unchanged",
    });
    expect((await registry.call("PUT", url, { reads: ["/total"], version: 1 })).body).toMatchObject({
      version: 1,
      status: "updated",
    });
    expect((await registry.call("GET", "/accord/v1/subjects/orders-value/consumers")).body).toEqual([
      { subject: "orders-value", consumer: "billing-service", reads: ["/total"], version: 1 },
    ]);
    expect((await registry.call("GET", "/accord/v1/consumers")).body).toHaveLength(1);
  });

  it("refuses a path the pinned version does not declare (422, 42212), an unknown subject or version (404)", async () => {
    const url = "/accord/v1/subjects/orders-value/consumers/billing-service";
    const undeclared = await registry.call("PUT", url, { reads: ["/note"], version: 1 });
    expect(undeclared).toMatchObject({
      status: 422,
      body: {
        error_code: 42212,
        message: "request body: consumer billing-service reads /note, which orders-value v1 does not declare",
      },
    });
    expect((await registry.call("PUT", url, { reads: ["note"] })).body).toMatchObject({ error_code: 42212 });
    expect(
      (await registry.call("PUT", "/accord/v1/subjects/nope/consumers/x", { reads: ["/a"] })).body,
    ).toMatchObject({
      error_code: 40401,
    });
    expect((await registry.call("PUT", url, { reads: ["/orderId"], version: 7 })).body).toMatchObject({
      error_code: 40402,
    });
    expect((await registry.call("PUT", url, { reads: [] })).status).toBe(422);
    expect(
      (await registry.call("PUT", "/accord/v1/subjects/orders-value/consumers/-x", { reads: ["/orderId"] }))
        .status,
    ).toBe(422);
    expect((await registry.call("GET", "/accord/v1/consumers")).body).toEqual([]);
  });

  it("is scoped like the subject: declaring needs write on it, reading needs read, lists show only readable subjects", async () => {
    const app = await pluginApp({ auth: AUTH_CONFIG });
    try {
      const admin = { authorization: basic("admin", USERS.admin.password), "content-type": VND };
      await app.send({ method: "PUT", url: "/config", headers: admin, payload: { compatibility: "NONE" } });
      for (const subject of ["orders-value", "payments-value"]) {
        const schema = schemaBody({ type: "object", properties: { id: { type: "string" } } });
        await app.send({
          method: "POST",
          url: `/subjects/${subject}/versions`,
          headers: admin,
          payload: schema,
        });
      }
      const put = (subject: string, user: keyof typeof USERS) =>
        app.send({
          method: "PUT",
          url: `/accord/v1/subjects/${subject}/consumers/billing`,
          headers: { authorization: `Bearer ${USERS[user].token}`, "content-type": VND },
          payload: { reads: ["/id"] },
        });
      expect((await put("orders-value", "writer")).status).toBe(200);
      expect((await put("payments-value", "writer")).status).toBe(403);
      expect((await put("orders-value", "reader")).status).toBe(403);
      expect((await put("payments-value", "admin")).status).toBe(200);
      const list = (user: keyof typeof USERS, url: string) =>
        app.send({ method: "GET", url, headers: { authorization: `Bearer ${USERS[user].token}` } });
      const byReader = await list("reader", "/accord/v1/consumers");
      expect((byReader.body as { subject: string }[]).map((c) => c.subject)).toEqual(["orders-value"]);
      expect((await list("reader", "/accord/v1/subjects/payments-value/consumers")).status).toBe(403);
      expect((await app.send({ method: "GET", url: "/accord/v1/consumers" })).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
