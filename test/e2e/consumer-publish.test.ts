import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { call, requireBuild, type ServeProcess, startServe, stopServe } from "./registry-processes.js";
import { json, removeDir, tempDir, writeFiles } from "./support/git-catalog.js";

/**
 * Consumer declarations through a real `accord serve`: the consuming repository publishes what it
 * reads, and the producer's `accord check --registry` gates its catalog on it.
 */

const order = (changes: Record<string, unknown> = {}) => ({
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {
    orderId: { type: "string" },
    total: { type: "number", minimum: 0 },
    note: { type: "string", maxLength: 200 },
    ...changes,
  },
  required: ["orderId", "total"],
});

let server: ServeProcess;
let root: string;

beforeAll(async () => {
  requireBuild();
  root = tempDir("consumer-publish");
  server = await startServe({ dataDir: `${root}/data` });
  writeFiles(root, {
    "producer/accord.yaml": `compatibility: NONE\nconsumerGate: true\nregistry:\n  url: ${server.url}\n`,
    "producer/schemas/order-placed/subject.yaml":
      "owners: [team-checkout]\nconsumers:\n  - name: analytics\n    reads: [/orderId]\n",
    "producer/schemas/order-placed/v1.json": json(order()),
    "billing/accord.yaml": [
      "generate:",
      "  catalog: ../producer",
      "  wire: json",
      "  consumer: billing-service",
      "  reads:",
      "    order-placed: [/orderId, /total]",
      "",
    ].join("\n"),
  });
  const published = await runCli(["publish"], { cwd: `${root}/producer` });
  if (published.code !== 0) throw new Error(`publish failed: ${published.stderr}`);
});

afterAll(async () => {
  if (server) await stopServe(server);
  removeDir(root);
});

describe("accord consumer publish, then the producer's accord check --registry", () => {
  it("--dry-run shows what would change and writes nothing", async () => {
    const result = await runCli(["consumer", "publish", "--dry-run", "--json"], { cwd: `${root}/billing` });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      registry: server.url,
      consumer: "billing-service",
      dryRun: true,
      declarations: [
        {
          subject: "order-placed",
          registrySubject: "order-placed",
          reads: ["/orderId", "/total"],
          status: "created",
        },
      ],
    });
    expect((await call(`${server.url}/accord/v1/consumers`, "GET")).body).toEqual([]);
  });

  it("publishes the declaration, pinned by the registry to its latest version; again is unchanged", async () => {
    const first = await runCli(["consumer", "publish", "--json"], { cwd: `${root}/billing` });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).declarations).toEqual([
      {
        subject: "order-placed",
        registrySubject: "order-placed",
        reads: ["/orderId", "/total"],
        status: "created",
        version: 1,
      },
    ]);
    const again = await runCli(["consumer", "publish"], { cwd: `${root}/billing` });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("unchanged");
    expect((await call(`${server.url}/accord/v1/subjects/order-placed/consumers`, "GET")).body).toEqual([
      { subject: "order-placed", consumer: "billing-service", reads: ["/orderId", "/total"], version: 1 },
    ]);
    const dry = await runCli(["consumer", "publish", "--dry-run", "--json"], { cwd: `${root}/billing` });
    expect(JSON.parse(dry.stdout).declarations[0]).toMatchObject({ status: "unchanged", version: 1 });
  });

  it("the producer's check --registry gates on the registry-known consumer", async () => {
    // v2 lets totals go negative: billing-service (known only to the registry) reads /total.
    writeFiles(root, { "producer/schemas/order-placed/v2.json": json(order({ total: { type: "number" } })) });
    const result = await runCli(["check", "--registry", server.url, "--json"], { cwd: `${root}/producer` });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      findings: { ruleId: string; consumer?: { name: string; path?: string }; message: string }[];
    };
    const broken = report.findings.filter((finding) => finding.ruleId === "consumer-broken");
    expect(broken.map((finding) => finding.consumer)).toEqual([{ name: "billing-service", path: "/total" }]);
    expect(broken[0]?.message).toContain(`declared in the registry at ${server.url}`);

    // Without the registry the catalog alone knows only analytics, which v2 does not break.
    const local = await runCli(["check", "--json"], { cwd: `${root}/producer` });
    expect(local.code).toBe(0);
  });

  it("refuses a read path the source does not declare, before asking the registry (exit 2)", async () => {
    writeFiles(root, {
      "billing/accord.yaml":
        "generate:\n  catalog: ../producer\n  wire: json\n  consumer: billing-service\n  reads:\n    order-placed: [/discount]\n",
    });
    const result = await runCli(["consumer", "publish"], { cwd: `${root}/billing` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("generate.reads.order-placed reads /discount, which order-placed v");
  });
});
