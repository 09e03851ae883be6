import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../contracts/catalog/load.js";
import type { Catalog } from "../../../contracts/catalog/types.js";

const V1 = JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", type: "object" }, null, 2);
const V2_YAML = "type: object\nproperties:\n  id:\n    type: string\n";

function load(files: Record<string, string>) {
  return loadCatalog(new Map(Object.entries(files)));
}

function loaded(files: Record<string, string>): Catalog {
  const result = load(files);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function failure(files: Record<string, string>) {
  const result = load(files);
  if (result.ok) throw new Error("expected the load to fail");
  return result.error;
}

describe("loadCatalog: accord.yaml", () => {
  it("fills in defaults for an empty accord.yaml", () => {
    const { config, subjects } = loaded({ "accord.yaml": "" });
    expect(config).toMatchObject({
      version: 1,
      compatibility: "BACKWARD",
      defaultDraft: "draft-07",
      writersEmitOnlyDeclared: false,
      annotationKeywords: [],
      lint: { preset: "standard", rules: {} },
      exceptions: [],
      file: "accord.yaml",
    });
    expect(config.registry).toBeUndefined();
    expect(subjects).toEqual([]);
  });

  it("reads every setting, keeps other sections in raw, and normalises rule settings", () => {
    const { config } = loaded({
      "accord.yaml": [
        "version: 1",
        "compatibility: FULL_TRANSITIVE",
        "defaultDraft: 2020-12",
        "writersEmitOnlyDeclared: true",
        "annotationKeywords: [tsAdditionalProperties]",
        "registry:",
        "  url: http://localhost:8081",
        "lint:",
        "  preset: strict",
        "  rules:",
        "    owners-required: off",
        "    subject-name-pattern: {severity: warning, ignore: [legacy], pattern: '^[a-z.]+$'}",
        "exceptions:",
        "  - subject: order-placed",
        "    version: 3",
        "    rule: enum-value-removed",
        "    reason: CHF was never emitted",
        "    expires: 2030-01-31",
        "  - fingerprint: 0123456789abcdef",
        "    reason: reviewed",
        "generate:",
        "  typescript: {out: gen}",
      ].join("\n"),
    });
    expect(config.compatibility).toBe("FULL_TRANSITIVE");
    expect(config.defaultDraft).toBe("2020-12");
    expect(config.writersEmitOnlyDeclared).toBe(true);
    expect(config.compareOptions).toEqual({
      writersEmitOnlyDeclared: true,
      annotationKeywords: ["tsAdditionalProperties"],
    });
    expect(config.registry).toEqual({ url: "http://localhost:8081" });
    expect(config.lint.preset).toBe("strict");
    expect(config.lint.rules["owners-required"]).toEqual({ severity: "off", ignore: [], options: {} });
    expect(config.lint.rules["subject-name-pattern"]).toEqual({
      severity: "warning",
      ignore: ["legacy"],
      options: { pattern: "^[a-z.]+$" },
    });
    expect(config.exceptions).toEqual([
      {
        index: 0,
        subject: "order-placed",
        version: 3,
        rule: "enum-value-removed",
        reason: "CHF was never emitted",
        expires: "2030-01-31",
      },
      { index: 1, fingerprint: "0123456789abcdef", reason: "reviewed" },
    ]);
    expect(config.raw.generate).toEqual({ typescript: { out: "gen" } });
    expect(config.locate?.("#/exceptions/1/fingerprint")).toEqual({ line: 19, column: 18 });
  });

  it.each([
    ["compatibilty: FULL\n", 'accord.yaml:1:15: compatibilty: unknown key (did you mean "compatibility"?)'],
    ["compatibility: FUL\n", "accord.yaml:1:16: compatibility: must be one of NONE, BACKWARD"],
    ["version: 2\n", "accord.yaml:1:10: version: must be 1"],
    ["registry:\n  url: localhost:8081\n", "accord.yaml:2:8: registry.url: must match ^https?://"],
    ["lint:\n  rules:\n    Bad_Id: off\n", "accord.yaml:3:13: lint.rules.Bad_Id: is not a rule id"],
    [
      "lint:\n  rules:\n    some-rule: warn\n",
      "accord.yaml:3:16: lint.rules.some-rule: must be error, warning, off",
    ],
    [
      "lint:\n  rules:\n    some-rule: {severity: warn}\n",
      "accord.yaml:3:27: lint.rules.some-rule.severity: must be one of",
    ],
    [
      "lint:\n  presett: strict\n",
      'accord.yaml:2:12: lint.presett: unknown key "presett" (did you mean "preset"?)',
    ],
    [
      "exceptions:\n  - subject: a\n    rule: x\n    reason: r\n",
      "accord.yaml:2:5: exceptions[0]: name the finding with a fingerprint, or with subject, version and rule (this one has only subject and rule)",
    ],
    [
      "exceptions:\n  - fingerprint: 0123456789abcdef\n    reason: r\n    expires: 31/01/2030\n",
      "accord.yaml:4:14: exceptions[0].expires: must be a date written YYYY-MM-DD",
    ],
    [
      "exceptions:\n  - fingerprint: 0123456789abcdef\n",
      'accord.yaml:2:5: exceptions[0]: missing required key "reason"',
    ],
    ["a: [1,\n", "accord.yaml:"],
    ["- just\n- a list\n", "accord.yaml:1:1: must be a mapping of keys to values"],
  ])("rejects %j with file:line:column and the key", (text, message) => {
    const error = failure({ "accord.yaml": text });
    expect(error.code).toBe("ACCORD_ERR_CATALOG_CONFIG_INVALID");
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.location?.file).toBe("accord.yaml");
  });

  it("fails without accord.yaml", () => {
    expect(failure({ "schemas/a/v1.json": V1 }).code).toBe("ACCORD_ERR_CATALOG_NOT_FOUND");
  });
});

