import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import {
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType,
} from "@confluentinc/schemaregistry";
import { COMPATIBILITY, SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerateResult } from "../../cli/commands/generate.js";
import type { Json } from "../../contracts/schema/types.js";
import { ORDER_V1, ORDER_V2 } from "../templates/typescript/fixtures.js";
import { transpileTo } from "../templates/typescript/support.js";
import { writeCatalog, writeTree } from "./generate-support.js";
import { REPO_ROOT, runCli } from "./helpers.js";

/**
 * Wire compatibility in both directions against the BUILT `accord serve`: bytes from the generated
 * producer decode with @kafkajs/confluent-schema-registry, and bytes that client encodes decode
 * with the generated consumer.
 */

const addFormats = addFormatsModule.default;
const SUBJECT = "order-placed-value";
const ORDER = {
  orderId: "o-1",
  placedAt: "2024-05-01T10:00:00Z",
  customer: { customerId: "c-1", email: "ada@example.com" },
  items: [{ sku: "SKU-1", quantity: 2, unitPrice: 3.5 }],
  currency: "EUR",
  total: 7,
};
const OLD_ORDER = { ...ORDER, currency: "CHF", items: [{ sku: "S".repeat(30), quantity: 1, unitPrice: 7 }] };

type Codec = {
  encodeOrderPlaced(event: unknown): Uint8Array;
  encodeOrderPlacedV1(event: unknown): Uint8Array;
  decodeOrderPlaced(bytes: Uint8Array): { version: number; value: unknown };
  orderPlacedContract: { schemaIds: Record<number, number> };
};

const root = mkdtempSync(join(tmpdir(), "accord-e2e-generate-wire-"));
let server: ChildProcess | undefined;
let url = "";
let registry: SchemaRegistry;
let ids: number[] = [];

