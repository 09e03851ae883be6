import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../contracts/catalog/load.js";
import type { Catalog } from "../../../contracts/catalog/types.js";
import { type GateInput, runGate } from "../../../contracts/gate/index.js";
import { validatorFor } from "../../../contracts/schema/ajv.js";

type Files = Record<string, string>;

function catalog(files: Files, config = ""): Catalog {
  const result = loadCatalog(new Map(Object.entries({ "accord.yaml": config, ...files })));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const order = (currencies: string[], extra: Record<string, unknown> = {}) =>
  json({
    type: "object",
    additionalProperties: false,
    properties: { id: { type: "string" }, currency: { enum: currencies }, ...extra },
    required: ["id", "currency"],
  });

const V1 = order(["EUR", "USD", "CHF"]);
const V2_COMPATIBLE = order(["EUR", "USD", "CHF", "JPY"], { note: { type: "string" } });
const V3_BREAKING = order(["EUR", "USD", "JPY"], { note: { type: "string" } });

const gate = (input: Omit<GateInput, "today"> & { today?: string }) =>
  runGate({ today: "2030-06-01", ...input });

describe("runGate without a base: every version chain", () => {
  it("passes a compatible chain and records each comparison", () => {
    const report = gate({
      head: catalog({ "schemas/order/v1.json": V1, "schemas/order/v2.json": V2_COMPATIBLE }),
    });
    expect(report).toMatchObject({
      format: "accord-check/1",
      passed: true,
      scope: "all-versions",
      findings: [],
    });
    expect(report.checks).toEqual([
      { subject: "order", version: 2, mode: "BACKWARD", against: [1], verdict: "compatible" },
    ]);
  });

  it("fails a breaking version with the engine's finding, its place in the file, and a verified example", () => {
    const head = catalog({
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": V2_COMPATIBLE,
      "schemas/order/v3.json": V3_BREAKING,
    });
    const report = gate({ head });
    expect(report.passed).toBe(false);
    expect(report.counts).toEqual({ errors: 1, warnings: 0, infos: 0, acknowledged: 0 });
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      ruleId: "enum-value-removed",
      source: "compat",
      severity: "error",
      subject: "order",
      version: 3,
      against: 2,
      direction: "backward",
      file: "schemas/order/v3.json",
      pointer: "#/properties/currency/enum",
      line: 9,
    });
    expect(finding?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    // The example is an event v2 accepts and v3 rejects.
    const v2 = head.subjects[0]?.versions[1]?.document;
    const v3 = head.subjects[0]?.versions[2]?.document;
    if (!v2 || !v3) throw new Error("fixture");
    expect(validatorFor(v2.root, v2.draft)(finding?.example)).toBe(true);
    expect(validatorFor(v3.root, v3.draft)(finding?.example)).toBe(false);
  });

  it("compares with every earlier version under a TRANSITIVE mode, reporting a change seen against several once", () => {
    const head = catalog(
      {
        "schemas/order/v1.json": V1,
        "schemas/order/v2.json": order(["EUR", "USD", "CHF"]),
        "schemas/order/v3.json": order(["EUR", "USD"]),
        "schemas/order/subject.yaml": "compatibility: BACKWARD_TRANSITIVE\n",
      },
      "compatibility: NONE\n",
    );
    const report = gate({ head });
    expect(report.checks.map((check) => [check.version, check.against])).toEqual([
      [2, [1]],
      [3, [1, 2]],
    ]);
    expect(report.findings.map((finding) => [finding.ruleId, finding.version, finding.against])).toEqual([
      ["enum-value-removed", 3, 1],
    ]);
    const [finding] = report.findings;
    expect(finding?.seenIn?.map((seen) => [seen.version, seen.against])).toEqual([
      [3, 1],
      [3, 2],
    ]);
    expect(finding?.at).toBe("/currency");
    expect(report.counts.errors).toBe(1);
  });

  it("skips subjects whose mode is NONE", () => {
    const report = gate({
      head: catalog(
        { "schemas/order/v1.json": V1, "schemas/order/v2.json": V3_BREAKING },
        "compatibility: NONE\n",
      ),
    });
    expect(report.passed).toBe(true);
    expect(report.checks[0]?.against).toEqual([]);
  });

  it("fails on undetermined spots unless they are allowed, which makes them warnings", () => {
    const files = {
      "schemas/code/v1.json": json({ type: "string", pattern: "^(a+)\\1$" }),
      "schemas/code/v2.json": json({ type: "string", pattern: "^(aa)+$" }),
    };
    const strict = gate({ head: catalog(files) });
    expect(strict.passed).toBe(false);
    expect(strict.findings[0]).toMatchObject({
      undetermined: true,
      severity: "error",
      ruleId: "pattern-changed",
    });
    expect(strict.findings[0]?.example).toBeUndefined();
    const lenient = gate({ head: catalog(files), allowUndetermined: true });
    expect(lenient.passed).toBe(true);
    expect(lenient.findings[0]).toMatchObject({ undetermined: true, severity: "warning" });
  });

  it("reports progress once per version checked", () => {
    const calls: [number, number][] = [];
    gate({
      head: catalog({
        "schemas/a/v1.json": V1,
        "schemas/a/v2.json": V1,
        "schemas/b/v1.json": V1,
        "schemas/b/v2.json": V1,
      }),
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});

describe("runGate against a base", () => {
  const base = catalog({
    "schemas/order/v1.json": V1,
    "schemas/order/v2.json": V2_COMPATIBLE,
    "schemas/refund/v1.json": V1,
    "schemas/refund/v2.json": V1,
    "schemas/legacy/v1.json": V1,
  });

  it("reports edited, removed and added versions and subjects, and checks only the new versions", () => {
    const head = catalog({
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": V2_COMPATIBLE,
      "schemas/order/v3.json": V3_BREAKING,
      "schemas/refund/v1.json": order(["EUR"]),
      "schemas/shipment/v1.json": V1,
    });
    const report = gate({ head, base });
    expect(report.scope).toBe("changes");
    expect(report.subjects).toEqual({ total: 3, added: ["shipment"], removed: ["legacy"] });
    expect(report.checks.map((check) => `${check.subject} v${check.version} ${check.verdict}`)).toEqual([
      "order v3 incompatible",
      "shipment v1 compatible",
    ]);
    expect(
      report.findings.map(
        (finding) => `${finding.subject} ${finding.version ?? "-"} ${finding.ruleId} ${finding.severity}`,
      ),
    ).toEqual([
      "legacy - subject-removed error",
      "order 3 enum-value-removed error",
      "refund 1 version-edited error",
      "refund 2 version-removed error",
      "shipment - subject-added info",
    ]);
    expect(report.counts).toEqual({ errors: 4, warnings: 0, infos: 1, acknowledged: 0 });
    expect(report.passed).toBe(false);
  });

  it("passes a compatible new version; a re-indented published file is not an edit", () => {
    const head = catalog({
      "schemas/order/v1.json": JSON.stringify(JSON.parse(V1)),
      "schemas/order/v2.json": V2_COMPATIBLE,
      "schemas/order/v3.json": V2_COMPATIBLE,
      "schemas/refund/v1.json": V1,
      "schemas/refund/v2.json": V1,
      "schemas/legacy/v1.json": V1,
    });
    const report = gate({ head, base });
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
  });
});

describe("exceptions", () => {
  const base = catalog({ "schemas/order/v1.json": V1, "schemas/order/v2.json": V2_COMPATIBLE });
  const files = {
    "schemas/order/v1.json": V1,
    "schemas/order/v2.json": V2_COMPATIBLE,
    "schemas/order/v3.json": V3_BREAKING,
  };
  const fingerprint = gate({ head: catalog(files), base }).findings[0]?.fingerprint as string;

  it("acknowledges a finding named by subject, version and rule; it no longer fails the gate", () => {
    const head = catalog(
      files,
      "exceptions:\n  - subject: order\n    version: 3\n    rule: enum-value-removed\n    reason: CHF was never sold\n    expires: 2030-12-31\n",
    );
    const report = gate({ head, base });
    expect(report.passed).toBe(true);
    expect(report.findings[0]?.acknowledged).toEqual({
      exception: 0,
      reason: "CHF was never sold",
      expires: "2030-12-31",
    });
    expect(report.counts).toEqual({ errors: 0, warnings: 0, infos: 0, acknowledged: 1 });
    expect(report.exceptions[0]).toMatchObject({ status: "used", matched: 1 });
  });

  it("acknowledges by fingerprint", () => {
    const head = catalog(files, `exceptions:\n  - fingerprint: ${fingerprint}\n    reason: reviewed\n`);
    expect(gate({ head, base }).passed).toBe(true);
  });

  it("stops acknowledging after the expiry date, and says the exception expired", () => {
    const head = catalog(
      files,
      "exceptions:\n  - subject: order\n    version: 3\n    rule: enum-value-removed\n    reason: temporary\n    expires: 2030-05-31\n",
    );
    const report = gate({ head, base });
    expect(report.passed).toBe(false);
    expect(
      report.findings.map((finding) => [finding.ruleId, finding.severity, finding.acknowledged]),
    ).toEqual([
      ["exception-expired", "warning", undefined],
      ["enum-value-removed", "error", undefined],
    ]);
    expect(report.findings[0]).toMatchObject({
      file: "accord.yaml",
      pointer: "#/exceptions/0/expires",
      line: 6,
    });
    expect(report.exceptions[0]?.status).toBe("expired");
    // The last day still counts.
    expect(gate({ head, base, today: "2030-05-31" }).passed).toBe(true);
  });

  it("reports an exception that matches nothing it looked at, and leaves alone one for a version it did not examine", () => {
    const head = catalog(
      files,
      [
        "exceptions:",
        "  - {subject: order, version: 3, rule: max-length-decreased, reason: wrong rule}",
        "  - {subject: order, version: 2, rule: enum-value-removed, reason: merged long ago}",
        "  - {subject: order, version: 3, rule: enum-value-removed, reason: right}",
      ].join("\n"),
    );
    const report = gate({ head, base });
    expect(report.exceptions.map((exception) => exception.status)).toEqual(["unused", "not-checked", "used"]);
    expect(report.findings.filter((finding) => finding.ruleId === "exception-unused")).toHaveLength(1);
    expect(report.passed).toBe(true);
    // Checking every version looks at v2 too, where nothing breaks: now it is unused.
    const full = gate({ head });
    expect(full.exceptions.map((exception) => exception.status)).toEqual(["unused", "unused", "used"]);
  });
});

describe("registry verdicts", () => {
  it("turns an incompatible registry verdict into an error at the version's file", () => {
    const head = catalog({ "schemas/order/v1.json": V1 });
    const report = gate({
      head,
      registry: [
        {
          subject: "order",
          registrySubject: "order-value",
          version: 1,
          status: "incompatible",
          messages: ["Found incompatible change: enum narrowed."],
          method: "registry",
        },
      ],
    });
    expect(report.passed).toBe(false);
    expect(report.findings[0]).toMatchObject({
      ruleId: "registry-incompatible",
      source: "registry",
      file: "schemas/order/v1.json",
      message:
        'The registry rejects version 1 of order as subject "order-value". Found incompatible change: enum narrowed.',
    });
    expect(report.registry).toHaveLength(1);
  });
});
