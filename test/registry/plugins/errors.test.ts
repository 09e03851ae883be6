import { request as httpRequest } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccordFailure, accordError } from "../../../contracts/errors.js";
import { buildApp } from "../../../registry/app.js";
import { openSqliteStore } from "../../../registry/store/sqlite.js";
import type { RegistryStore } from "../../../registry/store/types.js";
import { expectError, jsonSchema, ORDER_V1, type TestRegistry, testRegistry, VND } from "../helpers.js";

let r: TestRegistry;
beforeEach(async () => {
  r = await testRegistry({ bodyLimit: 4096 });
});
afterEach(async () => {
  await r.close();
});

async function nothingWritten(): Promise<void> {
  expect((await r.call("GET", "/subjects?deleted=true")).body).toEqual([]);
}

function post(url: string, payload: string, contentType?: string) {
  return r.app.inject({
    method: "POST",
    url,
    payload,
    headers: contentType === undefined ? {} : { "content-type": contentType },
  });
}

describe("bad request bodies", () => {
  it("answers a body that is not JSON with 400 in the Confluent shape", async () => {
    const reply = await post("/subjects/s/versions", '{"schema": ', VND);
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ error_code: 400, message: expect.stringMatching(/not valid JSON/) });
    await nothingWritten();
  });

  it("answers an empty body with 400", async () => {
    const reply = await post("/subjects/s/versions", "", VND);
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error_code).toBe(400);
  });

  it("refuses __proto__ keys in a body", async () => {
    const reply = await post(
      "/subjects/s/versions",
      '{"schema":"{}","schemaType":"JSON","__proto__":{"x":1}}',
      VND,
    );
    expect(reply.statusCode).toBe(400);
    await nothingWritten();
  });

  it("answers unknown, missing and mistyped fields with 422 naming the field", async () => {
    const unknown = await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V1, { colour: "red" }));
    expectError(unknown, 422, 422);
    expect((unknown.body as { message: string }).message).toBe("Unrecognized field: colour (in body)");
    const missing = await r.call("POST", "/subjects/s/versions", { schemaType: "JSON" });
    expect((missing.body as { message: string }).message).toBe("Missing required field: schema (in body)");
    const mistyped = await r.call("POST", "/subjects/s/versions", {
      schemaType: "JSON",
      schema: { type: "string" },
    });
    expectError(mistyped, 422, 422);
    expect((mistyped.body as { message: string }).message).toMatch(/body\/schema must be string/);
    const badReference = await r.call(
      "POST",
      "/subjects/s/versions",
      jsonSchema(ORDER_V1, { references: [{ name: "a", subject: "b", version: "one" }] }),
    );
    expectError(badReference, 422, 422);
    expect((badReference.body as { message: string }).message).toMatch(/body\/references\/0\/version/);
    const metadata = await r.call(
      "POST",
      "/subjects/s/versions",
      jsonSchema(ORDER_V1, { metadata: { a: 1 } }),
    );
    expectError(metadata, 422, 422);
    await nothingWritten();
  });

  it("accepts empty metadata and ruleSet, as Confluent clients send them", async () => {
    const reply = await r.call(
      "POST",
      "/subjects/s/versions",
      jsonSchema(ORDER_V1, { metadata: null, ruleSet: {} }),
    );
    expect(reply.status).toBe(200);
  });

  it("answers a body over the limit with 413 and writes nothing", async () => {
    const big = { type: "object", description: "x".repeat(5000) };
    const reply = await r.call("POST", "/subjects/s/versions", jsonSchema(big));
    expectError(reply, 413, 413);
    expect((reply.body as { message: string }).message).toMatch(/limit of 4096 bytes/);
    await nothingWritten();
  });
});

describe("content types", () => {
  it("reads all three Schema Registry JSON media types, with or without charset", async () => {
    const body = JSON.stringify(jsonSchema(ORDER_V1));
    for (const type of [
      VND,
      "application/vnd.schemaregistry+json",
      "application/json",
      "application/vnd.schemaregistry.v1+json; charset=utf-8",
    ]) {
      const reply = await post("/subjects/s/versions", body, type);
      expect(reply.statusCode, type).toBe(200);
      expect(reply.json()).toMatchObject({ id: 1, version: 1 });
    }
  });

  it("answers other media types with 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const reply = await post("/subjects/s/versions", JSON.stringify(jsonSchema(ORDER_V1)), type);
      expect(reply.statusCode, type).toBe(415);
      expect(reply.json()).toMatchObject({
        error_code: 415,
        message: expect.stringMatching(/Unsupported Content-Type/),
      });
    }
    await nothingWritten();
  });

  it("serves GET and DELETE that carry a Content-Type but no body, as clients send them", async () => {
    await r.call("POST", "/subjects/s/versions", jsonSchema(ORDER_V1));
    const get = await r.app.inject({
      method: "GET",
      url: "/subjects/s/versions",
      headers: { "content-type": VND },
    });
    expect(get.json()).toEqual([1]);
    const del = await r.app.inject({
      method: "DELETE",
      url: "/subjects/s",
      headers: { "content-type": VND },
    });
    expect(del.json()).toEqual([1]);
  });
});

