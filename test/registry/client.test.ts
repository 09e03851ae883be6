import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../registry/app.js";
import { RegistryClient, type RegistryResult } from "../../registry/client.js";
import { openSqliteStore } from "../../registry/store/sqlite.js";
import type { RegistryStore } from "../../registry/store/types.js";
import { ANY_GUID, ORDER_NARROWED, ORDER_V1, ORDER_V2 } from "./helpers.js";

function value<T>(result: RegistryResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function error<T>(result: RegistryResult<T>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe("RegistryClient against the registry", () => {
  let app: FastifyInstance;
  let store: RegistryStore;
  let client: RegistryClient;

  beforeAll(async () => {
    store = openSqliteStore({ dataDir: ":memory:" });
    app = buildApp({ store });
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    client = new RegistryClient({ url: `${address}/`, retries: 0 });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("registers, looks up, lists and reads versions", async () => {
    expect(value(await client.register("orders-value", { schema: ORDER_V1 }))).toMatchObject({
      id: 1,
      version: 1,
    });
    expect(value(await client.register("orders-value", { schema: JSON.stringify(ORDER_V2) }))).toMatchObject({
      id: 2,
      version: 2,
    });
    expect(value(await client.lookup("orders-value", { schema: ORDER_V1 }))).toMatchObject({
      id: 1,
      version: 1,
    });
    expect(value(await client.listSubjects())).toEqual(["orders-value"]);
    expect(value(await client.listVersions("orders-value"))).toEqual([1, 2]);
    expect(value(await client.getVersion("orders-value", "latest"))).toMatchObject({
      subject: "orders-value",
      version: 2,
      schemaType: "JSON",
      schema: JSON.stringify(ORDER_V2),
    });
    expect(value(await client.getSchemaById(1))).toEqual({
      guid: ANY_GUID,
      schema: JSON.stringify(ORDER_V1),
      schemaType: "JSON",
    });
  });

  it("reports incompatibility as a check result and as a 40901 failure on register", async () => {
    const check = value(await client.testCompatibility("orders-value", { schema: ORDER_NARROWED }));
    expect(check.isCompatible).toBe(false);
    expect(check.messages.join("\n")).toMatch(/orderId/);
    const failure = error(await client.register("orders-value", { schema: ORDER_NARROWED }));
    expect(failure).toMatchObject({
      code: "ACCORD_ERR_REGISTRY_INCOMPATIBLE",
      status: 409,
      errorCode: 40901,
    });
    expect(failure.message).toMatch(/incompatible.*\(POST \/subjects\/orders-value\/versions: HTTP 409\)$/);
  });

  it("maps the server's error codes to the error table", async () => {
    expect(error(await client.getVersion("nope", 1))).toMatchObject({
      code: "ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND",
      errorCode: 40401,
      status: 404,
    });
    expect(error(await client.listVersions("a/b"))).toMatchObject({
      code: "ACCORD_ERR_REGISTRY_SUBJECT_INVALID",
      errorCode: 42208,
    });
    expect(error(await client.register("s", { schema: "{" }))).toMatchObject({
      code: "ACCORD_ERR_REGISTRY_SCHEMA_INVALID",
      errorCode: 42201,
    });
  });

  it("reads and sets levels, falling back to the global one", async () => {
    expect(value(await client.getConfig("fresh"))).toEqual({ compatibilityLevel: "BACKWARD" });
    expect(value(await client.setConfig("fresh", "FULL"))).toEqual({ compatibility: "FULL" });
    expect(value(await client.getConfig("fresh"))).toEqual({ compatibilityLevel: "FULL" });
    expect(value(await client.setConfig(undefined, "NONE"))).toEqual({ compatibility: "NONE" });
    expect(value(await client.getConfig())).toEqual({ compatibilityLevel: "NONE" });
  });
});

interface Recorded {
  url: string;
  init: RequestInit;
}

/** A fetch that answers from a script, one entry per call, recording what it was sent. */
function scriptedFetch(script: (() => Promise<Response>)[]) {
  const calls: Recorded[] = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const next = script[Math.min(calls.length - 1, script.length - 1)];
    if (!next) throw new Error("script exhausted");
    return next();
  }) as typeof fetch;
  return { impl, calls };
}

function headersOf(call: Recorded | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>;
}

const json = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const refused = async (): Promise<Response> => {
  throw Object.assign(new TypeError("fetch failed"), {
    cause: { code: "ECONNREFUSED", message: "connect refused" },
  });
};

describe("RegistryClient transport", () => {
  const noSleep = { sleep: async () => undefined };

  it("retries idempotent calls on 5xx and connection errors, then succeeds", async () => {
    const { impl, calls } = scriptedFetch([
      json(503, { error_code: 50003, message: "busy" }),
      refused,
      json(200, ["s"]),
    ]);
    const client = new RegistryClient({ url: "http://127.0.0.1:1", fetch: impl, ...noSleep });
    expect(value(await client.listSubjects())).toEqual(["s"]);
    expect(calls).toHaveLength(3);
  });

  it("waits longer before each retry", async () => {
    const waits: number[] = [];
    const { impl } = scriptedFetch([json(500, { error_code: 50001, message: "x" })]);
    const client = new RegistryClient({
      url: "http://127.0.0.1:1",
      fetch: impl,
      backoffMs: 100,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const failure = error(await client.listSubjects());
    expect(failure).toMatchObject({ code: "ACCORD_ERR_REGISTRY_STORE", errorCode: 50001, status: 500 });
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[2]).toBeGreaterThanOrEqual(200);
    expect(waits[2]).toBeLessThanOrEqual(400);
  });

  it("does not retry a registration, nor a 4xx", async () => {
    const register = scriptedFetch([json(503, { error_code: 50003, message: "busy" }), json(200, { id: 1 })]);
    const client = new RegistryClient({ url: "http://127.0.0.1:1", fetch: register.impl, ...noSleep });
    expect(error(await client.register("s", { schema: {} }))).toMatchObject({
      status: 503,
      errorCode: 50003,
    });
    expect(register.calls).toHaveLength(1);

    const notFound = scriptedFetch([json(404, { error_code: 40401, message: "Subject 's' not found." })]);
    const reader = new RegistryClient({ url: "http://127.0.0.1:1", fetch: notFound.impl, ...noSleep });
    expect(error(await reader.listVersions("s")).code).toBe("ACCORD_ERR_REGISTRY_SUBJECT_NOT_FOUND");
    expect(notFound.calls).toHaveLength(1);
  });

  it("gives up on an unreachable registry with a message naming it", async () => {
    const { impl, calls } = scriptedFetch([refused]);
    const client = new RegistryClient({ url: "http://127.0.0.1:1", fetch: impl, retries: 2, ...noSleep });
    const failure = error(await client.listSubjects());
    expect(failure.code).toBe("ACCORD_ERR_REGISTRY_UNREACHABLE");
    expect(failure.message).toBe(
      "cannot reach the registry at http://127.0.0.1:1: connect refused (ECONNREFUSED)",
    );
    expect(calls).toHaveLength(3);
  });

  it("times out a registry that does not answer", async () => {
    const hanging = (async (_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as typeof fetch;
    const client = new RegistryClient({
      url: "http://127.0.0.1:1",
      fetch: hanging,
      timeoutMs: 30,
      retries: 0,
    });
    expect(error(await client.listSubjects()).message).toMatch(/no answer within 30 ms/);
  });

  it("reaches a closed port as unreachable, for real", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const { port: free } = server.address() as AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const client = new RegistryClient({ url: `http://127.0.0.1:${port}`, retries: 0 });
    expect(error(await client.listSubjects())).toMatchObject({ code: "ACCORD_ERR_REGISTRY_UNREACHABLE" });
  });

  it("sends basic auth (from options or the URL) and bearer tokens, never credentials in the URL", async () => {
    const basic = scriptedFetch([json(200, [])]);
    await new RegistryClient({
      url: "http://alice:s%3Acret@127.0.0.1:1/registry/",
      fetch: basic.impl,
    }).listSubjects();
    expect(basic.calls[0]?.url).toBe("http://127.0.0.1:1/registry/subjects");
    const header = headersOf(basic.calls[0]).authorization;
    expect(header).toBe(`Basic ${Buffer.from("alice:s:cret").toString("base64")}`);

    const bearer = scriptedFetch([json(200, [])]);
    await new RegistryClient({
      url: "http://127.0.0.1:1",
      auth: { token: "t0k" },
      fetch: bearer.impl,
    }).listSubjects();
    expect(headersOf(bearer.calls[0]).authorization).toBe("Bearer t0k");
  });

  it("reports answers it cannot use: a proxy's HTML error, a non-JSON success", async () => {
    const proxy = scriptedFetch([async () => new Response("<html>Unauthorized</html>", { status: 401 })]);
    const failure = error(
      await new RegistryClient({ url: "http://127.0.0.1:1", fetch: proxy.impl }).listSubjects({
        prefix: "a",
      }),
    );
    expect(failure).toMatchObject({ code: "ACCORD_ERR_REGISTRY_REMOTE", status: 401 });
    expect(failure.message).toBe(
      "the registry answered GET /subjects with HTTP 401 (error_code none): <html>Unauthorized</html>",
    );
    const garbled = scriptedFetch([async () => new Response("not json", { status: 200 })]);
    expect(
      error(await new RegistryClient({ url: "http://127.0.0.1:1", fetch: garbled.impl }).listSubjects()).code,
    ).toBe("ACCORD_ERR_REGISTRY_REMOTE");
  });

  it("refuses a URL that is not http(s)", () => {
    expect(() => new RegistryClient({ url: "ftp://x" })).toThrow(/must be http or https/);
    expect(() => new RegistryClient({ url: "not a url" })).toThrow(/not a registry URL/);
  });
});
