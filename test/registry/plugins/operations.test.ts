import { afterEach, describe, expect, it } from "vitest";
import { nestingExceeds } from "../../../registry/plugins/limits.js";
import { RegistryMetrics } from "../../../registry/plugins/metrics.js";
import type { RegistryStore } from "../../../registry/store/types.js";
import { type PluginApp, pluginApp, schemaBody, VND } from "./support.js";

let registry: PluginApp | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

const json = { "content-type": VND };

describe("metrics", () => {
  it("counts requests per route pattern, latency, registrations, compatibility rejections and store errors", async () => {
    const metrics = new RegistryMetrics();
    registry = await pluginApp({ metrics });
    const post = (schema: unknown) =>
      registry?.send({
        method: "POST",
        url: "/subjects/orders-value/versions",
        headers: json,
        payload: schemaBody(schema),
      });
    await post({ type: "object", properties: { a: { type: "string" } } });
    await post({ type: "object", properties: { a: { type: "integer" } } });
    await registry.send({ method: "GET", url: "/schemas/ids/1" });
    await registry.send({ method: "GET", url: "/schemas/ids/2" });
    const broken = registry.store as RegistryStore & { getMode: RegistryStore["getMode"] };
    const original = broken.getMode.bind(broken);
    broken.getMode = async () => {
      const { AccordFailure, accordError } = await import("../../../contracts/errors.js");
      throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_STORE", ["disk on fire"]));
    };
    expect((await registry.send({ method: "GET", url: "/mode" })).status).toBe(500);
    broken.getMode = original;

    const reply = await registry.send({ method: "GET", url: "/metrics" });
    expect(reply.status).toBe(200);
    expect(String(reply.headers["content-type"])).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = reply.text;
    expect(text).toContain(
      'accord_http_requests_total{method="POST",route="/subjects/:subject/versions",status="200"} 1',
    );
    expect(text).toContain(
      'accord_http_requests_total{method="POST",route="/subjects/:subject/versions",status="409"} 1',
    );
    expect(text).toContain(
      'accord_http_requests_total{method="GET",route="/schemas/ids/:id",status="200"} 1',
    );
    expect(text).toContain(
      'accord_http_requests_total{method="GET",route="/schemas/ids/:id",status="404"} 1',
    );
    expect(text).toMatch(
      /accord_http_request_duration_seconds_count\{method="GET",route="\/schemas\/ids\/:id"\} 2/,
    );
    expect(text).toContain('le="+Inf"');
    expect(text).toContain("accord_registrations_total 1");
    expect(text).toContain("accord_compatibility_rejections_total 1");
    expect(text).toContain('accord_store_errors_total{code="ACCORD_ERR_REGISTRY_STORE"} 1');
    // Paths never become labels.
    expect(text).not.toContain("orders-value");
  });
});

describe("readiness", () => {
  it("is ready while the store answers, 503 when it fails or the server drains", async () => {
    const readiness = { draining: false };
    registry = await pluginApp({ readiness });
    expect(await registry.send({ method: "GET", url: "/readyz" })).toMatchObject({
      status: 200,
      body: { status: "ready" },
    });
    await registry.store.close();
    const down = await registry.send({ method: "GET", url: "/readyz" });
    expect(down.status).toBe(503);
    expect((down.body as { message: string }).message).toMatch(
      /^Not ready: the store sqlite::memory: is not answering/,
    );
    readiness.draining = true;
    expect((await registry.send({ method: "GET", url: "/readyz" })).body).toEqual({
      error_code: 503,
      message: "Not ready: the server is shutting down",
    });
  });
});

describe("request ids", () => {
  it("echoes a safe X-Request-Id, replaces an unsafe one, and logs it", async () => {
    const lines: string[] = [];
    registry = await pluginApp({
      logger: { level: "info", stream: { write: (line: string) => lines.push(line) } },
    });
    const kept = await registry.send({
      method: "GET",
      url: "/subjects",
      headers: { "x-request-id": "abc-123" },
    });
    expect(kept.headers["x-request-id"]).toBe("abc-123");
    const replaced = await registry.send({
      method: "GET",
      url: "/subjects",
      headers: { "x-request-id": "a b\u0007" },
    });
    expect(String(replaced.headers["x-request-id"])).toMatch(/^[0-9a-f-]{36}$/);
    const entry = lines.map((line) => JSON.parse(line)).find((line) => line.requestId === "abc-123");
    expect(entry).toMatchObject({ msg: "request", method: "GET", route: "/subjects", status: 200 });
  });
});

describe("limits", () => {
  it("refuses a schema over the size limit with 42209, and one nested too deep with 42201", async () => {
    registry = await pluginApp({ limits: { maxSchemaBytes: 2048, maxSchemaDepth: 8 } });
    const big = await registry.send({
      method: "POST",
      url: "/subjects/s/versions",
      headers: json,
      payload: schemaBody({ description: "x".repeat(3000) }),
    });
    expect(big.status).toBe(422);
    expect((big.body as { error_code: number }).error_code).toBe(42209);
    let deep: unknown = { type: "string" };
    for (let i = 0; i < 8; i++) deep = { items: deep };
    const nested = await registry.send({
      method: "POST",
      url: "/subjects/s/versions",
      headers: json,
      payload: schemaBody(deep),
    });
    expect(nested.status).toBe(422);
    expect(nested.body).toMatchObject({
      error_code: 42201,
      message: expect.stringMatching(/deeper than 8 levels/),
    });
  });

  it("pages lists with offset and limit and refuses more than the maximum per call", async () => {
    registry = await pluginApp({ limits: { maxListItems: 3 } });
    await registry.send({ method: "PUT", url: "/config", headers: json, payload: { compatibility: "NONE" } });
    for (let n = 0; n < 5; n++) {
      await registry.send({
        method: "POST",
        url: `/subjects/s${n}/versions`,
        headers: json,
        payload: schemaBody({ title: `${n}` }),
      });
    }
    const all = await registry.send({ method: "GET", url: "/subjects" });
    expect(all.status).toBe(422);
    expect((all.body as { message: string }).message).toMatch(
      /would hold 5 subjects, more than the limit of 3/,
    );
    expect((await registry.send({ method: "GET", url: "/subjects?offset=1&limit=2" })).body).toEqual([
      "s1",
      "s2",
    ]);
    expect((await registry.send({ method: "GET", url: "/subjects?offset=3" })).body).toEqual(["s3", "s4"]);
    expect((await registry.send({ method: "GET", url: "/subjects?limit=4" })).status).toBe(422);
    expect((await registry.send({ method: "GET", url: "/subjects?limit=abc" })).status).toBe(400);
  });

  it("counts nesting outside strings only", () => {
    expect(nestingExceeds('{"a":"[[[[[[["}', 2)).toBe(false);
    expect(nestingExceeds('{"a":"\\"","b":[[1]]}', 2)).toBe(true);
    expect(nestingExceeds("[[]]", 2)).toBe(false);
  });
});
