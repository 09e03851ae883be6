import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { commitAll, git, json, removeDir, tempDir, writeFiles } from "./support/git-catalog.js";
import { sarifProblems } from "./support/sarif.js";
import { findAll, parseXml } from "./support/xml.js";

/** `accord init`, `accord new-version` and `accord lint`, run as a user runs them. */

let dir: string;

beforeAll(() => {
  dir = tempDir("catalog");
});

afterAll(() => removeDir(dir));

describe("accord init", () => {
  it("scaffolds a catalog that passes lint and check, and says what to do next", async () => {
    const init = await runCli(["init", "shop"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("Created an Accord catalog in shop:");
    expect(init.stdout).toContain("shop/schemas/order-placed/v2.json");
    expect(init.stdout).toContain("accord check --against main");
    for (const file of [
      "accord.yaml",
      "schemas/order-placed/subject.yaml",
      "schemas/order-placed/v1.json",
      "schemas/order-placed/v2.json",
    ]) {
      expect(existsSync(join(dir, "shop", file)), file).toBe(true);
    }
    const lint = await runCli(["lint"], { cwd: join(dir, "shop") });
    expect(lint.code).toBe(0);
    expect(lint.stdout).toContain("PASSED: 0 errors, 0 warnings.");
    const check = await runCli(["check", "--json"], { cwd: join(dir, "shop") });
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).checks).toEqual([
      { subject: "order-placed", version: 2, mode: "BACKWARD", against: [1], verdict: "compatible" },
    ]);
  });

  it("refuses to overwrite an existing catalog (exit 2), writing nothing", async () => {
    const before = readFileSync(join(dir, "shop", "accord.yaml"), "utf8");
    const again = await runCli(["init", "shop", "--json"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error.code).toBe("ACCORD_ERR_CATALOG_FILE_EXISTS");
    expect(again.stderr).toBe("accord: shop/accord.yaml already exists; not overwriting it\n");
    expect(readFileSync(join(dir, "shop", "accord.yaml"), "utf8")).toBe(before);
  });
});

describe("accord new-version", () => {
  it("copies the newest version to the next number, keeping its text and extension", async () => {
    const result = await runCli(["new-version", "order-placed", "--dir", "shop", "--json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      subject: "order-placed",
      version: 3,
      file: "schemas/order-placed/v3.json",
      copiedFrom: "schemas/order-placed/v2.json",
    });
    const shop = join(dir, "shop", "schemas", "order-placed");
    expect(readFileSync(join(shop, "v3.json"), "utf8")).toBe(readFileSync(join(shop, "v2.json"), "utf8"));
  });

  it("keeps YAML versions YAML", async () => {
    const yamlCatalog = join(dir, "yaml");
    writeFiles(yamlCatalog, { "accord.yaml": "", "schemas/thing/v1.yaml": "type: object\n" });
    const result = await runCli(["new-version", "thing"], { cwd: yamlCatalog });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "Created schemas/thing/v2.yaml from schemas/thing/v1.yaml. Edit it, then run: accord check\n",
    );
    expect(readFileSync(join(yamlCatalog, "schemas/thing/v2.yaml"), "utf8")).toBe("type: object\n");
  });

  it("names the subjects there are when asked for one that is not", async () => {
    const result = await runCli(["new-version", "order-shipped", "--dir", "shop"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'accord: no subject "order-shipped" in the catalog (subjects: order-placed)\n',
    );
  });
});

describe("accord lint", () => {
  const undocumented = json({
    type: "object",
    properties: { id: { type: "string" }, amount: { type: "number", minimum: 0, examples: [-1] } },
  });

  it("reports errors and warnings with file:line:column and exits 1 on errors", async () => {
    const catalog = join(dir, "lint-errors");
    writeFiles(catalog, {
      "accord.yaml": "lint:\n  preset: standard\n",
      "schemas/PaymentCaptured/v1.json": undocumented,
      "schemas/PaymentCaptured/v3.json": undocumented,
    });
    const result = await runCli(["lint", "--dir", "lint-errors"], { cwd: dir });
    expect(result.code).toBe(1);
    const out = result.stdout;
    expect(out).toContain("error subject-name-pattern  lint-errors/schemas/PaymentCaptured/v1.json:1:1");
    expect(out).toContain("error owners-required  lint-errors/schemas/PaymentCaptured/v1.json:1:1");
    expect(out).toContain("error versions-contiguous (v3)  lint-errors/schemas/PaymentCaptured/v3.json:1:1");
    expect(out).toContain("error schema-description-required (v3)");
    expect(out).toContain(
      "warning property-description-required (v3)  lint-errors/schemas/PaymentCaptured/v3.json:4:11",
    );
    expect(out).toContain("error examples-valid (v3)  lint-errors/schemas/PaymentCaptured/v3.json:11:9");
    expect(out).toContain("Example 0 is rejected by its schema: must be >= 0 (at the root).");
    expect(out).toMatch(/FAILED: 5 errors, 3 warnings\.$/m);
  });

  it("passes (exit 0) with warnings only, and honours severities and ignores from accord.yaml", async () => {
    const catalog = join(dir, "lint-warnings");
    writeFiles(catalog, {
      "accord.yaml": [
        "lint:",
        "  preset: standard",
        "  rules:",
        "    owners-required: warning",
        "    schema-description-required: {ignore: [payment-captured]}",
        "    examples-valid: off",
        "    object-openness-explicit: off",
        "    property-description-required: warning",
      ].join("\n"),
      "schemas/payment-captured/v1.json": undocumented,
    });
    const result = await runCli(["lint", "--json"], { cwd: catalog });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.passed).toBe(true);
    expect(report.counts).toEqual({ errors: 0, warnings: 3, infos: 0, acknowledged: 0 });
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual([
      "owners-required",
      "property-description-required",
      "property-description-required",
    ]);
  });

  it("with --against, reports edited and deleted published versions", async () => {
    const repo = tempDir("lint-git");
    try {
      git(repo, "init", "-q", "-b", "main");
      const init = await runCli(["init"], { cwd: repo });
      expect(init.code).toBe(0);
      commitAll(repo, "catalog");
      const v1 = join(repo, "schemas/order-placed/v1.json");
      writeFiles(repo, {
        "schemas/order-placed/v1.json": readFileSync(v1, "utf8").replace(
          "A customer placed an order.",
          "Changed.",
        ),
      });
      const without = await runCli(["lint"], { cwd: repo });
      expect(without.code).toBe(0);
      expect(without.stdout).toContain(
        "skipped version-immutable: needs a base to compare with (--against <ref>)",
      );
      const against = await runCli(["lint", "--against", "main", "--format", "github-actions"], {
        cwd: repo,
      });
      expect(against.code).toBe(1);
      expect(against.stdout.split("\n")[0]).toMatch(
        /^::error file=schemas\/order-placed\/v1\.json,line=1,col=1,title=accord version-immutable order-placed v1::Version 1 was published at the base ref and has been edited; add v3 instead\./,
      );
    } finally {
      removeDir(repo);
    }
  });

  it("writes JUnit and SARIF too", async () => {
    const junit = await runCli(["lint", "--dir", "lint-errors", "--format", "junit"], { cwd: dir });
    expect(junit.code).toBe(1);
    const root = parseXml(junit.stdout);
    expect(root.attributes.name).toBe("accord lint");
    expect(findAll(root, "testsuite").map((suite) => suite.attributes.name)).toEqual(["PaymentCaptured"]);
    expect(findAll(root, "testcase")).toHaveLength(8);
    expect(
      findAll(root, "failure")
        .map((failure) => failure.attributes.type)
        .sort(),
    ).toEqual([
      "examples-valid",
      "owners-required",
      "schema-description-required",
      "subject-name-pattern",
      "versions-contiguous",
    ]);
    const sarif = await runCli(["lint", "--dir", "lint-errors", "--format", "sarif"], { cwd: dir });
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(sarifProblems(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(8);
    expect(log.runs[0].automationDetails.id).toBe("accord/lint/");
  });

  it.each([
    [
      "a misspelt setting",
      { "accord.yaml": "compatibilty: FULL\n" },
      'accord: accord.yaml:1:15: compatibilty: unknown key (did you mean "compatibility"?)',
    ],
    [
      "an unknown rule",
      { "accord.yaml": "lint:\n  rules:\n    owner-required: error\n" },
      'accord: accord.yaml:3:21: lint.rules.owner-required: unknown rule id "owner-required" (did you mean "owners-required"?)',
    ],
    [
      "a schema that does not parse",
      { "accord.yaml": "", "schemas/a/v1.json": '{\n  "type": "object",\n}\n' },
      "accord: schemas/a/v1.json:2:19: trailing comma before '}'",
    ],
    [
      "a schema that is not valid JSON Schema",
      { "accord.yaml": "", "schemas/a/v1.yaml": "type: object\nproperties:\n  id: {type: text}\n" },
      "accord: schemas/a/v1.yaml:3:14: #/properties/id/type: must be equal to one of the allowed values",
    ],
  ])("exits 2 with one line naming file:line:column for %s", async (_, files, message) => {
    const catalog = tempDir("lint-bad");
    try {
      writeFiles(catalog, files);
      const result = await runCli(["lint"], { cwd: catalog });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.startsWith(message)).toBe(true);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      removeDir(catalog);
    }
  });
});
