import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_CONFIG, basic, type PluginApp, pluginApp, schemaBody, USERS, VND } from "./support.js";

let registry: PluginApp;
const logLines: string[] = [];

beforeAll(async () => {
  registry = await pluginApp({
    auth: AUTH_CONFIG,
    logger: { level: "info", stream: { write: (line: string) => logLines.push(line) } },
  });
  const admin = { authorization: basic("admin", USERS.admin.password), "content-type": VND };
  await registry.send({ method: "PUT", url: "/config", headers: admin, payload: { compatibility: "NONE" } });
  for (const subject of ["orders-value", "payments-value"]) {
    const reply = await registry.send({
      method: "POST",
      url: `/subjects/${subject}/versions`,
      headers: admin,
      payload: schemaBody({ title: subject }),
    });
    expect(reply.status).toBe(200);
  }
});
afterAll(() => registry.close());

describe("auth plugin", () => {
  it("answers 401 with a challenge and the Confluent error shape without credentials", async () => {
    const reply = await registry.send({ method: "GET", url: "/subjects" });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error_code: 40101, message: "Unauthorized: credentials are required" });
    expect(String(reply.headers["www-authenticate"])).toMatch(/^Basic realm="accord"/);
  });

  it.each([
    ["a wrong password", basic("writer", "nope")],
    ["an unknown user", basic("mallory", "writer-pass")],
    ["an unknown token", "Bearer tok-forged-0123456789"],
    ["another scheme", "Digest username=admin"],
    ["malformed basic", "Basic !!!"],
  ])("refuses %s with 401", async (_, authorization) => {
    const reply = await registry.send({ method: "GET", url: "/subjects", headers: { authorization } });
    expect(reply.status).toBe(401);
    expect((reply.body as { error_code: number }).error_code).toBe(40101);
  });

  it("accepts basic and bearer credentials, and lists only readable subjects", async () => {
    const byBasic = await registry.send({
      method: "GET",
      url: "/subjects",
      headers: { authorization: basic("reader", USERS.reader.password) },
    });
    expect(byBasic).toMatchObject({ status: 200, body: ["orders-value"] });
    const byToken = await registry.send({
      method: "GET",
      url: "/subjects",
      headers: { authorization: `Bearer ${USERS.writer.token}` },
    });
    expect(byToken).toMatchObject({ status: 200, body: ["orders-value", "payments-value"] });
  });

  it("enforces roles per subject prefix with 403", async () => {
    const writer = { authorization: `Bearer ${USERS.writer.token}`, "content-type": VND };
    const allowed = await registry.send({
      method: "POST",
      url: "/subjects/orders-value/versions",
      headers: writer,
      payload: schemaBody({ title: "orders v2" }),
    });
    expect(allowed.status).toBe(200);
    const outside = await registry.send({
      method: "POST",
      url: "/subjects/payments-value/versions",
      headers: writer,
      payload: schemaBody({ title: "payments v2" }),
    });
    expect(outside.status).toBe(403);
    expect(outside.body).toEqual({
      error_code: 40301,
      message: 'Forbidden: user "writer" has no write role on subject "payments-value".',
    });
    const config = await registry.send({
      method: "PUT",
      url: "/config/orders-value",
      headers: writer,
      payload: { compatibility: "FULL" },
    });
    expect(config.status).toBe(403);
    const permanent = await registry.send({
      method: "DELETE",
      url: "/subjects/orders-value?permanent=true",
      headers: writer,
    });
    expect(permanent.status).toBe(403);
    const readerWrites = await registry.send({
      method: "POST",
      url: "/subjects/orders-value/versions",
      headers: { authorization: basic("reader", USERS.reader.password), "content-type": VND },
      payload: schemaBody({ title: "orders v3" }),
    });
    expect(readerWrites.status).toBe(403);
    const readerOutside = await registry.send({
      method: "GET",
      url: "/subjects/payments-value/versions",
      headers: { authorization: basic("reader", USERS.reader.password) },
    });
    expect(readerOutside.status).toBe(403);
  });

  it("lets any reader decode by id, and hides the subjects it may not read", async () => {
    const headers = { authorization: basic("reader", USERS.reader.password) };
    expect((await registry.send({ method: "GET", url: "/schemas/ids/2", headers })).status).toBe(200);
    const subjects = await registry.send({ method: "GET", url: "/schemas/ids/2/subjects", headers });
    expect(subjects).toMatchObject({ status: 200, body: [] });
  });

  it("leaves probes and metrics open", async () => {
    for (const url of ["/", "/readyz", "/metrics"]) {
      expect((await registry.send({ method: "GET", url })).status, url).toBe(200);
    }
  });

  it("never writes a secret to the log", () => {
    const log = logLines.join("");
    expect(log).toContain('"user":"writer"');
    for (const { password, token } of Object.values(USERS)) {
      expect(log).not.toContain(password);
      expect(log).not.toContain(token);
    }
    expect(log).not.toMatch(/authorization/i);
  });
});