/** Starts `accord serve` on a free port and resolves with its URL. */
function serve(data: string): Promise<string> {
  const env = { ...process.env };
  delete env.NODE_ENV;
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, "bin/run.js"), "serve", "--host", "127.0.0.1", "--port", "0", "--data", data],
    {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server = child;
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`accord serve did not start: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`accord serve exited with ${code}: ${output}`));
    });
  });
}

async function generateInto(
  cwd: string,
  args: readonly string[],
): Promise<{ outcome: GenerateResult; codec: Codec }> {
  const result = await runCli(["generate", "--out", "gen", "--json", ...args], { cwd, timeoutMs: 60_000 });
  expect(result.code, result.stderr).toBe(0);
  const outDir = join(cwd, "gen");
  const files = listFiles(outDir).map((path) => ({
    path,
    content: readFileSync(join(outDir, path), "utf8"),
  }));
  const built = join(cwd, "built");
  await transpileTo(built, files);
  const codec = (await import(pathToFileURL(join(built, "index.js")).href)) as Codec;
  return { outcome: JSON.parse(result.stdout) as GenerateResult, codec };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

beforeAll(async () => {
  url = await serve(join(root, "data"));
  // The schemas are 2020-12; the client validates with the ajv instance it is given.
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  // Any ajv 8 instance works; the client's types name the ajv copy it bundles.
  const options = { [SchemaType.JSON]: { ajvInstance: ajv } } as unknown as ConstructorParameters<
    typeof SchemaRegistry
  >[1];
  registry = new SchemaRegistry({ host: url }, options);
  const first = await registry.register(
    { type: SchemaType.JSON, schema: JSON.stringify(ORDER_V1) },
    { subject: SUBJECT },
  );
  // v2 drops a currency and shortens sku, which BACKWARD refuses; this subject accepts anything.
  const config = await fetch(`${url}/config/${SUBJECT}`, {
    method: "PUT",
    headers: { "content-type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ compatibility: "NONE" }),
  });
  expect(config.status).toBe(200);
  const second = await registry.register(
    { type: SchemaType.JSON, schema: JSON.stringify(ORDER_V2) },
    { subject: SUBJECT, compatibility: COMPATIBILITY.NONE },
  );
  ids = [first.id, second.id];
  expect(ids[0]).not.toBe(ids[1]);
});

afterAll(() => {
  if (server?.pid !== undefined && server.exitCode === null) server.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
});

describe("generated codecs speak the Confluent wire format", () => {
  let codec: Codec;

  beforeAll(async () => {
    const app = join(root, "from-registry");
    writeTree(app, { "package.json": '{ "type": "module" }\n' });
    const generated = await generateInto(app, ["--registry", url, "--subject", SUBJECT]);
    codec = generated.codec;
    expect(generated.outcome.subjects[0]?.versions.map((version) => version.schemaId)).toEqual(ids);
    expect(codec.orderPlacedContract.schemaIds).toEqual({ 1: ids[0], 2: ids[1] });
  });

  it("bytes from the generated producer decode with @kafkajs/confluent-schema-registry", async () => {
    expect(await registry.decode(Buffer.from(codec.encodeOrderPlaced(ORDER)))).toEqual(ORDER);
    expect(await registry.decode(Buffer.from(codec.encodeOrderPlacedV1(OLD_ORDER)))).toEqual(OLD_ORDER);
  });

  it("bytes @kafkajs/confluent-schema-registry encodes decode with the generated consumer, by version", async () => {
    const latest = await registry.encode(ids[1] as number, ORDER);
    expect(codec.decodeOrderPlaced(new Uint8Array(latest))).toEqual({ version: 2, value: ORDER });
    const old = await registry.encode(ids[0] as number, OLD_ORDER);
    expect(codec.decodeOrderPlaced(new Uint8Array(old))).toEqual({ version: 1, value: OLD_ORDER });
  });

  it("V1 frames (schema GUID) from @confluentinc/schemaregistry decode with the generated consumer", async () => {
    const client = new SchemaRegistryClient({ baseURLs: [url], maxRetries: 0 });
    const producer = new JsonSerializer(client, SerdeType.VALUE, {
      useSchemaId: ids[0] as number,
      autoRegisterSchemas: false,
      // The official client's own V1 framing: magic byte 1 and the schema's GUID, then the JSON.
      schemaIdSerializer: (_topic, _type, payload, schemaId) =>
        Buffer.concat([schemaId.guidToBytes(), payload]),
    });
    const bytes = await producer.serialize("order-placed", OLD_ORDER);
    expect(bytes[0]).toBe(1);
    expect(codec.decodeOrderPlaced(new Uint8Array(bytes))).toEqual({ version: 1, value: OLD_ORDER });
    // The official consumer resolves the same GUID through GET /schemas/guids/{guid}.
    const consumer = new JsonDeserializer(client, SerdeType.VALUE, {});
    expect(await consumer.deserialize("order-placed", bytes)).toEqual(OLD_ORDER);
  });

  it("a catalog source looks the same ids up in the registry (never registering) and pins them in accord.lock", async () => {
    const catalog = join(root, "catalog");
    writeCatalog(catalog, {
      "order-placed": { versions: [ORDER_V1 as Json, ORDER_V2 as Json], registrySubject: SUBJECT },
    });
    const app = join(root, "from-catalog");
    writeTree(app, { "package.json": '{ "type": "module" }\n' });
    const before = await (await fetch(`${url}/subjects/${SUBJECT}/versions`)).json();
    const { outcome, codec: fromCatalog } = await generateInto(app, [
      "--catalog",
      catalog,
      "--registry",
      url,
    ]);
    expect(outcome.subjects[0]?.versions.map((version) => version.schemaId)).toEqual(ids);
    const lock = readFileSync(join(app, "accord.lock"), "utf8");
    expect(lock).toContain(`"schemaId": ${ids[1]}`);
    // The GUID is pinned too, so V1 frames decode without asking the registry again.
    expect(lock).toMatch(/"schemaGuid": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/);
    expect(await (await fetch(`${url}/subjects/${SUBJECT}/versions`)).json()).toEqual(before);
    expect(await registry.decode(Buffer.from(fromCatalog.encodeOrderPlaced(ORDER)))).toEqual(ORDER);
  });
});
