import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";

describe("accord rules (built CLI)", () => {
  it("prints every rule as JSON and exits 0", async () => {
    const result = await runCli(["rules", "--json"]);
    expect(result.code).toBe(0);
    const { rules } = JSON.parse(result.stdout) as { rules: { id: string; kind: string }[] };
    expect(rules.some((r) => r.kind === "compat" && r.id === "max-length-decreased")).toBe(true);
    expect(rules.some((r) => r.kind === "lint")).toBe(true);
  });

  it("lists only compat rules with --kind compat, one per line", async () => {
    const result = await runCli(["rules", "--kind", "compat"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^compat\s+enum-value-removed\s+A value allowed/m);
    expect(result.stdout).not.toMatch(/^lint/m);
  });

  it("rejects an unknown kind with exit 2", async () => {
    const result = await runCli(["rules", "--kind", "nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^accord: /);
  });
});