describe("loadCatalog: subjects and versions", () => {
  it("loads subjects sorted by name with versions in numeric order, JSON and YAML alike", () => {
    const catalog = loaded({
      "accord.yaml": "compatibility: FORWARD\n",
      "schemas/zeta/v1.json": V1,
      "schemas/alpha/v10.json": V1,
      "schemas/alpha/v2.yaml": V2_YAML,
      "schemas/alpha/v1.json": V1,
      "schemas/alpha/README.md": "not a schema",
      "schemas/alpha/examples/e1.json": "{}",
    });
    expect(catalog.subjects.map((subject) => subject.name)).toEqual(["alpha", "zeta"]);
    const alpha = catalog.subjects[0];
    expect(alpha?.versions.map((version) => [version.version, version.file])).toEqual([
      [1, "schemas/alpha/v1.json"],
      [2, "schemas/alpha/v2.yaml"],
      [10, "schemas/alpha/v10.json"],
    ]);
    expect(alpha?.versions[1]?.text).toBe(V2_YAML);
    expect(alpha?.versions[1]?.document.draftAssumed).toBe(true);
    expect(alpha?.versions[1]?.document.source).toBe("schemas/alpha/v2.yaml");
    expect(alpha?.versions[1]?.document.locate?.("#/properties/id")).toEqual({ line: 4, column: 5 });
    expect(alpha?.compatibility).toBe("FORWARD");
    expect(alpha?.registrySubject).toBe("alpha");
    expect(alpha?.meta).toEqual({
      owners: [],
      producers: [],
      consumers: [],
      consumerEntries: [],
      tags: [],
      lintIgnore: [],
    });
    expect(alpha?.metaFile).toBeUndefined();
  });

  it("reads subject.yaml: metadata, overrides and the registry subject name", () => {
    const catalog = loaded({
      "accord.yaml": "",
      "schemas/order-placed/v1.json": V1,
      "schemas/order-placed/subject.yaml": [
        "description: An order was placed.",
        "owners: [team-checkout]",
        "topic: orders",
        "producers: [checkout]",
        "consumers: [billing, analytics]",
        "compatibility: FULL",
        "tags: [orders]",
        "deprecated:",
        "  reason: superseded",
        "  replacement: order-submitted",
        "registrySubject: orders-value",
        "lint:",
        "  ignore: [property-description-required]",
        "x-team-channel: '#checkout'",
      ].join("\n"),
    });
    const subject = catalog.subjects[0];
    expect(subject?.meta).toEqual({
      description: "An order was placed.",
      owners: ["team-checkout"],
      topic: "orders",
      producers: ["checkout"],
      consumers: ["billing", "analytics"],
      consumerEntries: [
        { name: "billing", index: 0 },
        { name: "analytics", index: 1 },
      ],
      compatibility: "FULL",
      tags: ["orders"],
      deprecated: { reason: "superseded", replacement: "order-submitted" },
      registrySubject: "orders-value",
      lintIgnore: ["property-description-required"],
    });
    expect(subject?.compatibility).toBe("FULL");
    expect(subject?.registrySubject).toBe("orders-value");
    expect(subject?.metaFile).toBe("schemas/order-placed/subject.yaml");
    expect(subject?.metaLocate?.("#/owners")).toEqual({ line: 2, column: 9 });
  });

  it("applies defaultDraft to version files without $schema", () => {
    const catalog = loaded({ "accord.yaml": "defaultDraft: 2020-12\n", "schemas/a/v1.yaml": V2_YAML });
    expect(catalog.subjects[0]?.versions[0]?.document.draft).toBe("2020-12");
  });

  it.each([
    [
      { "schemas/a/v0.json": V1 },
      "ACCORD_ERR_CATALOG_LAYOUT",
      "schemas/a/v0.json: version numbers start at 1",
    ],
    [
      { "schemas/a/v01.json": V1 },
      "ACCORD_ERR_CATALOG_LAYOUT",
      "schemas/a/v01.json: version numbers start at 1",
    ],
    [
      { "schemas/a/v1.json": V1, "schemas/a/v1.yaml": V2_YAML },
      "ACCORD_ERR_CATALOG_LAYOUT",
      "schemas/a/v1.yaml: schemas/a/v1.json holds version 1 too",
    ],
    [
      { "schemas/a.json": V1 },
      "ACCORD_ERR_CATALOG_LAYOUT",
      "schemas/a.json: schema files go in a subject folder",
    ],
    [
      { "schemas/a/v2.schema.json": V1 },
      "ACCORD_ERR_CATALOG_LAYOUT",
      "schemas/a/v2.schema.json: a subject folder holds only",
    ],
    [
      { "schemas/a/subject.yaml": "owners: [x]\n" },
      "ACCORD_ERR_CATALOG_LAYOUT",
      "schemas/a: the subject has no version files",
    ],
    [
      { "schemas/a/v1.json": V1, "schemas/a/subject.yaml": "owner: [x]\n" },
      "ACCORD_ERR_CATALOG_SUBJECT_META_INVALID",
      'schemas/a/subject.yaml:1:8: owner: unknown key "owner" (did you mean "owners"?)',
    ],
    [
      { "schemas/a/v1.json": V1, "schemas/a/subject.yaml": "deprecated: {replacement: b}\n" },
      "ACCORD_ERR_CATALOG_SUBJECT_META_INVALID",
      'schemas/a/subject.yaml:1:13: deprecated: missing required key "reason"',
    ],
    [{ "schemas/a/v1.json": '{"type": "object",}' }, "ACCORD_ERR_SCHEMA_PARSE", "schemas/a/v1.json:1:18:"],
    [
      { "schemas/a/v1.json": '{\n  "type": "objec"\n}' },
      "ACCORD_ERR_SCHEMA_INVALID",
      "schemas/a/v1.json:2:11:",
    ],
    [
      { "schemas/a/v1.json": '{"$ref": "https://example.com/x.json"}' },
      "ACCORD_ERR_SCHEMA_REMOTE_REF",
      "schemas/a/v1.json:1:10:",
    ],
  ])("rejects a broken layout or file: %j", (files, code, message) => {
    const error = failure({ "accord.yaml": "", ...files });
    expect(error.code).toBe(code);
    expect(error.message.startsWith(message)).toBe(true);
  });
});

