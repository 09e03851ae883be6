import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_FILES } from "../contracts/docs/fixture.js";
import { largeSubjectFiles } from "../templates/docs/large-subject.js";
import { REPO_ROOT, runCli } from "./helpers.js";

/**
 * The HTML site as a reader meets it: headless Chromium (Debian's `chromium`, which .ci/run
 * installs) opens the built site from disk, searches for a property, opens its event, switches
 * versions and reads the change. Screenshots are kept in test-output/docs/.
 */

function findChromium(): string | undefined {
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const path = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (path !== "") return path;
    } catch {
      // not on PATH; try the next name
    }
  }
  return undefined;
}

const executablePath = findChromium();
const SHOTS = join(REPO_ROOT, "test-output", "docs");
const work = mkdtempSync(join(tmpdir(), "accord-e2e-docs-browser-"));
const site = join(work, "site");
let browser: Browser;

interface Watched {
  readonly page: Page;
  /** Console errors, uncaught exceptions and failed loads, as text. */
  readonly problems: string[];
  /** Every URL the page asked for. */
  readonly requests: string[];
}

async function open(
  url: string,
  options: { javaScriptEnabled?: boolean; colorScheme?: "light" | "dark" } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    colorScheme: options.colorScheme ?? "light",
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(url);
  return { page, problems, requests };
}

const reason = "chromium is not installed (apt-get install chromium; .ci/run does this in CI)";

