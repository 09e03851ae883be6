import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, hashToken } from "../../registry/auth/secrets.js";
import { createDatabase, PG_SKIP_REASON, PG_URL } from "../registry/store/postgres-helpers.js";
import { requireBuild, type ServeProcess, startServe, stopServe, VND } from "./registry-processes.js";

/**
 * Hostile requests over a real socket against `accord serve` with auth and tight limits: each one
 * gets its own 4xx and a Confluent error body, never a 500 and never a stack trace. Paths are sent
 * raw (node:http, not fetch), so `..` and bad percent-encoding reach the server as written.
 */
const ADMIN_TOKEN = "acc_admin-token-for-the-hostile-table";
const WRITER = { name: "writer", password: "writer-secret-pw" };
const READER_TOKEN = "acc_reader-token-for-the-hostile-table";

type As = "admin" | "writer" | "reader" | "none" | { readonly authorization: string };

interface Hostile {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string | Buffer;
  readonly contentType?: string | null;
  readonly as?: As;
  readonly status: number;
  readonly errorCode: number;
  readonly message?: RegExp;
}

const register = "/subjects/orders-value/versions";
const schema = (value: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemaType: "JSON",
    schema: typeof value === "string" ? value : JSON.stringify(value),
    ...extra,
  });
const nested = (depth: number): unknown => (depth === 0 ? { type: "string" } : { items: nested(depth - 1) });

