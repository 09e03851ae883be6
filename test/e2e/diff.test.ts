import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { DiffResult } from "../../cli/commands/diff.js";
import { validatorFor } from "../../contracts/schema/ajv.js";
import type { Draft, Json } from "../../contracts/schema/types.js";
import { type CliResult, REPO_ROOT, runCli } from "./helpers.js";

const FIXTURES = "test/e2e/fixtures/diff";
const fixture = (name: string): string => `${FIXTURES}/${name}`;
const EXAMPLES = "examples/order-placed";

function readSchema(path: string): Json {
  const text = readFileSync(join(REPO_ROOT, path), "utf8");
  return (path.endsWith(".json") ? JSON.parse(text) : parseYaml(text)) as Json;
}

function reportOf(result: CliResult): DiffResult {
  return JSON.parse(result.stdout) as DiffResult;
}

/** Checks the witness independently of the engine: accepted by the writer, rejected by the reader. */
function expectWitness(
  finding: DiffResult["findings"][number],
  oldPath: string,
  newPath: string,
  draft: Draft,
): void {
  const [writer, reader] = finding.direction === "backward" ? [oldPath, newPath] : [newPath, oldPath];
  expect(validatorFor(readSchema(writer), draft)(finding.example)).toBe(true);
  expect(validatorFor(readSchema(reader), draft)(finding.example)).toBe(false);
}

/** A usage or input error: exit 2, exactly one line on stderr, no stack frames anywhere. */
function expectInputError(result: CliResult): string {
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^accord: /);
  expect(result.stderr + result.stdout).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain("See more help");
  return lines[0] ?? "";
}

