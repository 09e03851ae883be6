import { describe, expect, it } from "vitest";
import { renderRules } from "../../../cli/format/rules-text.js";
import { GATE_RULES } from "../../../contracts/gate/rules.js";
import { listRules } from "../../../contracts/rules/catalog.js";

describe("renderRules", () => {
  const text = renderRules(listRules());
  const lines = text.split("\n");

  it("prints one line per rule: kind, id, summary", () => {
    expect(lines).toHaveLength(listRules().length);
    expect(text).toMatch(
      /^compat\s+max-length-decreased\s+maxLength was added or lowered\. \(Confluent: MAX_LENGTH_DECREASED\)$/m,
    );
  });

  it("lists every gate rule with its severity", () => {
    for (const [id, spec] of Object.entries(GATE_RULES)) {
      const line = lines.find((candidate) => candidate.split(/\s+/)[1] === id);
      expect(line, id).toBeDefined();
      expect(line).toMatch(/^gate\s/);
      expect(line?.endsWith(`${spec.summary} [${spec.severity}]`), id).toBe(true);
    }
    expect(text).toMatch(
      /^gate\s+version-edited\s+A version file that exists at the base ref has different content now\. \[error\]$/m,
    );
  });

  it("lists lint rules with their default severity", () => {
    expect(lines.some((line) => /^lint\s+\S+\s+.+ \[(error|warning)\]$/.test(line))).toBe(true);
  });
});
