import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../registry/server.js";
import { runCli } from "./helpers.js";
import { json, removeDir, tempDir, writeFiles } from "./support/git-catalog.js";

/**
 * `accord check --registry`: the newest local version of each subject against what a registry
 * holds, through the registry's compatibility endpoint (a real `accord serve` store here), or by
 * Accord's own engine against a server that has no such endpoint.
 */

const order = (currencies: string[]) =>
  json({
    type: "object",
    additionalProperties: false,
    properties: { orderId: { type: "string" }, currency: { enum: currencies } },
    required: ["orderId", "currency"],
  });

let registry: RunningServer;
let dataDir: string;
let catalog: string;

async function register(subject: string, schema: string): Promise<void> {
  const response = await fetch(`${registry.url}/subjects/${subject}/versions`, {
    method: "POST",
    headers: { "content-type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ schemaType: "JSON", schema }),
  });
  if (!response.ok) throw new Error(`register failed: ${response.status} ${await response.text()}`);
}

beforeAll(async () => {
  dataDir = tempDir("check-registry-data");
  registry = await startServer({ host: "127.0.0.1", port: 0, dataDir });
  await register("shop.orders-value", order(["EUR", "USD", "CHF"]));
  await register("refunds", order(["EUR"]));
  catalog = tempDir("check-registry");
  writeFiles(catalog, {
    "accord.yaml": "",
    // Registered under another name: subject.yaml says which.
    "schemas/order-placed/subject.yaml": "registrySubject: shop.orders-value\n",
    "schemas/order-placed/v1.json": order(["EUR", "USD"]),
    "schemas/refunds/v1.json": order(["EUR", "USD"]),
    "schemas/brand-new/v1.json": order(["EUR"]),
  });
});

afterAll(async () => {
  await registry.close();
  removeDir(dataDir);
  removeDir(catalog);
});

describe("accord check --registry", () => {
  it("asks the registry's compatibility endpoint and fails on what it rejects", async () => {
    const result = await runCli(["check", "--registry", registry.url, "--json"], { cwd: catalog });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(
      report.registry.map(
        (verdict: { subject: string; registrySubject: string; status: string; method: string }) => [
          verdict.subject,
          verdict.registrySubject,
          verdict.status,
          verdict.method,
        ],
      ),
    ).toEqual([
      // Accord's registry, like Confluent's, accepts anything for a subject it does not hold yet.
      ["brand-new", "brand-new", "compatible", "registry"],
      ["order-placed", "shop.orders-value", "incompatible", "registry"],
      ["refunds", "refunds", "compatible", "registry"],
    ]);
    const findings = report.findings.filter(
      (finding: { ruleId: string }) => finding.ruleId === "registry-incompatible",
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      source: "registry",
      severity: "error",
      subject: "order-placed",
      version: 1,
      file: "schemas/order-placed/v1.json",
    });
    expect(findings[0].message).toContain('as subject "shop.orders-value"');
  });

  it("compares with the registry's latest schema itself when the server has no compatibility endpoint", async () => {
    // A read-only schema server: versions can be fetched, compatibility cannot be asked.
    const latest = JSON.stringify({
      subject: "refunds",
      version: 4,
      id: 9,
      schemaType: "JSON",
      schema: order(["EUR", "GBP"]),
    });
    const server: Server = createServer((request, response) => {
      if (request.method === "GET" && request.url === "/subjects/refunds/versions/latest") {
        response.writeHead(200, { "content-type": "application/json" }).end(latest);
      } else {
        response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const plain = tempDir("check-registry-plain");
    try {
      writeFiles(plain, { "accord.yaml": "", "schemas/refunds/v1.json": order(["EUR", "USD"]) });
      const result = await runCli(["check", "--registry", `http://127.0.0.1:${port}`, "--json"], {
        cwd: plain,
      });
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.registry).toEqual([
        {
          subject: "refunds",
          registrySubject: "refunds",
          version: 1,
          status: "incompatible",
          messages: [expect.stringMatching(/^enum-value-removed at #\/properties\/currency\/enum: /)],
          method: "engine",
        },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      removeDir(plain);
    }
  });

  it("exits 2 when the registry cannot be reached", async () => {
    const result = await runCli(["check", "--registry", "http://127.0.0.1:9"], {
      cwd: catalog,
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^accord: cannot reach the registry at http:\/\/127\.0\.0\.1:9/);
  });
});
