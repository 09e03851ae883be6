import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../../contracts/schema/types.js";
import { RAW_SCHEMA_BYTES } from "../../templates/docs/deferral.js";
import {
  asyncapiSeries,
  cyclonedxSeries,
  type WrittenCatalog,
  writeSeriesCatalog,
} from "../support/realworld.js";
import { brokenLinks } from "../templates/docs/site-links.js";
import { tsc, writeConsumer } from "./generate-support.js";
import { runCli } from "./helpers.js";
import { siteFiles } from "./support/site-files.js";

/**
 * Published specifications' schemas as the versions of one subject each, through everything a
 * team runs on day one: the FULL_TRANSITIVE gate, the docs site and generated code (issue 11).
 * CycloneDX's BOM schemas 1.2 to 1.7 (up to 300 KB, companion schemas embedded under their own
 * `$id`) and AsyncAPI's specification schemas 2.0.0-rc2 to 3.1.0 (ten versions).
 */

const TIMEOUT_MS = 180_000;
const ONE_MB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), "accord-e2e-specs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each([
  ["CycloneDX BOM", cyclonedxSeries],
  ["AsyncAPI specification", asyncapiSeries],
] as const)("Accord on the %s schemas", (name, series) => {
  const root = join(work, name.split(" ")[0] as string);
  const catalog = join(root, "catalog");
  let written: WrittenCatalog;
  beforeAll(() => {
    written = writeSeriesCatalog(catalog, series());
  });

  it(
    "check: findings, each with an example and where it breaks, in a bounded report",
    async () => {
      const result = await runCli(["check", "--format", "json"], { cwd: catalog, timeoutMs: TIMEOUT_MS });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(1);
      expect(Buffer.byteLength(result.stdout)).toBeLessThan(10 * ONE_MB);
      const report = JSON.parse(result.stdout) as {
        findings: { source: string; example?: Json; at?: string; seenIn?: unknown[] }[];
      };
      const compat = report.findings.filter((finding) => finding.source === "compat");
      expect(compat.length).toBeGreaterThan(10);
      for (const finding of compat) {
        if (finding.example === undefined) continue;
        expect(typeof finding.at).toBe("string");
      }
    },
    TIMEOUT_MS,
  );

  it(
    "docs: every page under 1 MB, large raw schemas in files of their own, every link resolving",
    async () => {
      const site = join(root, "site");
      const result = await runCli(["docs", "--catalog", catalog, "--out", site, "--no-cache"], {
        timeoutMs: TIMEOUT_MS,
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const files = siteFiles(site);
      for (const path of files.keys()) {
        if (path.endsWith(".html") || path.endsWith(".js"))
          expect(statSync(join(site, path)).size, path).toBeLessThan(ONE_MB);
      }
      // A raw schema too large for a page is a file of its own, the same text.
      const { subjects, versions } = written;
      for (let version = 1; version <= versions; version++) {
        const text = readFileSync(
          join(catalog, "schemas", subjects[0] as string, `v${version}.json`),
          "utf8",
        );
        const own = files.get(`subjects/${subjects[0]}/v${version}.schema.json`);
        expect(own, `v${version}`).toBe(text.length > RAW_SCHEMA_BYTES ? text : undefined);
      }
      expect(brokenLinks(files)).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it(
    "generate: types and validators for every version that compile under tsc --strict",
    async () => {
      const app = join(root, "app");
      writeConsumer(app, { type: "module" });
      const result = await runCli(
        ["generate", "--catalog", catalog, "--wire", "json", "--out", join("src", "events")],
        // In the consuming project, where accord.lock belongs.
        { cwd: app, timeoutMs: TIMEOUT_MS },
      );
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const compiled = tsc(app, "--noEmit");
      expect(compiled.output).toBe("");
      expect(compiled.code).toBe(0);
      expect(JSON.parse(readFileSync(join(app, "accord.lock"), "utf8")).subjects[0].versions).toHaveLength(
        written.versions,
      );
    },
    TIMEOUT_MS,
  );
});