const TABLE: Hostile[] = [
  // Malformed JSON
  {
    name: "truncated JSON",
    method: "POST",
    path: register,
    body: '{"schema": ',
    status: 400,
    errorCode: 400,
    message: /not valid JSON/,
  },
  { name: "not JSON at all", method: "POST", path: register, body: "schema=1", status: 400, errorCode: 400 },
  {
    name: "empty body",
    method: "POST",
    path: register,
    body: "",
    status: 400,
    errorCode: 400,
    message: /empty/,
  },
  { name: "JSON array body", method: "POST", path: register, body: "[]", status: 422, errorCode: 422 },
  { name: "JSON string body", method: "POST", path: register, body: '"{}"', status: 422, errorCode: 422 },
  { name: "JSON null body", method: "POST", path: register, body: "null", status: 422, errorCode: 422 },
  {
    name: "invalid UTF-8 body",
    method: "POST",
    path: register,
    body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    status: 400,
    errorCode: 400,
  },
  // Wrong types
  {
    name: "schema as a number",
    method: "POST",
    path: register,
    body: '{"schema":42}',
    status: 422,
    errorCode: 422,
  },
  {
    name: "schemaType as a number",
    method: "POST",
    path: register,
    body: '{"schema":"{}","schemaType":7}',
    status: 422,
    errorCode: 422,
  },
  {
    name: "references as a string",
    method: "POST",
    path: register,
    body: schema({}, { references: "x" }),
    status: 422,
    errorCode: 422,
  },
  {
    name: "reference with a numeric name",
    method: "POST",
    path: register,
    body: schema({}, { references: [{ name: 1, subject: "a", version: 1 }] }),
    status: 422,
    errorCode: 422,
  },
  {
    name: "version zero",
    method: "POST",
    path: register,
    body: schema({}, { version: 0 }),
    status: 422,
    errorCode: 422,
  },
  {
    name: "id as a string",
    method: "POST",
    path: register,
    body: schema({}, { id: "1" }),
    status: 422,
    errorCode: 422,
  },
  {
    name: "unknown body field",
    method: "POST",
    path: register,
    body: schema({}, { foo: 1 }),
    status: 422,
    errorCode: 422,
    message: /Unrecognized field: foo/,
  },
  {
    name: "AVRO schema type",
    method: "POST",
    path: register,
    body: schema({}, { schemaType: "AVRO" }),
    status: 422,
    errorCode: 42201,
  },
  {
    name: "empty schema text",
    method: "POST",
    path: register,
    body: schema(""),
    status: 422,
    errorCode: 42201,
  },
  {
    name: "schema text that is an array",
    method: "POST",
    path: register,
    body: schema("[1,2]"),
    status: 422,
    errorCode: 42201,
  },
  {
    name: "schema text that is not JSON",
    method: "POST",
    path: register,
    body: schema("{"),
    status: 422,
    errorCode: 42201,
  },
  {
    name: "schema invalid against its meta-schema",
    method: "POST",
    path: register,
    body: schema({ type: 12 }),
    status: 422,
    errorCode: 42201,
  },
  {
    name: "PUT /config with a level of the wrong type",
    method: "PUT",
    path: "/config",
    body: '{"compatibility":1}',
    status: 422,
    errorCode: 422,
  },
  {
    name: "PUT /config with an unknown level",
    method: "PUT",
    path: "/config",
    body: '{"compatibility":"SIDEWAYS"}',
    status: 422,
    errorCode: 42203,
  },
  {
    name: "PUT /mode with an unknown mode",
    method: "PUT",
    path: "/mode",
    body: '{"mode":"CHAOS"}',
    status: 422,
    errorCode: 42204,
  },
  // Huge and deeply nested
  {
    name: "body over the body limit",
    method: "POST",
    path: register,
    body: schema({ description: "x".repeat(70_000) }),
    status: 413,
    errorCode: 413,
  },
  {
    name: "schema over the schema size limit",
    method: "POST",
    path: register,
    body: schema({ description: "x".repeat(5000) }),
    status: 422,
    errorCode: 42209,
  },
  {
    name: "schema nested past the depth limit",
    method: "POST",
    path: register,
    body: schema(nested(40)),
    status: 422,
    errorCode: 42201,
    message: /deeper than 32 levels/,
  },
  {
    name: "body nested 20,000 deep",
    method: "POST",
    path: register,
    body: `{"schema":"{}","x":${"[".repeat(20_000)}${"]".repeat(20_000)}}`,
    status: 422,
    errorCode: 422,
  },
  {
    name: "1,001 references",
    method: "POST",
    path: register,
    body: schema(
      {},
      { references: Array.from({ length: 1001 }, (_, n) => ({ name: `r${n}`, subject: "s", version: 1 })) },
    ),
    status: 422,
    errorCode: 422,
  },
  // Prototype pollution
  {
    name: "__proto__ key in the body",
    method: "POST",
    path: register,
    body: '{"__proto__":{"admin":true},"schema":"{}","schemaType":"JSON"}',
    status: 400,
    errorCode: 400,
  },
  {
    name: "constructor.prototype in the body",
    method: "POST",
    path: register,
    body: '{"constructor":{"prototype":{"admin":true}},"schema":"{}"}',
    status: 400,
    errorCode: 400,
  },
  {
    name: "__proto__ key in PUT /config",
    method: "PUT",
    path: "/config",
    body: '{"__proto__":{"compatibility":"NONE"}}',
    status: 400,
    errorCode: 400,
  },
  // Path tricks in subject names
  {
    name: "encoded ../ in a subject",
    method: "GET",
    path: "/subjects/..%2Fconfig/versions",
    status: 422,
    errorCode: 42208,
  },
  {
    name: "encoded .. as the subject",
    method: "GET",
    path: "/subjects/%2e%2e/versions",
    status: 422,
    errorCode: 42208,
  },
  {
    name: "NUL byte in a subject",
    method: "GET",
    path: "/subjects/orders%00-value/versions",
    status: 422,
    errorCode: 42208,
  },
  {
    name: "backslash in a subject",
    method: "POST",
    path: "/subjects/a%5C..%5Cb/versions",
    body: schema({}),
    status: 422,
    errorCode: 42208,
  },
  {
    name: "leading white space in a subject",
    method: "GET",
    path: "/subjects/%20orders-value/versions",
    status: 422,
    errorCode: 42208,
  },
  {
    name: "reserved subject __GLOBAL",
    method: "GET",
    path: "/subjects/__GLOBAL/versions",
    status: 422,
    errorCode: 42208,
  },
  {
    name: "subject of 300 characters",
    method: "GET",
    path: `/subjects/${"s".repeat(300)}/versions`,
    status: 422,
    errorCode: 42208,
  },
  {
    name: "malformed percent-encoding",
    method: "GET",
    path: "/subjects/a%ZZb/versions",
    status: 400,
    errorCode: 400,
  },
  {
    name: "raw ../ climbing out of /subjects",
    method: "GET",
    path: "/subjects/../../etc/passwd",
    status: 404,
    errorCode: 404,
  },
  {
    name: "reference to a subject with ..",
    method: "POST",
    path: register,
    body: schema({}, { references: [{ name: "a.json", subject: "../x", version: 1 }] }),
    status: 422,
    errorCode: 42208,
  },
  // Unknown versions and ids
  {
    name: "version that does not exist",
    method: "GET",
    path: `${register}/99`,
    status: 404,
    errorCode: 40402,
  },
  { name: "version zero in the path", method: "GET", path: `${register}/0`, status: 422, errorCode: 42202 },
  {
    name: "version that is not a number",
    method: "GET",
    path: `${register}/abc`,
    status: 422,
    errorCode: 42202,
  },
  {
    name: "version beyond 32 bits",
    method: "GET",
    path: `${register}/99999999999`,
    status: 422,
    errorCode: 42202,
  },
  {
    name: "subject that does not exist",
    method: "GET",
    path: "/subjects/nope-value/versions/1",
    status: 404,
    errorCode: 40401,
  },
  {
    name: "schema id that does not exist",
    method: "GET",
    path: "/schemas/ids/999999",
    status: 404,
    errorCode: 40403,
  },
  { name: "negative schema id", method: "GET", path: "/schemas/ids/-1", status: 404, errorCode: 40403 },
  {
    name: "deleting a version that does not exist",
    method: "DELETE",
    path: `${register}/7`,
    status: 404,
    errorCode: 40402,
  },
  // Remote $ref
  {
    name: "remote $ref over http",
    method: "POST",
    path: register,
    body: schema({ $ref: "http://attacker.invalid/x.json" }),
    status: 422,
    errorCode: 42201,
    message: /never fetches remote references/,
  },
  {
    name: "file: $ref",
    method: "POST",
    path: register,
    body: schema({ properties: { a: { $ref: "file:///etc/passwd" } } }),
    status: 422,
    errorCode: 42201,
  },
  {
    name: "reference to an unregistered subject",
    method: "POST",
    path: register,
    body: schema(
      { $ref: "a.json" },
      { references: [{ name: "a.json", subject: "missing-value", version: 1 }] },
    ),
    status: 422,
    errorCode: 42201,
  },
  // Wrong content types
  {
    name: "text/plain body",
    method: "POST",
    path: register,
    body: schema({}),
    contentType: "text/plain",
    status: 415,
    errorCode: 415,
  },
  {
    name: "XML body",
    method: "POST",
    path: register,
    body: "<schema/>",
    contentType: "application/xml",
    status: 415,
    errorCode: 415,
  },
  {
    name: "multipart body",
    method: "POST",
    path: register,
    body: "--x--",
    contentType: "multipart/form-data; boundary=x",
    status: 415,
    errorCode: 415,
  },
  {
    name: "body without a content type",
    method: "POST",
    path: register,
    body: schema({}),
    contentType: null,
    status: 415,
    errorCode: 415,
  },
  // Bad auth
  { name: "no credentials", method: "GET", path: "/subjects", as: "none", status: 401, errorCode: 40101 },
  {
    name: "wrong password",
    method: "GET",
    path: "/subjects",
    as: { authorization: `Basic ${Buffer.from("writer:guess").toString("base64")}` },
    status: 401,
    errorCode: 40101,
  },
  {
    name: "unknown bearer token",
    method: "GET",
    path: "/subjects",
    as: { authorization: "Bearer acc_forged" },
    status: 401,
    errorCode: 40101,
  },
  {
    name: "basic credentials that are not base64",
    method: "GET",
    path: "/subjects",
    as: { authorization: "Basic %%%" },
    status: 401,
    errorCode: 40101,
  },
  {
    name: "unauthenticated register never parses the body",
    method: "POST",
    path: register,
    body: '{"schema": ',
    as: "none",
    status: 401,
    errorCode: 40101,
  },
  {
    name: "reader registering",
    method: "POST",
    path: register,
    body: schema({}),
    as: "reader",
    status: 403,
    errorCode: 40301,
  },
  {
    name: "writer outside its prefix",
    method: "POST",
    path: "/subjects/payments-value/versions",
    body: schema({}),
    as: "writer",
    status: 403,
    errorCode: 40301,
  },
  {
    name: "writer changing the global mode",
    method: "PUT",
    path: "/mode",
    body: '{"mode":"READONLY"}',
    as: "writer",
    status: 403,
    errorCode: 40301,
  },
  // Limits and unknown routes
  {
    name: "page larger than the list limit",
    method: "GET",
    path: "/subjects?limit=1000",
    status: 422,
    errorCode: 422,
  },
  { name: "negative offset", method: "GET", path: "/subjects?offset=-1", status: 400, errorCode: 400 },
  { name: "unknown route", method: "GET", path: "/admin/shell", status: 404, errorCode: 404 },
  { name: "unsupported method", method: "PATCH", path: "/subjects", body: "{}", status: 404, errorCode: 404 },
];

