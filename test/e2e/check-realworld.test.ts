import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childAt, parsePointer } from "../../contracts/schema/pointer.js";
import type { Json } from "../../contracts/schema/types.js";
import { writeWebhookCatalog } from "../support/realworld.js";
import { runCli } from "./helpers.js";
import { sarifProblems } from "./support/sarif.js";
import { parseXml, type XmlElement } from "./support/xml.js";

/**
 * `accord check` on published schemas nobody on the team wrote: GitHub's webhook payloads, one
 * version per release, FULL_TRANSITIVE (issue 11). The reports must stay readable and bounded in
 * every format. A deterministic subset keeps the suite fast; ACCORD_REALWORLD_FULL=1 checks the
 * whole catalog (54 subjects x 6 versions; bench/check.js measures it).
 */

const FULL = process.env.ACCORD_REALWORLD_FULL === "1";
const SUBJECTS = FULL ? undefined : 6;
const TIMEOUT_MS = FULL ? 600_000 : 120_000;
const MAX_REPORT_BYTES = 10 * 1024 * 1024;

interface Finding {
  readonly ruleId: string;
  readonly source: string;
  readonly subject?: string;
  readonly direction?: string;
  readonly oldPath?: string;
  readonly newPath?: string;
  readonly example?: Json;
  readonly at?: string;
  readonly seenIn?: readonly { version: number; against?: number }[];
}

const work = mkdtempSync(join(tmpdir(), "accord-e2e-realworld-"));
const catalog = join(work, "catalog");
let json: { findings: Finding[]; counts: { errors: number } };
let jsonText: string;

function findAll(element: XmlElement, name: string): XmlElement[] {
  const found = element.name === name ? [element] : [];
  for (const child of element.children) for (const match of findAll(child, name)) found.push(match);
  return found;
}

async function check(format: string) {
  // Run from the catalog folder (outside any git repository), so SARIF paths are relative to it.
  const result = await runCli(["check", "--format", format], { cwd: catalog, timeoutMs: TIMEOUT_MS });
  // Findings, never a crash: exit 1 and nothing on stderr.
  expect(result.stderr).toBe("");
  expect(result.code).toBe(1);
  expect(Buffer.byteLength(result.stdout)).toBeLessThan(MAX_REPORT_BYTES);
  return result.stdout;
}

describe(`accord check on GitHub's webhook schemas (${FULL ? "all subjects" : `${SUBJECTS} subjects`}, FULL_TRANSITIVE)`, () => {
  beforeAll(async () => {
    writeWebhookCatalog(catalog, SUBJECTS === undefined ? {} : { subjects: SUBJECTS });
    jsonText = await check("json");
    json = JSON.parse(jsonText);
  }, TIMEOUT_MS);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(
    "json: one finding per change, each example breaking at a place that exists in it; --json is the same",
    async () => {
      expect(json.findings.length).toBeGreaterThan(0);
      const changes = new Set<string>();
      let grouped = 0;
      for (const finding of json.findings.filter((entry) => entry.source === "compat")) {
        const key = [
          finding.subject,
          finding.ruleId,
          finding.direction,
          finding.oldPath,
          finding.newPath,
        ].join("|");
        expect(changes.has(key)).toBe(false);
        changes.add(key);
        if ((finding.seenIn?.length ?? 0) > 1) grouped++;
        if (finding.example === undefined) continue;
        expect(typeof finding.at).toBe("string");
        // `at` leads to the breaking value, or names a required property that its parent lacks.
        const tokens = parsePointer(finding.at as string) ?? [];
        let parent: Json | undefined = finding.example;
        for (const token of tokens.slice(0, -1))
          parent = parent === undefined ? undefined : childAt(parent, token);
        expect(parent).not.toBeUndefined();
      }
      // Transitive comparisons see the same change again; those are listed, not repeated.
      expect(grouped).toBeGreaterThan(0);
      const viaFlag = await runCli(["check", "--json"], { cwd: catalog, timeoutMs: TIMEOUT_MS });
      expect(viaFlag.code).toBe(1);
      expect(JSON.parse(viaFlag.stdout)).toEqual(json);
    },
    TIMEOUT_MS,
  );

  it(
    "text: every breaking change shows where the event breaks and a bounded excerpt",
    async () => {
      const text = await check("text");
      const withExample = json.findings.filter((finding) => finding.example !== undefined).length;
      expect(text.match(/^ {6}Breaks at /gm)?.length).toBe(withExample);
      // An excerpt, not the whole payload: at most a few dozen lines per finding.
      expect(text.split("\n").length).toBeLessThan(json.findings.length * 45 + 50);
      expect(text).toMatch(/FAILED: \d+ errors?/);
    },
    TIMEOUT_MS,
  );

  it(
    "github-actions: at most ten annotations per kind, each line bounded, the rest listed in the log",
    async () => {
      const lines = (await check("github-actions")).trimEnd().split("\n");
      const errors = lines.filter((line) => line.startsWith("::error "));
      expect(errors.length).toBeLessThanOrEqual(10);
      expect(lines.filter((line) => line.startsWith("::warning ")).length).toBeLessThanOrEqual(10);
      for (const line of errors) expect(line.length).toBeLessThan(12_000);
      if (json.counts.errors > 10) {
        expect(errors.at(-1)).toMatch(/^::error title=accord%3A \d+ more errors::/);
        expect(lines).toContain(
          `accord: ${json.findings.length - errors.length + 1} findings not annotated:`,
        );
      }
    },
    TIMEOUT_MS,
  );

  it(
    "junit: well-formed, a failure per unacknowledged error with the breaking value",
    async () => {
      const root = parseXml(await check("junit"));
      const failures = findAll(root, "failure");
      expect(failures).toHaveLength(json.counts.errors);
      const proven = failures.filter((failure) => failure.text.includes("Breaks at "));
      expect(proven.length).toBe(json.findings.filter((finding) => finding.example !== undefined).length);
    },
    TIMEOUT_MS,
  );

  it(
    "sarif: a log code scanning accepts, one result per finding, without whole examples",
    async () => {
      const log = JSON.parse(await check("sarif"));
      expect(sarifProblems(log)).toEqual([]);
      const results = log.runs[0].results as {
        message: { text: string };
        properties: Record<string, unknown>;
      }[];
      expect(results).toHaveLength(json.findings.length);
      for (const result of results) expect(result.properties.example).toBeUndefined();
    },
    TIMEOUT_MS,
  );
});
