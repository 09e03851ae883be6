import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fullConfigSchema, LINT_RULES, runLint } from "../../../contracts/lint/index.js";
import { PRESETS } from "../../../contracts/lint/presets.js";
import { RETIRED_LINT_RULES } from "../../../contracts/lint/rules/index.js";
import { catalogOf, configFor } from "./helpers.js";

const rulesDir = fileURLToPath(new URL("../../../contracts/lint/rules/", import.meta.url));
const testsDir = fileURLToPath(new URL("./rules/", import.meta.url));
const readme = readFileSync(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8");

describe("lint rule registry", () => {
  it("lists rules sorted by id, each id kebab-case, unique and never retired", () => {
    const ids = LINT_RULES.map((rule) => rule.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeGreaterThanOrEqual(3);
      expect(id.length).toBeLessThanOrEqual(64);
      expect(RETIRED_LINT_RULES).not.toContain(id);
    }
  });

  it("has one file and one test file per rule, named by id", () => {
    const files = readdirSync(rulesDir)
      .filter((name) => name !== "index.ts")
      .map((name) => name.replace(/\.ts$/, ""))
      .sort();
    expect(files).toEqual(LINT_RULES.map((rule) => rule.id));
    const tests = readdirSync(testsDir)
      .map((name) => name.replace(/\.test\.ts$/, ""))
      .sort();
    expect(tests).toEqual(LINT_RULES.map((rule) => rule.id));
  });

  it.each(LINT_RULES.map((rule) => [rule.id, rule] as const))("%s: metadata is well formed", (_, rule) => {
    expect(Object.isFrozen(rule)).toBe(true);
    expect(rule.summary).toMatch(/^[A-Z`].*\.$/);
    expect(rule.rationale).toMatch(/^[A-Z].*\.$/);
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
    for (const template of Object.values(rule.messages)) expect(template).toMatch(/^[A-Z"].*\.$/);
  });

  it.each(LINT_RULES.map((rule) => [rule.id, rule] as const))(
    "%s: its documented example is a violation of exactly this rule",
    (_, rule) => {
      const options = rule.id === "envelope-fields-required" ? { preset: "cloudevents" } : {};
      const config = configFor(rule.id, options);
      const base = rule.example.base ? catalogOf({ ...rule.example.base, "accord.yaml": config }) : undefined;
      const result = runLint(
        catalogOf({ ...rule.example.files, "accord.yaml": config }),
        base ? { base } : {},
      );
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.findings.map((finding) => finding.ruleId)).toContain(rule.id);
      expect(Object.keys(rule.example.files)).toContain(rule.example.show);
    },
  );

  it("presets name only existing rules, and strict contains standard contains minimal", () => {
    const ids = new Set(LINT_RULES.map((rule) => rule.id));
    const { minimal, standard, strict } = PRESETS[1];
    for (const preset of [minimal, standard, strict]) {
      for (const id of Object.keys(preset)) expect(ids.has(id)).toBe(true);
    }
    for (const id of Object.keys(minimal)) expect(standard[id]).toBeDefined();
    for (const id of Object.keys(standard)) expect(strict[id]).toBe("error");
  });

  it("documents every rule in the README with its summary, its example violation and what lint says", () => {
    for (const rule of LINT_RULES) {
      expect(readme).toContain(`#### \`${rule.id}\``);
      expect(readme).toContain(rule.summary);
      expect(readme).toContain(rule.example.files[rule.example.show]?.trimEnd());
      const options = rule.id === "envelope-fields-required" ? { preset: "cloudevents" } : {};
      const config = configFor(rule.id, options);
      const base = rule.example.base ? catalogOf({ ...rule.example.base, "accord.yaml": config }) : undefined;
      const result = runLint(
        catalogOf({ ...rule.example.files, "accord.yaml": config }),
        base ? { base } : {},
      );
      const finding = result.ok ? result.value.findings.find((entry) => entry.ruleId === rule.id) : undefined;
      expect(readme, rule.id).toContain(`    ${finding?.message}`);
    }
  });

  it("ships schemas/accord.schema.json generated from the rules", () => {
    const path = fileURLToPath(new URL("../../../schemas/accord.schema.json", import.meta.url));
    const generated = fullConfigSchema();
    // Compared as data: Biome owns the file's layout.
    if (process.env.ACCORD_WRITE_SCHEMAS === "1")
      writeFileSync(path, `${JSON.stringify(generated, null, 2)}\n`);
    expect(
      JSON.parse(readFileSync(path, "utf8")),
      "regenerate: ACCORD_WRITE_SCHEMAS=1 npx vitest run test/contracts/lint/spec.test.ts",
    ).toEqual(generated);
  });
});

describe("runLint", () => {
  const v1 = '{ "type": "object" }\n';

  it("uses the standard preset by default, and reports nothing for version-immutable without a base", () => {
    const result = runLint(catalogOf({ "schemas/a/v1.json": v1 }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rules.map((rule) => `${rule.id}:${rule.severity}`)).toEqual([
      "deprecation-replacement-required:error",
      "examples-valid:error",
      "object-openness-explicit:warning",
      "owners-required:error",
      "property-description-required:warning",
      "schema-description-required:error",
      "subject-name-pattern:error",
      "versions-contiguous:error",
    ]);
    expect(result.value.skipped).toEqual([
      { id: "version-immutable", reason: "needs a base to compare with (--against <ref>)" },
    ]);
    // Subject-level findings (no version) come before the version's.
    expect(result.value.findings.map((finding) => finding.ruleId)).toEqual([
      "owners-required",
      "object-openness-explicit",
      "schema-description-required",
    ]);
    expect(result.value.counts).toEqual({ errors: 2, warnings: 1, infos: 0, acknowledged: 0 });
  });

  it("applies severities, per-rule ignores and subject.yaml ignores", () => {
    const result = runLint(
      catalogOf({
        "accord.yaml":
          "lint:\n  rules:\n    owners-required: warning\n    schema-description-required: {ignore: [b]}\n    object-openness-explicit: off\n",
        "schemas/a/v1.json": v1,
        "schemas/b/v1.json": v1,
        "schemas/c/v1.json": v1,
        "schemas/c/subject.yaml": "owners: [x]\nlint:\n  ignore: [schema-description-required]\n",
      }),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(
      result.value.findings.map((finding) => `${finding.subject} ${finding.ruleId} ${finding.severity}`),
    ).toEqual([
      "a owners-required warning",
      "a schema-description-required error",
      "b owners-required warning",
    ]);
  });

  it("locates findings by line and column and gives them stable fingerprints", () => {
    const files = {
      "accord.yaml": configFor("property-description-required"),
      "schemas/a/v1.json": '{\n  "properties": {\n    "id": { "type": "string" }\n  }\n}\n',
    };
    const first = runLint(catalogOf(files));
    const again = runLint(
      catalogOf({ ...files, "schemas/a/v1.json": '{"properties": {"id": {"type": "string"}}}' }),
    );
    if (!first.ok || !again.ok) throw new Error("lint failed");
    const [finding] = first.value.findings;
    expect(finding).toMatchObject({
      ruleId: "property-description-required",
      file: "schemas/a/v1.json",
      pointer: "#/properties/id",
      line: 3,
      column: 11,
      message: 'Property "id" has no description.',
    });
    expect(finding?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(again.value.findings[0]?.fingerprint).toBe(finding?.fingerprint);
    expect(again.value.findings[0]?.line).toBe(1);
  });

  it.each([
    [
      "lint:\n  rules:\n    owner-required: error\n",
      'accord.yaml:3:21: lint.rules.owner-required: unknown rule id "owner-required" (did you mean "owners-required"?)',
    ],
    [
      "lint:\n  rules:\n    object-openness-explicit: {policy: shut}\n",
      "accord.yaml:3:40: lint.rules.object-openness-explicit.policy: must be one of explicit, closed, open",
    ],
    [
      "lint:\n  rules:\n    owners-required: {pattern: x}\n",
      'accord.yaml:3:32: lint.rules.owners-required.pattern: unknown key "pattern"',
    ],
  ])("rejects bad lint settings as input errors: %j", (config, message) => {
    const result = runLint(catalogOf({ "accord.yaml": config }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("ACCORD_ERR_CATALOG_CONFIG_INVALID");
      expect(result.error.message).toBe(message);
    }
  });

  it("rejects an unknown rule id in subject.yaml's lint.ignore", () => {
    const result = runLint(
      catalogOf({ "schemas/a/v1.json": v1, "schemas/a/subject.yaml": "lint:\n  ignore: [no-such-rule]\n" }),
    );
    expect(result.ok ? "" : result.error.message).toBe(
      'schemas/a/subject.yaml:2:12: lint.ignore[0]: unknown rule id "no-such-rule"',
    );
  });
});
