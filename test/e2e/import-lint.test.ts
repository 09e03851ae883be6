import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { call, requireBuild, type ServeProcess, startServe, stopServe } from "./registry-processes.js";

/**
 * A newcomer's path: schemas registered in a registry as teams usually register them (Confluent
 * subject names, no descriptions, no owners), `accord import`, then `accord lint` and
 * `accord check` in the imported folder, which must both pass under the accord.yaml import wrote.
 */

const work = mkdtempSync(join(tmpdir(), "accord-e2e-import-lint-"));
let server: ServeProcess;

const register = async (subject: string, schema: Record<string, unknown>) => {
  const reply = await call(`${server.url}/subjects/${encodeURIComponent(subject)}/versions`, "POST", {
    schemaType: "JSON",
    schema: JSON.stringify(schema),
  });
  expect(reply.status, reply.text).toBe(200);
};

beforeAll(async () => {
  requireBuild();
  server = await startServe({ dataDir: join(work, "data") });
  const order = {
    type: "object",
    properties: { id: { type: "string" }, amount: { type: "number", minimum: 0 } },
    required: ["id"],
    additionalProperties: false,
  };
  await register("orders-value", order);
  await register("orders-value", {
    ...order,
    properties: { ...order.properties, note: { type: "string", maxLength: 200 } },
  });
  await register("com.acme.PaymentCaptured", {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "PaymentCaptured",
    type: "object",
    properties: { paymentId: { type: "string", format: "uuid" }, capturedAt: { type: "string" } },
    examples: [{ paymentId: "0b6f6a3e-3f0c-4a6e-9a57-0d3f5b2d1c9e", capturedAt: "2026-12-05" }],
  });
  expect((await call(`${server.url}/config/audit-log`, "PUT", { compatibility: "NONE" })).status).toBe(200);
  await register("audit-log", { type: "object", properties: { line: { type: "string" } } });
}, 60_000);

afterAll(async () => {
  if (server) await stopServe(server, "SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

describe("an imported catalog", () => {
  const catalog = join(work, "catalog");

  it("passes accord lint and accord check under the accord.yaml import wrote", async () => {
    const imported = await runCli(["import", "--registry", server.url, catalog]);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(readFileSync(join(catalog, "accord.yaml"), "utf8")).toMatch(/preset: minimal/);

    const lint = await runCli(["lint"], { cwd: catalog });
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    const json = await runCli(["lint", "--json"], { cwd: catalog });
    const result = JSON.parse(json.stdout) as { passed: boolean; counts: { errors: number } };
    expect(result).toMatchObject({ passed: true, counts: { errors: 0 } });

    const check = await runCli(["check"], { cwd: catalog });
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});
