import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType,
} from "@confluentinc/schemaregistry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBuild, type ServeProcess, startServe, stopServe } from "./registry-processes.js";

/**
 * Data contracts through the official Confluent client against the built `accord serve`:
 * metadata lookups, a serializer that picks its schema by metadata, and a major-version bump
 * with a compatibility group.
 */
const V1 = {
  type: "object",
  properties: { id: { type: "string" } },
  required: ["id"],
  additionalProperties: false,
};
// Breaks v1's readers (id changes type): only allowed as a new major version.
const V2 = {
  type: "object",
  properties: { id: { type: "integer" } },
  required: ["id"],
  additionalProperties: false,
};

describe("data contracts with @confluentinc/schemaregistry", () => {
  let server: ServeProcess | undefined;
  let dataDir = "";
  let client: SchemaRegistryClient;

  beforeAll(async () => {
    requireBuild();
    dataDir = mkdtempSync(join(tmpdir(), "accord-data-contracts-"));
    server = await startServe({ dataDir });
    client = new SchemaRegistryClient({ baseURLs: [server.url], maxRetries: 0 });
  });

  afterAll(async () => {
    if (server) await stopServe(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("bumps a major version on purpose with compatibilityGroup, and serializes by metadata", async () => {
    const subject = "orders-value";
    await client.updateConfig(subject, { compatibilityGroup: "major_version" });
    expect((await client.getConfig(subject)).compatibilityGroup).toBe("major_version");

    const major = (n: string) => ({ properties: { major_version: n, owner: "orders-team" } });
    const first = await client.registerFullResponse(subject, {
      schemaType: "JSON",
      schema: JSON.stringify(V1),
      metadata: major("1"),
    });
    expect(first.metadata?.properties?.major_version).toBe("1");

    // In group 1 the breaking change is refused (409) ...
    await expect(
      client.register(subject, { schemaType: "JSON", schema: JSON.stringify(V2), metadata: major("1") }),
    ).rejects.toMatchObject({ status: 409 });
    // ... and accepted as the first version of group 2.
    const second = await client.register(subject, {
      schemaType: "JSON",
      schema: JSON.stringify(V2),
      metadata: major("2"),
    });
    expect(second).not.toBe(first.id);

    const latestOne = await client.getLatestWithMetadata(subject, { major_version: "1" });
    expect(latestOne).toMatchObject({ id: first.id, version: 1, subject });
    expect(JSON.parse(latestOne.schema)).toEqual(V1);
    const latestTwo = await client.getLatestWithMetadata(subject, { major_version: "2" });
    expect(latestTwo).toMatchObject({ id: second, version: 2 });

    // A producer pinned to major version 1 keeps writing v1 events, validated against v1.
    const producer = new JsonSerializer(client, SerdeType.VALUE, {
      useLatestWithMetadata: { major_version: "1" },
      autoRegisterSchemas: false,
      validate: true,
    });
    const bytes = await producer.serialize("orders", { id: "o-1" });
    expect(bytes[0]).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(first.id);
    await expect(producer.serialize("orders", { id: 7 })).rejects.toThrow();

    const consumer = new JsonDeserializer(client, SerdeType.VALUE, { validate: true });
    expect(await consumer.deserialize("orders", bytes)).toEqual({ id: "o-1" });
  });
});
