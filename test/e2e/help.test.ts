import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";

describe("help, unknown commands and flag aliases", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "accord-help-"));
    expect((await runCli(["init", join(dir, "catalog")])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("accord help lists the commands", async () => {
    const result = await runCli(["help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    for (const command of ["check", "diff", "docs", "generate", "lint", "publish", "help"])
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  it("accord help <command> shows what <command> --help shows, for nested commands too", async () => {
    const [help, flag] = await Promise.all([runCli(["help", "check"]), runCli(["check", "--help"])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(flag.stdout);
    expect(help.stdout).toContain("$ accord check");
    const nested = await runCli(["help", "consumer", "publish"]);
    expect(nested.code).toBe(0);
    expect(nested.stdout).toContain("$ accord consumer publish");
  });

  it("an unknown command or help topic is one accord: line and exit 2, and the error object under --json", async () => {
    const [unknown, json, help] = await Promise.all([
      runCli(["frobnicate"]),
      runCli(["frobnicate", "--json"]),
      runCli(["help", "frobnicate"]),
    ]);
    for (const result of [unknown, json, help]) {
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('accord: unknown command "frobnicate"; `accord help` lists the commands\n');
    }
    expect(unknown.stdout).toBe("");
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: "ACCORD_ERR_USAGE",
        message: 'unknown command "frobnicate"; `accord help` lists the commands',
        location: null,
      },
    });
  });

  it("usage lines break between words when piped, never inside one", async () => {
    const result = await runCli(["diff", "--help"]);
    expect(result.stdout).toContain(
      "NONE|BACKWARD|BACKWARD_TRANSITIVE|FORWARD|FORWARD_TRANSITIVE|FULL|FULL_TRANSITIVE",
    );
    const usage = result.stdout.slice(result.stdout.indexOf("USAGE"), result.stdout.indexOf("ARGUMENTS"));
    // Every line of the usage starts with a whole word: a flag, an argument, "$" or a bracket.
    for (const line of usage.split("\n").slice(1, -2)) expect(line).toMatch(/^ {2,}(\$|\[|--|NONE|<)/);
  });

  it("--catalog names the catalog folder in every command, --dir being its alias", async () => {
    const catalog = join(dir, "catalog");
    for (const command of [["lint"], ["check"]]) {
      const [named, aliased] = await Promise.all([
        runCli([...command, "--catalog", catalog, "--json"]),
        runCli([...command, "--dir", catalog, "--json"]),
      ]);
      expect(named.code).toBe(0);
      expect(aliased.code).toBe(0);
      expect(JSON.parse(aliased.stdout)).toEqual(JSON.parse(named.stdout));
    }
    const docs = await runCli([
      "docs",
      "--dir",
      catalog,
      "--format",
      "markdown",
      "--out",
      join(dir, "md"),
      "--json",
    ]);
    expect(docs.code).toBe(0);
    const commands = ["check", "lint", "publish", "impact", "new-version", "docs", "generate"];
    for (const help of await Promise.all(commands.map((command) => runCli([command, "--help"])))) {
      expect(help.stdout).toContain("--catalog=<value>");
      expect(help.stdout).toContain("Alias: --dir.");
    }
  });
});
