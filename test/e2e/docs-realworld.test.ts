import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeWebhookCatalog } from "../support/realworld.js";
import { brokenLinks } from "../templates/docs/site-links.js";
import { runCli } from "./helpers.js";
import { siteFiles } from "./support/site-files.js";

/**
 * `accord docs` on GitHub's webhook payload schemas (40 KB each, hundreds of fields, six releases;
 * issue 11): no page over 1 MB, the large versions' details in files of their own. A deterministic
 * subset keeps the suite fast; ACCORD_REALWORLD_FULL=1 builds the whole catalog (bench/docs.js
 * measures it).
 */

const FULL = process.env.ACCORD_REALWORLD_FULL === "1";
const TIMEOUT_MS = FULL ? 600_000 : 180_000;
const ONE_MB = 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), "accord-e2e-docs-realworld-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("accord docs on GitHub's webhook schemas", () => {
  it(
    "builds a site with no page over 1 MB, large versions deferred to files of their own, every link resolving",
    async () => {
      const catalog = join(work, "catalog");
      const site = join(work, "site");
      writeWebhookCatalog(catalog, FULL ? {} : { subjects: 6 });
      const result = await runCli(["docs", "--catalog", catalog, "--out", site, "--no-cache"], {
        timeoutMs: TIMEOUT_MS,
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const files = siteFiles(site);
      for (const [path, content] of files) {
        if (path.endsWith(".html")) expect(Buffer.byteLength(content), path).toBeLessThanOrEqual(ONE_MB);
      }
      const deferred = [...files.keys()].filter((path) => /^subjects\/[^/]+\/v\d+\.js$/.test(path));
      expect(deferred.length).toBeGreaterThan(0);
      for (const path of deferred) {
        expect(files.get(path)).toMatch(/^window\.accordDeferred\("[^"]+\/v\d+\.js", "/);
        expect(files.has(path.replace(/\.js$/, ".html"))).toBe(true);
      }
      expect(brokenLinks(files)).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