interface StoreTarget {
  readonly name: string;
  readonly skip?: string;
  open(): Promise<{ store?: string; drop(): Promise<void> }>;
}

const targets: StoreTarget[] = [
  { name: "sqlite", open: async () => ({ drop: async () => undefined }) },
  {
    name: "postgres",
    ...(PG_URL ? {} : { skip: PG_SKIP_REASON }),
    async open() {
      const database = await createDatabase();
      return { store: database.url, drop: () => database.drop() };
    },
  },
];

function send(base: string, row: Hostile): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  const headers: Record<string, string | number> = {};
  const as = row.as ?? "admin";
  if (as === "admin") headers.authorization = `Bearer ${ADMIN_TOKEN}`;
  else if (as === "reader") headers.authorization = `Bearer ${READER_TOKEN}`;
  else if (as === "writer")
    headers.authorization = `Basic ${Buffer.from(`${WRITER.name}:${WRITER.password}`).toString("base64")}`;
  else if (as !== "none") headers.authorization = as.authorization;
  if (row.body !== undefined) {
    if (row.contentType !== null) headers["content-type"] = row.contentType ?? VND;
    headers["content-length"] = Buffer.byteLength(row.body);
  }
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, method: row.method, path: row.path, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    request.on("error", reject);
    request.end(row.body);
  });
}

