import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, REPO_ROOT, runCli } from "./helpers.js";
import { requireBuild, type ServeProcess, startServe, stopServe } from "./registry-processes.js";
import { removeDir, tempDir, writeFiles } from "./support/git-catalog.js";

/**
 * Every command's --json output, success and failure, against its committed JSON Schema
 * (schemas/output/<command>.json): the built CLI's real output, not a sample.
 */

const SCHEMAS = join(REPO_ROOT, "schemas", "output");
const ajv = new Ajv({ allErrors: true });
for (const file of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), "utf8")));

function expectValid(command: string, result: CliResult): void {
  const validate = ajv.getSchema(`https://accord.invalid/schemas/output/${command}.json`);
  if (!validate) throw new Error(`no schema for ${command}`);
  const output: unknown = JSON.parse(result.stdout);
  expect(validate(output), `${command}: ${JSON.stringify(validate.errors)}\n${result.stdout}`).toBe(true);
}

const isError = (result: CliResult) => "error" in (JSON.parse(result.stdout) as object);

let root: string;
let server: ServeProcess;
const UNREACHABLE = "http://127.0.0.1:9";

beforeAll(async () => {
  requireBuild();
  root = tempDir("json-output");
  server = await startServe({ dataDir: join(root, "data") });
  for (const catalog of ["cat", "cat2"]) expect((await runCli(["init", join(root, catalog)])).code).toBe(0);
  writeFiles(root, {
    "consumer/accord.yaml": [
      "generate:",
      "  catalog: ../cat",
      "  wire: json",
      "  consumer: billing-service",
      "  reads:",
      "    order-placed: [/orderId]",
      "",
    ].join("\n"),
  });
});

afterAll(async () => {
  if (server) await stopServe(server);
  removeDir(root);
});

/** [command (its schema's name), arguments, expected exit, working directory (the temporary root by default)] */
type Case = readonly [string, readonly string[], number, string?];

/** Runs every case at once and checks its exit code, its kind of output and its schema. */
async function expectCases(cases: readonly Case[]): Promise<void> {
  const results = await Promise.all(
    cases.map(([command, args, , cwd]) => {
      const json = args.includes("--format") && args.includes("json") ? [] : ["--json"];
      return runCli(
        [...(command === "consumer-publish" ? ["consumer", "publish"] : [command]), ...args, ...json],
        {
          cwd: cwd ?? root,
        },
      );
    }),
  );
  cases.forEach(([command, args, exit], at) => {
    const result = results[at] as CliResult;
    expect(result.code, `${command} ${args.join(" ")}: ${result.stderr}`).toBe(exit);
    expect(isError(result), `${command} ${args.join(" ")}`).toBe(exit >= 2);
    expectValid(command, result);
  });
}

describe("--json output matches schemas/output/<command>.json", () => {
  it("has one schema per command", () => {
    const files = readdirSync(SCHEMAS).filter((file) => file !== "common.json");
    const commands = readdirSync(join(REPO_ROOT, "cli", "commands"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && file !== "help.ts")
      .map((file) => `${file.slice(0, -3).replace("/", "-")}.json`);
    expect(files.sort()).toEqual(commands.sort());
  });

  it("local commands, on success and on failure", async () => {
    const cat = join(root, "cat");
    const v1 = join(cat, "schemas/order-placed/v1.json");
    const v2 = join(cat, "schemas/order-placed/v2.json");
    await expectCases([
      ["diff", [v2, v1], 1],
      ["diff", [v1, join(root, "missing.json")], 2],
      ["check", ["--catalog", cat], 0],
      ["check", ["--catalog", cat, "--format", "json"], 0],
      ["check", ["--catalog", join(root, "missing")], 2],
      ["lint", ["--catalog", cat], 0],
      ["lint", ["--catalog", join(root, "missing")], 2],
      ["lint", ["--catalog", join(root, "missing"), "--format", "json"], 2],
      ["impact", ["order-placed", v2, "--catalog", cat], 0],
      ["impact", ["no-such-subject", v2, "--catalog", cat], 2],
      ["init", [join(root, "cat3")], 0],
      ["init", [cat], 2],
      ["new-version", ["order-placed", "--catalog", join(root, "cat2")], 0],
      ["new-version", ["no-such-subject", "--catalog", cat], 2],
      ["docs", ["--catalog", cat, "--format", "markdown", "--out", join(root, "md"), "--no-cache"], 0],
      ["docs", ["--catalog", join(root, "missing")], 2],
      ["generate", ["--out", "gen"], 0, join(root, "consumer")],
      ["generate", ["--catalog", join(root, "missing")], 2],
      ["rules", [], 0],
      ["rules", ["--kind", "nonsense"], 2],
      ["hash-secret", ["token"], 0],
      ["hash-secret", ["nonsense"], 2],
    ]);
  });

  it("registry commands, on success and on failure", async () => {
    const cat = join(root, "cat");
    await expectCases([
      ["publish", ["--catalog", cat, "--registry", server.url], 0],
      ["publish", ["--catalog", cat, "--registry", UNREACHABLE], 2],
    ]);
    await expectCases([
      ["import", ["--registry", server.url, join(root, "imported")], 0],
      ["import", ["--registry", UNREACHABLE, join(root, "nowhere")], 2],
      ["consumer-publish", ["--registry", server.url], 0, join(root, "consumer")],
      ["consumer-publish", ["--registry", UNREACHABLE], 2, join(root, "consumer")],
      ["serve", ["--port", "-1"], 2],
    ]);
  });

  it("serve, once stopped", async () => {
    const serve = await startServe({ dataDir: join(root, "serve"), args: ["--json"] });
    let stdout = "";
    serve.child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    expect(await stopServe(serve)).toBe(0);
    expectValid("serve", { code: 0, stdout, stderr: "" });
  });
});