describe("accord diff: verdicts and exit codes", () => {
  it("reads a keyword named by --annotation-keyword as an annotation, and says so", async () => {
    const files = [fixture("vendor-hint-v1.json"), fixture("vendor-hint-v2.json")];
    const plain = reportOf(await runCli(["diff", ...files, "--mode", "FULL", "--json"]));
    expect(plain.verdict).toBe("undetermined");
    expect(plain.undetermined.map((u) => u.ruleId)).toContain("unknown-keyword-changed");
    const declared = await runCli([
      "diff",
      ...files,
      "--mode",
      "FULL",
      "--annotation-keyword",
      "tsAdditionalProperties",
      "--json",
    ]);
    expect(declared.code).toBe(0);
    expect(reportOf(declared)).toMatchObject({
      verdict: "compatible",
      assumptions: { annotationKeywords: ["tsAdditionalProperties"] },
    });
    const text = await runCli(["diff", ...files, "--annotation-keyword", "tsAdditionalProperties"]);
    expect(text.stdout).toContain("annotation keywords (never validate): tsAdditionalProperties");
  });

  it("exits 0 and reports compatible when the new schema only widens a bound", async () => {
    const result = await runCli(["diff", fixture("name-v1.json"), fixture("name-longer.json"), "--json"]);
    expect(result.code).toBe(0);
    const report = reportOf(result);
    expect(report).toMatchObject({ compatible: true, verdict: "compatible", mode: "BACKWARD" });
    expect(report.findings).toEqual([]);
    expect(report.undetermined).toEqual([]);
  });

  it("exits 1 on a lowered maxLength and proves it with an example event", async () => {
    const oldFile = fixture("name-v1.json");
    const newFile = fixture("name-shorter.yaml");
    const result = await runCli(["diff", oldFile, newFile, "--json"]);
    expect(result.code).toBe(1);
    const report = reportOf(result);
    expect(report).toMatchObject({ compatible: false, verdict: "incompatible", mode: "BACKWARD" });
    const finding = report.findings.find((f) => f.ruleId === "max-length-decreased");
    expect(finding).toBeDefined();
    if (!finding) return;
    expect(finding.direction).toBe("backward");
    expect(finding.oldPath).toMatch(/^#\/properties\/name/);
    expect(finding.newPath).toMatch(/^#\/properties\/name/);
    expectWitness(finding, oldFile, newFile, "draft-07");
  });

  it("prints a readable report with the verdict, the rule and the example when not in JSON mode", async () => {
    const result = await runCli(["diff", fixture("name-v1.json"), fixture("name-shorter.yaml")]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^INCOMPATIBLE under BACKWARD/);
    expect(result.stdout).toContain("max-length-decreased");
    expect(result.stdout).toContain("Breaks at /name: ");
    expect(result.stdout).toContain(
      "Example event (excerpt; --json has it whole), valid under the old schema and rejected by the new one:",
    );
    expect(result.stdout).toContain("(assumed: no $schema)");
    expect(result.stdout).not.toContain("\u001b[");
  });

  it("reverses the question under FORWARD", async () => {
    const narrowed = await runCli([
      "diff",
      fixture("name-v1.json"),
      fixture("name-shorter.yaml"),
      "--mode",
      "FORWARD",
      "--json",
    ]);
    expect(narrowed.code).toBe(0);
    expect(reportOf(narrowed)).toMatchObject({ verdict: "compatible", mode: "FORWARD" });

    const oldFile = fixture("name-v1.json");
    const newFile = fixture("name-longer.json");
    const widened = await runCli(["diff", oldFile, newFile, "--mode", "FORWARD", "--json"]);
    expect(widened.code).toBe(1);
    const report = reportOf(widened);
    expect(report.verdict).toBe("incompatible");
    const finding = report.findings.find((f) => f.ruleId === "max-length-increased");
    expect(finding?.direction).toBe("forward");
    if (finding) expectWitness(finding, oldFile, newFile, "draft-07");
  });

  it("fails FULL when either direction fails, and passes NONE whatever changed", async () => {
    const full = await runCli([
      "diff",
      fixture("name-v1.json"),
      fixture("name-longer.json"),
      "--mode",
      "FULL",
      "--json",
    ]);
    expect(full.code).toBe(1);
    expect(reportOf(full)).toMatchObject({ verdict: "incompatible", mode: "FULL" });

    const none = await runCli([
      "diff",
      fixture("name-v1.json"),
      fixture("name-shorter.yaml"),
      "--mode",
      "NONE",
      "--json",
    ]);
    expect(none.code).toBe(0);
    expect(reportOf(none)).toMatchObject({ compatible: true, verdict: "compatible", mode: "NONE" });
  });

  it("treats a TRANSITIVE mode as its plain form for two files, and says which mode it ran", async () => {
    const result = await runCli([
      "diff",
      fixture("name-v1.json"),
      fixture("name-shorter.yaml"),
      "--mode",
      "BACKWARD_TRANSITIVE",
      "--json",
    ]);
    expect(result.code).toBe(1);
    const report = reportOf(result);
    expect(report.mode).toBe("BACKWARD_TRANSITIVE");
    expect(report.findings.map((f) => f.ruleId)).toContain("max-length-decreased");
  });

  it("counts an optional property added to an open model as breaking unless writers emit only declared properties", async () => {
    const args = ["diff", fixture("name-v1.json"), fixture("name-with-nickname.json"), "--json"];
    const open = await runCli(args);
    expect(open.code).toBe(1);
    const openReport = reportOf(open);
    expect(openReport.assumptions.writersEmitOnlyDeclared).toBe(false);
    expect(openReport.findings.map((f) => f.ruleId)).toContain("property-added-to-open-model");

    const closed = await runCli([...args, "--writers-emit-only-declared"]);
    expect(closed.code).toBe(0);
    const closedReport = reportOf(closed);
    expect(closedReport.verdict).toBe("compatible");
    expect(closedReport.assumptions.writersEmitOnlyDeclared).toBe(true);
  });

  it("states the drafts it used and whether they were assumed", async () => {
    const assumed = reportOf(
      await runCli(["diff", fixture("name-v1.json"), fixture("name-longer.json"), "--json"]),
    );
    expect(assumed.assumptions).toMatchObject({
      oldDraft: "draft-07",
      newDraft: "draft-07",
      draftAssumed: true,
    });

    const chosen = reportOf(
      await runCli([
        "diff",
        fixture("name-v1.json"),
        fixture("name-longer.json"),
        "--default-draft",
        "2020-12",
        "--json",
      ]),
    );
    expect(chosen.assumptions).toMatchObject({
      oldDraft: "2020-12",
      newDraft: "2020-12",
      draftAssumed: true,
    });

    const declared = reportOf(
      await runCli(["diff", fixture("name-v1-2020.json"), fixture("name-v1-2020.json"), "--json"]),
    );
    expect(declared.assumptions).toMatchObject({
      oldDraft: "2020-12",
      newDraft: "2020-12",
      draftAssumed: false,
    });
  });

  it("exits 1 on an undetermined verdict, or 0 with a warning under --allow-undetermined", async () => {
    const args = ["diff", fixture("pattern-doubled.json"), fixture("pattern-pairs.json"), "--json"];
    const strict = await runCli(args);
    expect(strict.code).toBe(1);
    const report = reportOf(strict);
    expect(report.verdict).toBe("undetermined");
    expect(report.undetermined.length).toBeGreaterThan(0);

    const lenient = await runCli([...args, "--allow-undetermined"]);
    expect(lenient.code).toBe(0);
    expect(reportOf(lenient).verdict).toBe("undetermined");
    expect(lenient.stderr).toMatch(/^accord: warning: verdict undetermined/);
  });
});

describe("accord diff: the order-placed examples", () => {
  const v1 = `${EXAMPLES}/v1.json`;
  const v2 = `${EXAMPLES}/v2.json`;
  const safe = `${EXAMPLES}/v2-compatible.json`;

  it("catches the narrowed currency enum and the lowered sku maxLength in v2", async () => {
    const result = await runCli(["diff", v1, v2, "--json"]);
    expect(result.code).toBe(1);
    const report = reportOf(result);
    expect(report.verdict).toBe("incompatible");
    const rules = report.findings.map((f) => f.ruleId);
    expect(rules).toContain("enum-value-removed");
    expect(rules).toContain("max-length-decreased");
    expect(report.assumptions).toMatchObject({
      oldDraft: "2020-12",
      newDraft: "2020-12",
      draftAssumed: false,
    });
    for (const finding of report.findings) expectWitness(finding, v1, v2, "2020-12");
  });

  it("accepts v2-compatible under BACKWARD, and v2 under FORWARD", async () => {
    const backward = await runCli(["diff", v1, safe, "--json"]);
    expect(backward.code).toBe(0);
    expect(reportOf(backward).verdict).toBe("compatible");

    const forward = await runCli(["diff", v1, v2, "--mode", "FORWARD", "--json"]);
    expect(forward.code).toBe(0);
    expect(reportOf(forward).verdict).toBe("compatible");
  });

  it("rejects v2-compatible under FULL because old consumers cannot read what v2 allows", async () => {
    const result = await runCli(["diff", v1, safe, "--mode", "FULL", "--json"]);
    expect(result.code).toBe(1);
    const report = reportOf(result);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.direction === "forward")).toBe(true);
    for (const finding of report.findings) expectWitness(finding, v1, safe, "2020-12");
  });
});

