import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../contracts/catalog/load.js";
import type { Catalog } from "../../../contracts/catalog/types.js";
import { type GateInput, runGate } from "../../../contracts/gate/index.js";
import { validatorFor } from "../../../contracts/schema/ajv.js";

type Files = Record<string, string>;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function load(files: Files) {
  return loadCatalog(new Map(Object.entries(files)));
}

function catalog(files: Files): Catalog {
  const result = load(files);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const gate = (input: Omit<GateInput, "today">) => runGate({ today: "2030-06-01", ...input });

/** An order event; `changes` replaces properties. Open objects, so adding a property breaks BACKWARD. */
const order = (changes: Record<string, unknown> = {}, required = ["orderId", "total", "currency"]) =>
  json({
    type: "object",
    properties: {
      orderId: { type: "string" },
      total: { type: "number", minimum: 0 },
      currency: { enum: ["EUR", "USD"] },
      note: { type: "string", maxLength: 200 },
      ...changes,
    },
    required,
  });

const V1 = order();

const SUBJECT_YAML = `consumers:
  - name: billing-service
    reads: [/orderId, /total]
  - name: analytics
    reads: [/currency]
`;

const CONFIG = "consumerGate: true\ncompatibility: FULL\n";

describe("the consumer gate", () => {
  it("turns a mode break that no declared consumer reads into a warning under its own rule id", () => {
    const head = catalog({
      "accord.yaml": CONFIG,
      "schemas/order/subject.yaml": SUBJECT_YAML,
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": order({ note: { type: "string", maxLength: 20 } }),
    });
    const report = gate({ head });
    expect(report.passed).toBe(true);
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([["max-length-decreased", "warning"]]);
  });

  it("fails a version that breaks a read field, naming consumer and path, with an example the version accepts and the consumer's v1 rejects", () => {
    const v2 = order({ total: { type: "number" } });
    const head = catalog({
      "accord.yaml": CONFIG,
      "schemas/order/subject.yaml": SUBJECT_YAML,
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": v2,
    });
    const report = gate({ head });
    expect(report.passed).toBe(false);
    const broken = report.findings.filter((f) => f.ruleId === "consumer-broken");
    expect(broken).toHaveLength(1);
    const [finding] = broken;
    expect(finding).toMatchObject({
      severity: "error",
      subject: "order",
      version: 2,
      file: "schemas/order/v2.json",
      consumer: { name: "billing-service", path: "/total" },
      against: 1,
    });
    expect(finding?.message).toContain(
      "Version 2 breaks consumer billing-service (built against v1), which reads /total",
    );
    expect(validatorFor(JSON.parse(v2), "draft-07")(finding?.example)).toBe(true);
    expect(validatorFor(JSON.parse(V1), "draft-07")(finding?.example)).toBe(false);
    // The mode's own finding about the same change is still shown, as a warning.
    expect(report.findings.find((f) => f.ruleId === "minimum-decreased")?.severity).toBe("warning");
  });

  it("keeps the mode's findings as errors while a consumer is declared by name only (it reads everything)", () => {
    const head = catalog({
      "accord.yaml": CONFIG,
      "schemas/order/subject.yaml": `${SUBJECT_YAML}  - legacy-reporting\n`,
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": order({ note: { type: "string", maxLength: 20 } }),
    });
    const report = gate({ head });
    expect(report.passed).toBe(false);
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([["max-length-decreased", "error"]]);
  });

  it("does nothing without consumerGate", () => {
    const head = catalog({
      "accord.yaml": "compatibility: FULL\n",
      "schemas/order/subject.yaml": SUBJECT_YAML,
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": order({ total: { type: "number" } }),
    });
    expect(gate({ head }).findings.map((f) => f.ruleId)).toEqual(["minimum-decreased"]);
  });

  it("subject.yaml's consumerGate overrides the catalog's", () => {
    const head = catalog({
      "accord.yaml": "compatibility: FULL\n",
      "schemas/order/subject.yaml": `consumerGate: true\n${SUBJECT_YAML}`,
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": order({ note: { type: "string", maxLength: 20 } }),
    });
    expect(gate({ head }).passed).toBe(true);
  });

  it("fails a changed consumer declaration that reads what the latest version no longer guarantees, at the consumer's entry", () => {
    const files = {
      "accord.yaml": "consumerGate: true\ncompatibility: NONE\n",
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": order({ note: { type: "integer" } }),
      "schemas/order/subject.yaml": SUBJECT_YAML,
    };
    const base = catalog(files);
    const head = catalog({
      ...files,
      "schemas/order/subject.yaml": `${SUBJECT_YAML}  - name: support-desk\n    version: 1\n    reads: [/note]\n`,
    });
    const report = gate({ head, base });
    expect(report.passed).toBe(false);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      ruleId: "consumer-broken",
      file: "schemas/order/subject.yaml",
      line: 6,
      version: 2,
      consumer: { name: "support-desk", path: "/note" },
    });
    expect(report.findings[0]?.message).toContain(
      "The declaration of consumer support-desk (built against v1) reads /note, which v2, the latest version, does not guarantee",
    );
    // Unchanged declarations are not re-judged against versions published before the base.
    expect(gate({ head: base, base }).findings).toEqual([]);
  });

  it("pins an unpinned consumer declared before the base to the base's latest version", () => {
    const files = {
      "accord.yaml": CONFIG,
      "schemas/order/subject.yaml": SUBJECT_YAML,
      "schemas/order/v1.json": V1,
    };
    const base = catalog(files);
    const head = catalog({
      ...files,
      "schemas/order/v2.json": order({ currency: { enum: ["EUR", "USD", "GBP"] } }),
    });
    const report = gate({ head, base });
    const broken = report.findings.filter((f) => f.ruleId === "consumer-broken");
    expect(broken.map((f) => [f.consumer?.name, f.consumer?.path, f.against])).toEqual([
      ["analytics", "/currency", 1],
    ]);
    expect(broken[0]?.example).toMatchObject({ currency: "GBP" });
  });

  it("holds an unpinned consumer whose declaration changes in the same change to the base's latest version", () => {
    const files = {
      "accord.yaml": CONFIG,
      "schemas/order/subject.yaml": SUBJECT_YAML,
      "schemas/order/v1.json": V1,
    };
    const base = catalog(files);
    const head = catalog({
      ...files,
      "schemas/order/subject.yaml": SUBJECT_YAML.replace(
        "reads: [/currency]",
        "reads: [/currency, /orderId]",
      ),
      "schemas/order/v2.json": order({ currency: { enum: ["EUR", "USD", "GBP"] } }),
    });
    const broken = gate({ head, base }).findings.filter((f) => f.ruleId === "consumer-broken");
    expect(broken.map((f) => [f.consumer?.name, f.consumer?.path, f.against, f.file])).toEqual([
      ["analytics", "/currency", 1, "schemas/order/v2.json"],
    ]);
    // A changed declaration that reads what only the new version has is built against the new one.
    const newer = catalog({
      ...files,
      "schemas/order/subject.yaml": SUBJECT_YAML.replace("reads: [/currency]", "reads: [/currency, /coupon]"),
      "schemas/order/v2.json": order({ coupon: { type: "string" } }),
    });
    expect(gate({ head: newer, base }).findings.filter((f) => f.ruleId === "consumer-broken")).toEqual([]);
  });

  it("judges a consumer's own reader schema (schema:)", () => {
    const head = catalog({
      "accord.yaml": CONFIG,
      "schemas/order/subject.yaml":
        "consumers:\n  - name: fraud\n    version: 1\n    schema: consumers/fraud.json\n",
      "schemas/order/consumers/fraud.json": json({
        type: "object",
        properties: { total: { type: "number", maximum: 10000 } },
        required: ["total"],
      }),
      "schemas/order/v1.json": order({ total: { type: "number", minimum: 0, maximum: 5000 } }),
      "schemas/order/v2.json": order({ total: { type: "number", minimum: 0, maximum: 50000 } }),
    });
    const [finding] = gate({ head }).findings.filter((f) => f.ruleId === "consumer-broken");
    expect(finding?.consumer).toEqual({ name: "fraud" });
    expect(finding?.message).toContain("reads with its own schema (schemas/order/consumers/fraud.json)");
    expect((finding?.example as { total: number } | undefined)?.total).toBeGreaterThan(10000);
  });

  it("lets an exception acknowledge a consumer break", () => {
    const head = catalog({
      "accord.yaml": `${CONFIG}exceptions:\n  - {subject: order, version: 2, rule: consumer-broken, reason: billing ignores negatives}\n`,
      "schemas/order/subject.yaml": SUBJECT_YAML,
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": order({ total: { type: "number" } }),
    });
    const report = gate({ head });
    expect(report.passed).toBe(true);
    expect(report.findings.find((f) => f.ruleId === "consumer-broken")?.acknowledged?.reason).toBe(
      "billing ignores negatives",
    );
  });
});

