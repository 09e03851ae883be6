import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMPAT_FAMILIES, COMPAT_RULE_IDS } from "../../../contracts/compat/rules.js";
import { GATE_RULES } from "../../../contracts/gate/rules.js";
import { LINT_RULES } from "../../../contracts/lint/index.js";
import { listRules } from "../../../contracts/rules/catalog.js";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const outputSchema = JSON.parse(
  readFileSync(new URL("../../../schemas/output/rules.json", import.meta.url), "utf8"),
) as { oneOf: { properties?: { rules: { items: { properties: Record<string, { enum?: string[] }> } } } }[] };

describe("the rule listing", () => {
  it("lists every compat, gate and lint rule once, by kind, each sorted by id", () => {
    const rules = listRules();
    expect(rules.map((r) => r.id)).toEqual([
      ...COMPAT_RULE_IDS,
      ...Object.keys(GATE_RULES).sort(),
      ...LINT_RULES.map((r) => r.id).sort(),
    ]);
    expect(new Set(rules.map((r) => `${r.kind}:${r.id}`)).size).toBe(rules.length);
  });

  it("filters by kind", () => {
    expect(listRules("lint").every((r) => r.kind === "lint")).toBe(true);
    expect(listRules("compat")).toHaveLength(COMPAT_RULE_IDS.length);
    expect(listRules("gate").find((r) => r.id === "consumer-broken")).toMatchObject({
      kind: "gate",
      defaultSeverity: "error",
    });
    expect(listRules("gate").map((r) => r.id)).toEqual(Object.keys(GATE_RULES).sort());
    expect(listRules("compat").find((r) => r.id === "minimum-decreased")).toMatchObject({
      family: "number",
      direction: "forward",
    });
  });

  it("has the families and directions the output schema of accord rules lists", () => {
    const fields = outputSchema.oneOf.find((shape) => shape.properties)?.properties?.rules.items.properties;
    expect(fields?.family?.enum).toEqual([...COMPAT_FAMILIES]);
    const directions = new Set(listRules("compat").map((rule) => rule.direction));
    expect([...directions].sort()).toEqual([...(fields?.direction?.enum ?? [])].sort());
  });

  it("documents every gate rule in the README with its severity and summary", () => {
    const rows = readme.split("\n").map((line) => line.split("|").map((cell) => cell.trim()));
    for (const rule of listRules("gate")) {
      expect(
        rows.some(
          (cells) =>
            cells[1] === `\`${rule.id}\`` && cells[2] === rule.defaultSeverity && cells[3] === rule.summary,
        ),
        rule.id,
      ).toBe(true);
    }
  });

  it("documents every compat rule in the README with its summary", () => {
    // The formatter pads table cells, so match a row by its cells, not its spacing.
    const rows = readme.split("\n").map((line) => line.split("|").map((cell) => cell.trim()));
    for (const rule of listRules("compat")) {
      expect(
        rows.some((cells) => cells[1] === `\`${rule.id}\`` && cells[2] === rule.summary),
        rule.id,
      ).toBe(true);
    }
  });
});