describe("accord diff: usage and input errors", () => {
  // Broken files are written here rather than committed, so the repository's own lint stays clean.
  let scratch = "";
  const broken = (name: string): string => `${scratch}/${name}`;
  beforeAll(() => {
    const base = join(REPO_ROOT, "test-output");
    mkdirSync(base, { recursive: true });
    scratch = relative(REPO_ROOT, mkdtempSync(join(base, "e2e-diff-")));
    // A missing comma before "age": line 5, column 5.
    writeFileSync(
      join(REPO_ROOT, broken("bad-syntax.json")),
      '{\n  "type": "object",\n  "properties": {\n    "name": { "type": "string" }\n    "age": { "type": "integer" }\n  }\n}\n',
    );
    // A stray "]" at line 2, column 17.
    writeFileSync(
      join(REPO_ROOT, broken("bad-syntax.yaml")),
      "type: object\nrequired: [name]]\nproperties: {}\n",
    );
  });
  afterAll(() => {
    rmSync(join(REPO_ROOT, scratch), { recursive: true, force: true });
  });

  it("names a missing file in one line and exits 2", async () => {
    const line = expectInputError(
      await runCli(["diff", fixture("name-v1.json"), fixture("does-not-exist.json")]),
    );
    expect(line).toBe(`accord: cannot read ${fixture("does-not-exist.json")}: no such file`);
  });

  it("points at file:line:column for a JSON syntax error", async () => {
    const line = expectInputError(await runCli(["diff", broken("bad-syntax.json"), fixture("name-v1.json")]));
    expect(line).toContain(`${broken("bad-syntax.json")}:5:5`);
  });

  it("points at file:line:column for a YAML syntax error", async () => {
    const line = expectInputError(await runCli(["diff", fixture("name-v1.json"), broken("bad-syntax.yaml")]));
    expect(line).toContain(`${broken("bad-syntax.yaml")}:2:17`);
  });

  it("rejects a schema that is not valid against its meta-schema, naming the keyword", async () => {
    const line = expectInputError(
      await runCli(["diff", fixture("invalid-schema.json"), fixture("name-v1.json")]),
    );
    expect(line).toContain(fixture("invalid-schema.json"));
    expect(line).toContain("maxLength");
  });

  it("refuses a remote $ref without fetching it", async () => {
    const line = expectInputError(
      await runCli(["diff", fixture("name-v1.json"), fixture("remote-ref.json")]),
    );
    expect(line).toContain("https://schemas.example.com/address.json");
    expect(line).toContain("never fetches remote references");
  });

  it("rejects an unknown flag, a bad --mode and a missing argument with exit 2", async () => {
    const files = [fixture("name-v1.json"), fixture("name-longer.json")];
    expect(expectInputError(await runCli(["diff", ...files, "--bogus"]))).toBe(
      "accord: Nonexistent flag: --bogus",
    );
    expect(expectInputError(await runCli(["diff", ...files, "--mode", "SIDEWAYS"]))).toMatch(
      /^accord: Expected --mode=SIDEWAYS to be one of: NONE, BACKWARD/,
    );
    expect(expectInputError(await runCli(["diff", fixture("name-v1.json")]))).toBe(
      "accord: Missing 1 required arg: new-file",
    );
  });

  it("prints a JSON error object on stdout under --json, with the same exit code", async () => {
    const missing = fixture("does-not-exist.json");
    const result = await runCli(["diff", missing, fixture("name-v1.json"), "--json"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: "ACCORD_ERR_FILE_READ",
        message: `cannot read ${missing}: no such file`,
        location: { file: missing },
      },
    });

    const usage = await runCli(["diff", missing, "--json", "--mode", "SIDEWAYS"]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { code: "ACCORD_ERR_USAGE", location: null } });
  });
});
