import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "./helpers.js";

const BIN = fileURLToPath(new URL("../../bin/run.js", import.meta.url));
const VND = "application/vnd.schemaregistry.v1+json";

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stdout: () => string;
  readonly exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), "accord-e2e-registry-"));

/** Starts the built CLI's `serve` on 127.0.0.1 (a free port) and waits for its URL line. */
function serve(dir: string): Promise<Served> {
  const env = { ...process.env };
  delete env.NODE_ENV;
  const child = spawn(process.execPath, [BIN, "serve", "--host", "127.0.0.1", "--port", "0", "--data", dir], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}${err}`)), 20_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], stdout: () => out, exited });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${out}${err}`));
    });
  });
}

async function http(url: string, method = "GET", body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": VND },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

const orderPlaced = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "OrderPlaced",
  type: "object",
  properties: { orderId: { type: "string" }, amount: { type: "number" } },
  required: ["orderId", "amount"],
  additionalProperties: false,
};

let server: Served;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, "dist", "cli", "commands", "serve.js"))) {
    throw new Error("dist/ is missing: run `npm run build` before the e2e tests");
  }
  server = await serve(dataDir);
});

afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("accord serve with a real Kafka schema-registry client", () => {
  const acknowledged = new Map<number, { subject: string; schema: string }>();
  let encoded: Buffer;
  let orderId: number;

  it("registers, encodes and decodes with @kafkajs/confluent-schema-registry", async () => {
    const registry = new SchemaRegistry({ host: server.url });
    const schema = JSON.stringify(orderPlaced);
    const { id } = await registry.register({ type: SchemaType.JSON, schema }, { subject: "orders-value" });
    orderId = id;
    acknowledged.set(id, { subject: "orders-value", schema });
    expect(id).toBe(1);

    encoded = await registry.encode(id, { orderId: "o-1", amount: 12.5 });
    // Confluent wire format: magic byte 0, then the id as a 4-byte big-endian integer.
    expect(encoded[0]).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    // A fresh client has no cache: decoding fetches the schema by id from the server.
    const fresh = new SchemaRegistry({ host: server.url });
    expect(await fresh.decode(encoded)).toEqual({ orderId: "o-1", amount: 12.5 });

    expect(await registry.getLatestSchemaId("orders-value")).toBe(id);
    expect(await registry.getRegistryIdBySchema("orders-value", { type: SchemaType.JSON, schema })).toBe(id);
    // The client set the subject's level on first registration, as it does against Confluent.
    expect((await http(`${server.url}/config/orders-value`)).body).toEqual({
      compatibilityLevel: "BACKWARD",
    });
  });

  it("gives the same schema the same id under another subject", async () => {
    const registry = new SchemaRegistry({ host: server.url });
    const { id } = await registry.register(
      { type: SchemaType.JSON, schema: JSON.stringify(orderPlaced) },
      { subject: "orders-archive-value" },
    );
    expect(id).toBe(orderId);
  });

  it("rejects an incompatible version with HTTP 409 and the finding", async () => {
    const registry = new SchemaRegistry({ host: server.url });
    const narrowed = {
      ...orderPlaced,
      properties: { ...orderPlaced.properties, orderId: { type: "integer" } },
    };
    const attempt = registry.register(
      { type: SchemaType.JSON, schema: JSON.stringify(narrowed) },
      { subject: "orders-value" },
    );
    await expect(attempt).rejects.toMatchObject({ status: 409 });
    await expect(attempt).rejects.toThrow(/incompatible with an earlier schema.*orderId/);
  });

  it("answers plain HTTP on the Confluent endpoints", async () => {
    expect(await http(`${server.url}/`)).toEqual({ status: 200, body: {} });
    expect((await http(`${server.url}/subjects`)).body).toEqual(["orders-archive-value", "orders-value"]);
    expect((await http(`${server.url}/schemas/types`)).body).toEqual(["JSON"]);
    expect((await http(`${server.url}/subjects/orders-value/versions/latest`)).body).toMatchObject({
      subject: "orders-value",
      version: 1,
      id: orderId,
      schemaType: "JSON",
    });
    const compatible = await http(
      `${server.url}/compatibility/subjects/orders-value/versions/latest`,
      "POST",
      {
        schemaType: "JSON",
        schema: JSON.stringify(orderPlaced),
      },
    );
    expect(compatible.body).toEqual({ is_compatible: true });
    const bad = await http(`${server.url}/subjects/orders-value/versions`, "POST", { schema: "{}" });
    expect(bad).toMatchObject({ status: 422, body: { error_code: 42201 } });
  });

  it("keeps every acknowledged registration after SIGKILL, including ones racing the kill", async () => {
    await http(`${server.url}/config`, "PUT", { compatibility: "NONE" });
    const registry = new SchemaRegistry({ host: server.url, retry: { retries: 0 } });
    let stop = false;
    const writer = async (lane: number) => {
      for (let index = 0; !stop; index++) {
        const schema = JSON.stringify({ type: "object", title: `lane ${lane} event ${index}` });
        const subject = `load-${lane}-value`;
        try {
          const { id } = await registry.register({ type: SchemaType.JSON, schema }, { subject });
          acknowledged.set(id, { subject, schema });
        } catch {
          return; // the server is gone
        }
      }
    };
    const lanes = [writer(1), writer(2), writer(3), writer(4)];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    server.child.kill("SIGKILL");
    await server.exited;
    stop = true;
    await Promise.all(lanes);
    expect(acknowledged.size).toBeGreaterThan(10);

    server = await serve(dataDir);
    const fresh = new SchemaRegistry({ host: server.url });
    expect(await fresh.decode(encoded)).toEqual({ orderId: "o-1", amount: 12.5 });
    for (const [id, { subject, schema }] of acknowledged) {
      const byId = await http(`${server.url}/schemas/ids/${id}`);
      expect(byId.body, `id ${id}`).toEqual({ guid: expect.any(String), schema, schemaType: "JSON" });
      const lookup = await http(`${server.url}/subjects/${subject}`, "POST", { schemaType: "JSON", schema });
      expect(lookup.body, `lookup of id ${id}`).toMatchObject({ id, subject });
    }
  });

  it("stops cleanly on SIGTERM with exit code 0", async () => {
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toMatch(/Accord registry stopped\./);
  });
});

describe("accord serve usage errors", () => {
  it("exits 2 with one line for a bad flag value", async () => {
    const result = await runCli(["serve", "--port", "http"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 when the port is taken", async () => {
    const first = await serve(mkdtempSync(join(tmpdir(), "accord-e2e-port-")));
    const port = new URL(first.url).port;
    const result = await runCli(["serve", "--host", "127.0.0.1", "--port", port, "--data", dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+: the address is already in use/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    first.child.kill("SIGTERM");
    await first.exited;
  });
});
