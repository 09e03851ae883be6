import { describe, expect, it } from "vitest";
import {
  ANNOTATIONS_PER_KIND,
  formatGithubActions,
  githubAnnotation,
} from "../../../cli/format/github-actions.js";
import type { CatalogFinding } from "../../../contracts/catalog/findings.js";

const finding: CatalogFinding = {
  ruleId: "enum-value-removed",
  source: "compat",
  severity: "error",
  message: 'Value "50%" is no longer allowed.',
  subject: "order-placed",
  version: 3,
  file: "schemas/order-placed/v3.json",
  line: 9,
  column: 15,
  fingerprint: "0123456789abcdef",
  direction: "backward",
  against: 2,
  example: { discount: "50%" },
  at: "/discount",
};

describe("githubAnnotation", () => {
  it("writes one workflow command with escaped properties and message", () => {
    const line = githubAnnotation({ ...finding, file: "schemas/a,b:c/v3.json" }, "contracts");
    expect(line).toBe(
      "::error file=contracts/schemas/a%2Cb%3Ac/v3.json,line=9,col=15,title=accord enum-value-removed order-placed v3::" +
        'Value "50%25" is no longer allowed.%0ABreaks at /discount: "50%25"%0AExample event (excerpt; --format json has it whole), accepted by v2 and rejected by v3:%0A{%0A  "discount": "50%25"%0A}%0Afingerprint 0123456789abcdef',
    );
    expect(line).not.toContain("\n");
  });

  it("says what the reader's validator said at the breaking value, when the engine reports it", () => {
    const readerSays = "/discount: must be equal to one of the allowed values";
    const line = githubAnnotation({ ...finding, readerSays }, "");
    expect(line).toContain(
      `%0ABreaks at /discount: "50%25"%0AThe reader says: ${readerSays}%0AExample event`,
    );
  });

  it("uses warning for warnings and notice for information and acknowledged findings", () => {
    expect(githubAnnotation({ ...finding, severity: "warning" }, "")).toMatch(/^::warning file=schemas\//);
    expect(githubAnnotation({ ...finding, severity: "info" }, "")).toMatch(/^::notice /);
    const acknowledged = githubAnnotation({ ...finding, acknowledged: { exception: 0, reason: "ok" } }, "");
    expect(acknowledged).toMatch(/^::notice /);
    expect(acknowledged).toContain("%0AAcknowledged in accord.yaml: ok%0A");
  });
});

describe("formatGithubActions", () => {
  const many = (count: number, severity: CatalogFinding["severity"], subjects: number) =>
    Array.from(
      { length: count },
      (_, index): CatalogFinding => ({
        ...finding,
        severity,
        subject: `subject-${index % subjects}`,
        fingerprint: `${severity}-${index}`,
      }),
    );
  const annotations = (output: string, kind: string) =>
    output.split("\n").filter((line) => line.startsWith(`::${kind} `));

  it("annotates every finding when each kind fits GitHub's ten per step", () => {
    const output = formatGithubActions(many(10, "error", 3), "", "accord check: failed");
    expect(annotations(output, "error")).toHaveLength(10);
    expect(output).not.toContain("not annotated");
    expect(output.split("\n").at(-1)).toBe("accord check: failed");
  });

  it("keeps to ten annotations per kind, spread over subjects, says how many were left out and lists them", () => {
    const output = formatGithubActions(
      [...many(500, "error", 50), ...many(3, "warning", 1), ...many(30, "info", 2)],
      "",
      "accord check: failed",
    );
    const errors = annotations(output, "error");
    expect(errors).toHaveLength(ANNOTATIONS_PER_KIND);
    // Nine findings from nine different subjects, then the count of the rest.
    const subjects = errors
      .slice(0, -1)
      .map((line) => /title=accord enum-value-removed (subject-\d+)/.exec(line)?.[1]);
    expect(new Set(subjects).size).toBe(9);
    expect(errors.at(-1)).toMatch(
      /^::error title=accord%3A 491 more errors::GitHub shows 10 error annotations per step/,
    );
    expect(annotations(output, "warning")).toHaveLength(3);
    expect(annotations(output, "notice")).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(output).toContain("accord: 512 findings not annotated:");
    const listed = output
      .split("\n")
      .filter((line) => line.startsWith("  error ") || line.startsWith("  notice "));
    expect(listed).toHaveLength(512);
    expect(listed[0]).toMatch(
      /^ {2}error enum-value-removed subject-\d+ v3 {2}schemas\/order-placed\/v3.json:9:15 {2}Value "50%" is no longer allowed. \(breaks at \/discount\) {2}fingerprint error-\d+$/,
    );
  });
});
