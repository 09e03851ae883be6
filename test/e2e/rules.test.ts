import { describe, expect, it } from "vitest";
import { GATE_RULES } from "../../contracts/gate/rules.js";
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

  it("lists the gate's own rules with --kind gate, each with its severity", async () => {
    const result = await runCli(["rules", "--kind", "gate", "--json"]);
    expect(result.code).toBe(0);
    const { rules } = JSON.parse(result.stdout) as {
      rules: { id: string; kind: string; defaultSeverity: string }[];
    };
    expect(rules.map((r) => r.id)).toEqual(Object.keys(GATE_RULES).sort());
    expect(rules.find((r) => r.id === "version-edited")).toMatchObject({
      kind: "gate",
      defaultSeverity: "error",
    });
    const text = await runCli(["rules", "--kind", "gate"]);
    expect(text.stdout).toMatch(/^gate\s+version-edited\s+A version file that exists at the base ref/m);
    expect(text.stdout).not.toMatch(/^(compat|lint)/m);
  });

  it("gives each compat rule its family and direction in --json", async () => {
    const result = await runCli(["rules", "--kind", "compat", "--json"]);
    const { rules } = JSON.parse(result.stdout) as {
      rules: { id: string; family: string; direction: string }[];
    };
    expect(rules.find((r) => r.id === "max-length-decreased")).toMatchObject({
      family: "string",
      direction: "backward",
    });
  });

  it("rejects an unknown kind with exit 2", async () => {
    const result = await runCli(["rules", "--kind", "nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^accord: /);
  });
});