beforeAll(() => requireBuild());

describe.each(targets)("hostile requests against accord serve on $name", (target) => {
  let dir = "";
  let server: ServeProcess | undefined;
  let opened: Awaited<ReturnType<StoreTarget["open"]>> | undefined;
  const run = target.skip ? it.skip : it;

  beforeAll(async () => {
    if (target.skip) return;
    dir = mkdtempSync(join(tmpdir(), "accord-hostile-"));
    opened = await target.open();
    const users = join(dir, "users.yaml");
    writeFileSync(
      users,
      JSON.stringify({
        users: [
          { name: "admin", tokens: [hashToken(ADMIN_TOKEN)], grants: [{ role: "admin", prefix: "" }] },
          {
            name: WRITER.name,
            password: hashPassword(WRITER.password),
            grants: [{ role: "write", prefix: "orders-" }],
          },
          { name: "reader", tokens: [hashToken(READER_TOKEN)], grants: [{ role: "read", prefix: "" }] },
        ],
      }),
    );
    server = await startServe({
      dataDir: join(dir, "data"),
      ...(opened.store ? { store: opened.store } : {}),
      args: [
        "--auth",
        users,
        "--body-limit",
        "65536",
        "--max-schema-bytes",
        "4096",
        "--max-schema-depth",
        "32",
        "--max-list",
        "50",
      ],
    });
    const first = await send(server.url, {
      name: "seed",
      method: "POST",
      path: register,
      body: schema({ type: "object" }),
      status: 200,
      errorCode: 0,
    });
    expect(first.status).toBe(200);
  });

  afterAll(async () => {
    if (server) await stopServe(server);
    await opened?.drop();
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  run.each(TABLE)(
    `$name → $status/$errorCode${target.skip ? ` (skipped: ${target.skip})` : ""}`,
    async (row) => {
      const reply = await send((server as ServeProcess).url, row);
      expect(reply.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/);
      const body = JSON.parse(reply.text) as { error_code: unknown; message: unknown };
      expect({ status: reply.status, error_code: body.error_code }).toEqual({
        status: row.status,
        error_code: row.errorCode,
      });
      expect(typeof body.message).toBe("string");
      if (row.message) expect(body.message).toMatch(row.message);
    },
  );

  run("answered none of them with a 5xx and kept running", async () => {
    const metrics = await send((server as ServeProcess).url, {
      name: "metrics",
      method: "GET",
      path: "/metrics",
      as: "none",
      status: 200,
      errorCode: 0,
    });
    expect(metrics.status).toBe(200);
    expect(metrics.text).not.toMatch(/status="5\d\d"/);
    expect(metrics.text).toMatch(/status="4\d\d"/);
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
  });
});