describe("loadCatalog: reuse", () => {
  it("reuses documents of unchanged version files and loads changed ones", () => {
    const head = loaded({ "accord.yaml": "", "schemas/a/v1.json": V1, "schemas/a/v2.yaml": V2_YAML });
    const base = loaded({
      "accord.yaml": "",
      "schemas/a/v1.json": V1,
      "schemas/a/v2.yaml": "type: string\n",
    });
    const reloaded = loadCatalog(
      new Map([
        ["accord.yaml", ""],
        ["schemas/a/v1.json", V1],
        ["schemas/a/v2.yaml", "type: string\n"],
      ]),
      { reuse: head },
    );
    if (!reloaded.ok) throw new Error(reloaded.error.message);
    const [v1, v2] = reloaded.value.subjects[0]?.versions ?? [];
    expect(v1?.document).toBe(head.subjects[0]?.versions[0]?.document);
    expect(v2?.document).not.toBe(head.subjects[0]?.versions[1]?.document);
    expect(v2?.document.root).toEqual(base.subjects[0]?.versions[1]?.document.root);
  });

  it("does not reuse documents loaded under another default draft", () => {
    const head = loaded({ "accord.yaml": "defaultDraft: 2020-12\n", "schemas/a/v1.yaml": V2_YAML });
    const other = loadCatalog(
      new Map([
        ["accord.yaml", ""],
        ["schemas/a/v1.yaml", V2_YAML],
      ]),
      { reuse: head },
    );
    if (!other.ok) throw new Error(other.error.message);
    expect(other.value.subjects[0]?.versions[0]?.document.draft).toBe("draft-07");
  });
});

describe("loadCatalog: identical versions", () => {
  it("gives versions with the same text one schema object, each with its own file as source", () => {
    const { subjects } = loaded({
      "accord.yaml": "",
      "schemas/a/v1.json": V1,
      "schemas/a/v2.yaml": V2_YAML,
      "schemas/a/v3.json": V1,
      "schemas/b/v1.json": V1,
    });
    const [a1, a2, a3] = subjects[0]?.versions ?? [];
    const b1 = subjects[1]?.versions[0];
    expect(a3?.document.root).toBe(a1?.document.root);
    expect(b1?.document.root).toBe(a1?.document.root);
    expect(a2?.document.root).not.toBe(a1?.document.root);
    expect([a1?.document.source, a3?.document.source, b1?.document.source]).toEqual([
      "schemas/a/v1.json",
      "schemas/a/v3.json",
      "schemas/b/v1.json",
    ]);
  });
});