describe.skipIf(executablePath === undefined)(
  `the HTML site in a browser${executablePath ? "" : ` (skipped: ${reason})`}`,
  () => {
    beforeAll(async () => {
      if (!existsSync(join(REPO_ROOT, "dist", "cli", "commands", "docs.js"))) {
        throw new Error("dist/ is missing: run `npm run build` before the e2e tests");
      }
      const catalog = join(work, "catalog");
      for (const [path, text] of [...FIXTURE_FILES, ...largeSubjectFiles("bulk-export")]) {
        const target = join(catalog, ...path.split("/"));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
      }
      const built = await runCli(["docs", "--catalog", catalog, "--out", site, "--no-cache"]);
      if (built.code !== 0) throw new Error(`accord docs failed: ${built.stderr}`);
      mkdirSync(SHOTS, { recursive: true });
      browser = await chromium.launch({
        executablePath: executablePath as string,
        headless: true,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      });
    });

    afterAll(async () => {
      await browser?.close();
      rmSync(work, { recursive: true, force: true });
    });

    const indexUrl = () => pathToFileURL(join(site, "index.html")).href;

    it("finds an event by a property name, opens it, switches versions and reads the change", async () => {
      const { page, problems, requests } = await open(indexUrl());
      await expect(page.title()).resolves.toBe("Shop events");

      // Search needs JavaScript, which is on: the box shows and the header's copy hides.
      await page.keyboard.press("/");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
      await page.keyboard.type("couponcode");
      const results = page.locator("#search-results li");
      await expect.poll(() => results.count()).toBe(1);
      await expect(results.first().textContent()).resolves.toContain("order-placed");
      await expect(results.first().textContent()).resolves.toContain("field couponCode in v2");
      await expect(page.locator("#search-status").textContent()).resolves.toBe("1 event matches.");
      await page.screenshot({ path: join(SHOTS, "search.png"), fullPage: true });

      // The hit opens the version where the property exists.
      await results.first().locator("a").click();
      await page.waitForURL(/subjects\/order-placed\.html#v2$/);
      expect(await page.locator("section.version#v2").isVisible()).toBe(true);
      expect(await page.locator("section.version#v3").isVisible()).toBe(false);
      await expect(page.locator('[data-version-link="2"]').getAttribute("aria-current")).resolves.toBe(
        "true",
      );
      await expect(page.locator("#v2 table.fields").textContent()).resolves.toContain("couponCode");

      // Switch to the latest version and read its change from v2.
      await page.locator('[data-version-link="3"]').click();
      await page.waitForURL(/#v3$/);
      expect(await page.locator("section.version#v3").isVisible()).toBe(true);
      expect(await page.locator("section.version#v2").isVisible()).toBe(false);
      const change = page.locator("#v3 .change-box");
      await expect(change.locator("h3").textContent()).resolves.toBe("Changes from v2 Breaking");
      const changeText = (await change.textContent()) ?? "";
      expect(changeText).toContain("5 breaking changes under BACKWARD");
      expect(changeText).toContain("removed couponCode");
      expect(changeText).toContain("enum-value-removed");
      expect(changeText).toContain('Value "CHF" is no longer allowed.');
      // The first finding's example event is open, and it is the event that breaks.
      const proof = await change.locator("details.proof").first().locator("code").textContent();
      expect(JSON.parse(proof ?? "null")).toMatchObject({ couponCode: expect.any(String) });

      // Nested rows fold away and come back.
      const toggle = page.locator('#v3 tr:has(code[title="customer"]) .row-toggle');
      await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("true");
      expect(await page.locator('#v3 code[title="customer.email"]').isVisible()).toBe(true);
      await toggle.click();
      await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("false");
      expect(await page.locator('#v3 code[title="customer.email"]').isVisible()).toBe(false);
      await toggle.press("Enter");
      expect(await page.locator('#v3 code[title="customer.email"]').isVisible()).toBe(true);

      await page.screenshot({ path: join(SHOTS, "order-placed-v3.png"), fullPage: true });
      expect(problems).toEqual([]);
      // Everything came from disk: no CDN, no network.
      expect(requests.filter((url) => !url.startsWith("file://"))).toEqual([]);
    });

    it("shows the deprecation banner with a working link to the replacement", async () => {
      const { page, problems } = await open(
        pathToFileURL(join(site, "subjects", "customer-registered.html")).href,
      );
      const banner = page.locator("aside.banner-deprecated");
      await expect(banner.textContent()).resolves.toContain(
        "Deprecated. Replaced by the signup flow's event.",
      );
      await banner.locator("a").click();
      await page.waitForURL(/customer-signed-up\.html$/);
      await expect(page.locator("h1").textContent()).resolves.toBe("customer-signed-up");
      expect(problems).toEqual([]);
    });

    it("links the map's boxes to event pages and switches to the dark theme", async () => {
      const { page, problems } = await open(pathToFileURL(join(site, "graph.html")).href);
      await page.locator(".theme-toggle").click();
      await expect(page.locator("html").getAttribute("data-theme")).resolves.toBe("dark");
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).not.toBe("rgb(251, 251, 250)");
      await page.screenshot({ path: join(SHOTS, "map-dark.png"), fullPage: true });
      await page.locator('svg a[href="subjects/payment-captured.html"]').first().click();
      await page.waitForURL(/payment-captured\.html$/);
      // The choice is remembered on the next page.
      await expect(page.locator("html").getAttribute("data-theme")).resolves.toBe("dark");
      expect(problems).toEqual([]);
    });

    it("reads fully without JavaScript", async () => {
      const { page, problems } = await open(pathToFileURL(join(site, "subjects", "order-placed.html")).href, {
        javaScriptEnabled: false,
      });
      for (const v of [1, 2, 3]) expect(await page.locator(`section.version#v${v}`).isVisible()).toBe(true);
      expect(await page.locator('code[title="items[].sku"]').first().isVisible()).toBe(true);
      const index = await open(indexUrl(), { javaScriptEnabled: false });
      expect(await index.page.locator("[data-search]").isVisible()).toBe(false);
      await expect(index.page.locator("noscript").count()).resolves.toBe(1);
      expect(await index.page.locator('a[href="subjects/order-placed.html"]').first().isVisible()).toBe(true);
      expect([...problems, ...index.problems]).toEqual([]);
    });

    it("loads a large version's fields only when that version is shown, and reads it without JavaScript too", async () => {
      const url = pathToFileURL(join(site, "subjects", "bulk-export.html")).href;
      const { page, problems, requests } = await open(url);
      const loaded = () => requests.filter((request) => /\/subjects\/bulk-export\/v\d\.js$/.test(request));
      // The latest version is shown, so its details are loaded, and only its.
      await expect.poll(() => page.locator("#v3 table.fields").count()).toBe(1);
      expect(loaded().map((request) => request.split("/").pop())).toEqual(["v3.js"]);
      await expect(page.locator('#v3 code[title="field_402"]').isVisible()).resolves.toBe(true);
      await expect(page.locator("#v3 table.fields tbody tr").count()).resolves.toBe(403);

      await page.locator('[data-version-link="1"]').click();
      await page.waitForURL(/#v1$/);
      await expect.poll(() => page.locator("#v1 table.fields").count()).toBe(1);
      expect(loaded().map((request) => request.split("/").pop())).toEqual(["v3.js", "v1.js"]);
      await expect(page.locator("#v1 table.fields").textContent()).resolves.toContain("field_400");
      await expect(page.locator("#v1 table.fields").textContent()).resolves.not.toContain("field_401");
      await page.screenshot({ path: join(SHOTS, "bulk-export-deferred.png"), fullPage: false });
      expect(problems).toEqual([]);

      const plain = await open(url, { javaScriptEnabled: false });
      await expect(plain.page.locator("#v2 table.fields").count()).resolves.toBe(0);
      await plain.page.locator('#v2 a[href="bulk-export/v2.html"]').click();
      await plain.page.waitForURL(/bulk-export\/v2\.html$/);
      await expect(plain.page.locator("h1").textContent()).resolves.toBe("bulk-export v2");
      expect(await plain.page.locator('code[title="field_401"]').isVisible()).toBe(true);
      expect(plain.problems).toEqual([]);
    });

    it("starts keyboard navigation with a skip link to the content", async () => {
      const { page } = await open(indexUrl());
      await page.keyboard.press("Tab");
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to content");
      await page.keyboard.press("Enter");
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("main");
    });
  },
);