describe("hostile subject names", () => {
  const cases: [string, string][] = [
    ["a/b", "a%2Fb"],
    ["../etc", "..%2Fetc"],
    ["nul", "a%00b"],
    ["newline", "a%0Ab"],
    ["DEL", "a%7Fb"],
    ["backslash", "a%5Cb"],
    ["reserved", "__GLOBAL"],
    ["too long", "x".repeat(256)],
    ["too long in emoji", encodeURIComponent("😀".repeat(256))],
    ["leading space", "%20x"],
  ];

  it.each(cases)("refuses %s with 42208 on every route that takes a subject", async (_label, encoded) => {
    const routes: [string, string, unknown?][] = [
      ["POST", `/subjects/${encoded}/versions`, jsonSchema(ORDER_V1)],
      ["POST", `/subjects/${encoded}`, jsonSchema(ORDER_V1)],
      ["GET", `/subjects/${encoded}/versions`],
      ["GET", `/subjects/${encoded}/versions/1`],
      ["DELETE", `/subjects/${encoded}`],
      ["PUT", `/config/${encoded}`, { compatibility: "NONE" }],
      ["PUT", `/mode/${encoded}`, { mode: "READONLY" }],
      ["POST", `/compatibility/subjects/${encoded}/versions/latest`, jsonSchema(ORDER_V1)],
    ];
    for (const [method, url, body] of routes) {
      const reply = await r.call(method as "GET", url, body);
      expectError(reply, 422, 42208);
    }
    await nothingWritten();
  });

  it("refuses a subject named .. sent over a real socket (inject would resolve the dot segment)", async () => {
    await r.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = r.app.server.address() as AddressInfo;
    for (const path of ["/subjects/%2E%2E/versions", "/subjects/../versions", "/subjects/a..b/versions"]) {
      const reply = await rawGet(port, path);
      expect(reply.status, path).toBe(422);
      expect(JSON.parse(reply.body), path).toMatchObject({ error_code: 42208 });
    }
  });

  it("answers headers over Node's limit with 431 in Confluent's body, and a request that is not HTTP with 400", async () => {
    await r.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = r.app.server.address() as AddressInfo;
    const huge = await rawGet(port, "/subjects", { "x-padding": "a".repeat(20_000) });
    expect(huge.status).toBe(431);
    expect(huge.headers["content-type"]).toMatch(/^application\/vnd\.schemaregistry\.v1\+json/);
    expect(JSON.parse(huge.body)).toEqual({
      error_code: 431,
      message: "Request header fields too large: they exceed the server's limit.",
    });
    const garbage = await rawBytes(port, "NOT HTTP AT ALL\r\n\r\n");
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbage).toContain('{"error_code":400,"message":"The request is not valid HTTP."}');
  });

  it("refuses a hostile subject inside a reference", async () => {
    const reply = await r.call(
      "POST",
      "/subjects/s/versions",
      jsonSchema(ORDER_V1, { references: [{ name: "a.json", subject: "../x", version: 1 }] }),
    );
    expectError(reply, 422, 42208);
  });

  it("accepts 255 characters, dots, colons and spaces inside", async () => {
    for (const subject of [
      "x".repeat(255),
      "😀".repeat(255),
      "com.example.Order-value",
      ":.ctx:orders",
      "my orders",
    ]) {
      const reply = await r.call(
        "POST",
        `/subjects/${encodeURIComponent(subject)}/versions`,
        jsonSchema(ORDER_V1),
      );
      expect(reply.status, subject).toBe(200);
      expect((await r.call("GET", `/subjects/${encodeURIComponent(subject)}/versions`)).body).toEqual([1]);
    }
  });

  it("answers a malformed percent-encoding with a 4xx, not a 500", async () => {
    const reply = await r.app.inject({ method: "GET", url: "/subjects/%E0%A4%A/versions" });
    expect(reply.statusCode).toBeGreaterThanOrEqual(400);
    expect(reply.statusCode).toBeLessThan(500);
  });
});

describe("server-side failures", () => {
  async function appOver(store: RegistryStore) {
    const app = buildApp({ store });
    await app.ready();
    return app;
  }

  it("answers an unexpected error with 500 and a generic message, no stack", async () => {
    const real = openSqliteStore({ dataDir: ":memory:" });
    const broken = Object.create(real) as RegistryStore;
    broken.schemaById = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secret')");
    };
    const app = await appOver(broken);
    const reply = await app.inject({ method: "GET", url: "/schemas/ids/1" });
    expect(reply.statusCode).toBe(500);
    expect(reply.json()).toEqual({ error_code: 50001, message: "Internal server error." });
    expect(reply.body).not.toMatch(/secret|at |\.ts/);
    await app.close();
    await real.close();
  });

  it("answers a store failure with 50001 and a busy store with 50002", async () => {
    const real = openSqliteStore({ dataDir: ":memory:" });
    const failing = Object.create(real) as RegistryStore;
    failing.listSubjects = async () => {
      throw new AccordFailure(
        accordError("ACCORD_ERR_REGISTRY_STORE", ["SQLITE_FULL: database or disk is full"]),
      );
    };
    failing.subjectVersions = async () => {
      throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_STORE_TIMEOUT", ["the database is locked"]));
    };
    const app = await appOver(failing);
    const full = await app.inject({ method: "GET", url: "/subjects" });
    expect(full.statusCode).toBe(500);
    expect(full.json()).toEqual({
      error_code: 50001,
      message: "Error in the backend data store: SQLITE_FULL: database or disk is full",
    });
    const busy = await app.inject({ method: "GET", url: "/subjects/s/versions" });
    expect(busy.json()).toMatchObject({ error_code: 50002 });
    await app.close();
    await real.close();
  });
});

/** A GET with the path exactly as given: no client-side URL normalisation. */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "GET", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Writes bytes to the server as they are and collects whatever comes back until it closes. */
function rawBytes(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => socket.end(text));
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
  });
}