describe("consumer declarations in subject.yaml", () => {
  const failure = (subjectYaml: string, extra: Files = {}) => {
    const result = load({
      "accord.yaml": "",
      "schemas/order/subject.yaml": subjectYaml,
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": V1,
      ...extra,
    });
    if (result.ok) throw new Error("expected the load to fail");
    return result.error;
  };

  it("refuses a path the pinned version does not declare, with file:line", () => {
    const error = failure("consumers:\n  - name: billing\n    reads:\n      - /orderId\n      - /discount\n");
    expect(error.message).toBe(
      "schemas/order/subject.yaml:5:9: consumer billing reads /discount, which order v2 does not declare",
    );
  });

  it("refuses a pin to a version the subject does not have", () => {
    expect(failure("consumers:\n  - {name: billing, version: 7, reads: [/orderId]}\n").message).toMatch(
      /^schemas\/order\/subject\.yaml:2:\d+: consumer billing is pinned to v7, which order does not have \(it has v1, v2\)$/,
    );
  });

  it("refuses a bad pointer, a missing reader schema, both reads and schema, and a consumer listed twice", () => {
    expect(failure("consumers:\n  - {name: billing, reads: [orderId]}\n").message).toContain(
      'consumer billing reads "orderId": a read path is a JSON Pointer into the event and starts with "/"',
    );
    expect(failure("consumers:\n  - {name: fraud, schema: consumers/fraud.json}\n").message).toContain(
      "no reader schema at schemas/order/consumers/fraud.json",
    );
    expect(failure("consumers:\n  - {name: fraud, schema: ../../accord.yaml}\n").message).toContain(
      "must be a .json or .yaml file inside the subject's consumers/ folder",
    );
    expect(failure("consumers:\n  - {name: x, reads: [/orderId], schema: consumers/x.json}\n").code).toBe(
      "ACCORD_ERR_CATALOG_SUBJECT_META_INVALID",
    );
    expect(failure("consumers:\n  - billing\n  - {name: billing, reads: [/orderId]}\n").message).toBe(
      "schemas/order/subject.yaml:3:5: consumer billing is listed twice",
    );
  });

  it("keeps plain names and objects alike in the consumers list", () => {
    const subject = catalog({
      "accord.yaml": "",
      "schemas/order/subject.yaml":
        "consumers:\n  - legacy\n  - {name: billing, version: 1, reads: [/orderId]}\n",
      "schemas/order/v1.json": V1,
      "schemas/order/v2.json": V1,
    }).subjects[0];
    expect(subject?.meta.consumers).toEqual(["legacy", "billing"]);
    expect(subject?.readers.map((r) => [r.name, r.version, r.paths.map((p) => p.path)])).toEqual([
      ["billing", 1, ["/orderId"]],
    ]);
  });
});
