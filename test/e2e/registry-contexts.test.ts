import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType,
} from "@confluentinc/schemaregistry";
import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { requireBuild, type ServeProcess, startServe, stopServe, VND } from "./registry-processes.js";

/**
 * Schema contexts through both real clients against the built `accord serve`: a producer whose
 * subjects live in context `.eu`, a consumer that names the context and one that knows only the
 * plain topic subject, and listings by context.
 */
const ORDER = {
  type: "object",
  properties: { orderId: { type: "string" } },
  required: ["orderId"],
  additionalProperties: false,
};
const AUDIT = {
  type: "object",
  properties: { actor: { type: "string" } },
  required: ["actor"],
  additionalProperties: false,
};
const PAYMENT = {
  type: "object",
  properties: { paymentId: { type: "string" } },
  required: ["paymentId"],
  additionalProperties: false,
};

async function get(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: VND } });
  return response.json();
}

describe("schema contexts with real Confluent clients", () => {
  let server: ServeProcess | undefined;
  let dataDir = "";
  let client: SchemaRegistryClient;

  beforeAll(async () => {
    requireBuild();
    dataDir = mkdtempSync(join(tmpdir(), "accord-contexts-"));
    server = await startServe({ dataDir });
    client = new SchemaRegistryClient({ baseURLs: [server.url], maxRetries: 0 });
  });

  afterAll(async () => {
    if (server) await stopServe(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serializes into a context and deserializes by the qualified and by the plain subject", async () => {
    const url = server?.url ?? "";
    // The default context already holds id 1, for another schema.
    expect(await client.register("audit-value", { schemaType: "JSON", schema: JSON.stringify(AUDIT) })).toBe(
      1,
    );
    // Ids count per context: .eu starts at 1 too.
    const inEu = ":.eu:payments-value";
    expect(await client.register(inEu, { schemaType: "JSON", schema: JSON.stringify(PAYMENT) })).toBe(1);

    const euSubject = (topic: string) => `:.eu:${topic}-value`;
    const registered = await client.register(euSubject("orders"), {
      schemaType: "JSON",
      schema: JSON.stringify(ORDER),
    });
    expect(registered).toBe(2);
    const bytes = await new JsonSerializer(client, SerdeType.VALUE, {
      useLatestVersion: true,
      autoRegisterSchemas: false,
      subjectNameStrategy: euSubject,
      validate: true,
    }).serialize("orders", { orderId: "o-1" });
    expect(bytes.readInt32BE(1)).toBe(2);

    // A consumer naming the context reads id 2 of .eu.
    const inContext = new JsonDeserializer(client, SerdeType.VALUE, { subjectNameStrategy: euSubject });
    expect(await inContext.deserialize("orders", bytes)).toEqual({ orderId: "o-1" });
    // A consumer on the plain topic subject: the default context has no id 2, so the registry
    // finds `orders-value` in .eu, as Confluent does.
    const plainClient = new SchemaRegistryClient({ baseURLs: [url], maxRetries: 0 });
    const plain = new JsonDeserializer(plainClient, SerdeType.VALUE, {});
    expect(await plain.deserialize("orders", bytes)).toEqual({ orderId: "o-1" });

    expect(JSON.parse((await client.getBySubjectAndId(inEu, 1)).schema)).toEqual(PAYMENT);
    expect(JSON.parse((await client.getBySubjectAndId("audit-value", 1)).schema)).toEqual(AUDIT);
    expect(await client.getLatestSchemaMetadata(euSubject("orders"))).toMatchObject({
      id: 2,
      version: 1,
      subject: ":.eu:orders-value",
    });
    expect(await client.getAllSubjects()).toEqual([
      ":.eu:orders-value",
      ":.eu:payments-value",
      "audit-value",
    ]);
    expect(await get(`${url}/contexts`)).toEqual([".", ".eu"]);
    expect(await get(`${url}/subjects?subjectPrefix=:.eu:`)).toEqual([
      ":.eu:orders-value",
      ":.eu:payments-value",
    ]);
    expect(await get(`${url}/subjects?subjectPrefix=:.:`)).toEqual(["audit-value"]);
  });

  it("registers and looks up in a context with @kafkajs/confluent-schema-registry", async () => {
    const registry = new SchemaRegistry({ host: server?.url ?? "" });
    const subject = ":.us:orders-value";
    const { id } = await registry.register(
      { type: SchemaType.JSON, schema: JSON.stringify(ORDER) },
      { subject },
    );
    expect(id).toBe(1);
    expect(await registry.getLatestSchemaId(subject)).toBe(1);
    expect(
      await registry.getRegistryIdBySchema(subject, { type: SchemaType.JSON, schema: JSON.stringify(ORDER) }),
    ).toBe(1);
    // KJS reads ids without a subject, i.e. in the default context, where id 1 is AUDIT. (Its
    // cache is keyed by id alone, so a fresh instance: the one above holds id 1 of .us.)
    const reader = new SchemaRegistry({ host: server?.url ?? "" });
    const bytes = await reader.encode(1, { actor: "a" });
    expect(await reader.decode(bytes)).toEqual({ actor: "a" });
  });

  it("imports context subjects as context~subject folders that publish back into their contexts", async () => {
    const url = server?.url ?? "";
    const catalog = join(dataDir, "imported");
    const run = await runCli(["import", "--registry", url, catalog, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { subjects: { subject: string; folder: string }[] };
    expect(result.subjects.map((entry) => [entry.subject, entry.folder])).toEqual([
      [":.eu:orders-value", "eu~orders-value"],
      [":.eu:payments-value", "eu~payments-value"],
      [":.us:orders-value", "us~orders-value"],
      ["audit-value", "audit-value"],
    ]);
    expect(readdirSync(join(catalog, "schemas")).sort()).toEqual([
      "audit-value",
      "eu~orders-value",
      "eu~payments-value",
      "us~orders-value",
    ]);
    expect(readFileSync(join(catalog, "schemas/eu~orders-value/subject.yaml"), "utf8")).toContain(
      'registrySubject: ":.eu:orders-value"',
    );

    // Published into an empty registry, every subject lands in its context again.
    const target = await startServe({ dataDir: mkdtempSync(join(dataDir, "target-")) });
    try {
      const published = await runCli(["publish", "--registry", target.url], { cwd: catalog });
      expect(published.code, published.stderr).toBe(0);
      expect(await get(`${target.url}/subjects`)).toEqual([
        ":.eu:orders-value",
        ":.eu:payments-value",
        ":.us:orders-value",
        "audit-value",
      ]);
      expect(await get(`${target.url}/contexts`)).toEqual([".", ".eu", ".us"]);
      // Importing again finds the same folders, unchanged.
      const again = await runCli(["import", "--registry", target.url, catalog, "--json"]);
      expect(again.code, again.stderr).toBe(0);
      expect((JSON.parse(again.stdout) as { written: string[] }).written).toEqual([]);
    } finally {
      await stopServe(target);
    }
  });
});
