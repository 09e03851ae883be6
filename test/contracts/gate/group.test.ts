import { describe, expect, it } from "vitest";
import type { CatalogFinding } from "../../../contracts/catalog/findings.js";
import { loadCatalog } from "../../../contracts/catalog/load.js";
import type { Catalog } from "../../../contracts/catalog/types.js";
import { groupFindings } from "../../../contracts/gate/group.js";
import { runGate } from "../../../contracts/gate/index.js";

function catalog(files: Record<string, string>, config: string): Catalog {
  const result = loadCatalog(new Map(Object.entries({ "accord.yaml": config, ...files })));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const order = (currencies: string[], note = false) =>
  JSON.stringify({
    type: "object",
    additionalProperties: false,
    properties: {
      id: { type: "string" },
      currency: { enum: currencies },
      ...(note ? { note: { type: "string" } } : {}),
    },
    required: ["id", "currency"],
  });

/** CHF is dropped in v2 and stays dropped: v2, v3 and v4 each break v1 the same way. */
const FILES = {
  "schemas/order/v1.json": order(["EUR", "USD", "CHF"]),
  "schemas/order/v2.json": order(["EUR", "USD"]),
  "schemas/order/v3.json": order(["EUR", "USD"], true),
  "schemas/order/v4.json": order(["EUR", "USD"], true),
};

describe("one change, one finding", () => {
  it("reports a change seen from several later versions and comparisons once, listing each", () => {
    const report = runGate({
      head: catalog(FILES, "compatibility: BACKWARD_TRANSITIVE\n"),
      today: "2030-01-01",
    });
    const removed = report.findings.filter((finding) => finding.ruleId === "enum-value-removed");
    expect(removed).toHaveLength(1);
    const [finding] = removed;
    expect(finding).toMatchObject({ subject: "order", version: 2, against: 1, at: "/currency" });
    expect(finding?.example).toMatchObject({ currency: "CHF" });
    expect(finding?.seenIn?.map((seen) => [seen.version, seen.against])).toEqual([
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
    expect(new Set(finding?.seenIn?.map((seen) => seen.fingerprint)).size).toBe(3);
    expect(report.counts.errors).toBe(report.findings.length);
  });

  it("lets an exception naming any version the change was seen in acknowledge the one finding", () => {
    const config =
      "compatibility: BACKWARD_TRANSITIVE\nexceptions:\n  - subject: order\n    version: 4\n    rule: enum-value-removed\n    reason: CHF was never sold\n";
    const report = runGate({ head: catalog(FILES, config), today: "2030-01-01" });
    const removed = report.findings.filter((finding) => finding.ruleId === "enum-value-removed");
    expect(removed).toHaveLength(1);
    expect(removed[0]?.acknowledged?.reason).toBe("CHF was never sold");
    expect(report.exceptions[0]).toMatchObject({ status: "used", matched: 1 });
  });

  it("keeps apart what differs in rule, direction, place or subject, and leaves other findings alone", () => {
    const base: CatalogFinding = {
      ruleId: "enum-value-removed",
      source: "compat",
      severity: "error",
      message: "m",
      subject: "a",
      version: 2,
      against: 1,
      direction: "backward",
      oldPath: "#/enum",
      newPath: "#/enum",
      fingerprint: "f1",
    };
    const gateFinding: CatalogFinding = {
      ruleId: "version-edited",
      source: "gate",
      severity: "error",
      message: "e",
      fingerprint: "g",
    };
    const grouped = groupFindings([
      base,
      { ...base, version: 3, fingerprint: "f2" },
      { ...base, direction: "forward", fingerprint: "f3" },
      { ...base, ruleId: "const-changed", fingerprint: "f4" },
      { ...base, newPath: "#/properties/x/enum", fingerprint: "f5" },
      { ...base, subject: "b", fingerprint: "f6" },
      gateFinding,
      gateFinding,
    ]);
    expect(grouped).toHaveLength(7);
    expect(
      grouped.filter((finding) => finding.seenIn !== undefined).map((finding) => finding.fingerprint),
    ).toEqual(["f1"]);
  });
});
