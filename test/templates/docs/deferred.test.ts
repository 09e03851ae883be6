import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../contracts/catalog/load.js";
import { docsModelFromCatalog } from "../../../contracts/docs/build.js";
import { renderHtmlSite } from "../../../templates/docs/html/site.js";
import { renderMarkdown } from "../../../templates/docs/markdown/render.js";
import { hugeSubjectFiles, largeSubjectFiles, smallSubjectFiles } from "./large-subject.js";
import { brokenLinks } from "./site-links.js";

/**
 * Large versions: a subject whose versions carry hundreds of documented fields keeps its page
 * small; each large version's details go to a page of their own (HTML and Markdown) and, in the
 * HTML site, to the script the subject page loads them from (the browser test loads them).
 */

const FILES = new Map([
  ["accord.yaml", "version: 1\ncompatibility: BACKWARD\n"],
  ...largeSubjectFiles("big"),
  ...smallSubjectFiles("small"),
]);

const loaded = loadCatalog(FILES);
if (!loaded.ok) throw new Error(loaded.error.message);
const model = docsModelFromCatalog(loaded.value);
const files = new Map(renderHtmlSite(model).map((f) => [f.path, f.content]));
const subjectPage = files.get("subjects/big.html") ?? "";

describe("large versions in the HTML site", () => {
  it("keeps the subject page small and gives each large version a page and a script of its own", () => {
    expect(subjectPage.length).toBeLessThan(64 * 1024);
    for (const version of [1, 2, 3]) {
      expect(subjectPage).toContain(`<section class="version" id="v${version}"`);
      expect(subjectPage).toContain(`data-deferred-src="big/v${version}.js"`);
      expect(subjectPage).toContain(`<a href="big/v${version}.html">Open them on a page of their own</a>`);
      const own = files.get(`subjects/big/v${version}.html`) ?? "";
      expect(own).toContain(`<h1>big v${version}</h1>`);
      expect(own).toContain(`<code title="field_${399 + version}">field_${399 + version}</code>`);
      expect(own).toContain('<pre class="code raw-schema"');
    }
    // The field table is not in the subject page; the change from the previous version still is.
    expect(subjectPage).not.toContain("<table");
    expect(subjectPage).toContain('id="v3-changes"');
  });

  it("hands a version's details to the page through accordDeferred, as HTML the site would inline", () => {
    const script = files.get("subjects/big/v2.js") ?? "";
    const received: [string, string][] = [];
    new Function("window", script)({
      accordDeferred: (key: string, markup: string) => received.push([key, markup]),
    });
    expect(received).toHaveLength(1);
    const [key, markup] = received[0] as [string, string];
    expect(key).toBe("big/v2.js");
    expect(markup).toContain('<table class="fields" data-field-table>');
    expect(markup).toContain('<h3 id="v2-example">Example event</h3>');
    expect(files.get("subjects/big/v2.html")).toContain(markup);
  });

  it("inlines small versions as before, and every link of every page resolves", () => {
    const small = files.get("subjects/small.html") ?? "";
    expect(small).not.toContain("data-deferred-src");
    expect(small).toContain('<table class="fields" data-field-table>');
    expect([...files.keys()].filter((path) => path.startsWith("subjects/small/"))).toEqual([]);
    expect(brokenLinks(files)).toEqual([]);
    for (const [path, content] of files) expect(content.length, path).toBeLessThan(1024 * 1024);
  });
});

describe("a subject too large for any one page", () => {
  const loadedHuge = loadCatalog(
    new Map([["accord.yaml", "version: 1\ncompatibility: BACKWARD\n"], ...hugeSubjectFiles("huge")]),
  );
  if (!loadedHuge.ok) throw new Error(loadedHuge.error.message);
  const site = new Map(
    renderHtmlSite(docsModelFromCatalog(loadedHuge.value)).map((f) => [f.path, f.content]),
  );
  const v1Text = hugeSubjectFiles("huge").find(([path]) => path.endsWith("v1.json"))?.[1];

  it("keeps every page under 1 MB, every link resolving", () => {
    for (const [path, content] of site) expect(content.length, path).toBeLessThan(1024 * 1024);
    expect(brokenLinks(site)).toEqual([]);
  });

  it("gives a large raw schema a file of its own, linked from the version's page and from its script", () => {
    expect(site.get("subjects/huge/v1.schema.json")).toBe(v1Text);
    expect(site.get("subjects/huge/v1.html")).toContain('<a href="v1.schema.json">v1.schema.json</a>');
    expect(site.get("subjects/huge/v1.js")).toContain('<a href=\\"huge/v1.schema.json\\">');
    expect(site.get("subjects/huge/v1.html")).not.toContain('<pre class="code raw-schema"');
  });

  it("cuts the field table and the list of breaking changes, and says so", () => {
    const own = site.get("subjects/huge/v2.html") ?? "";
    expect(own).toContain("the table stops there");
    expect(own).toMatch(
      /<p class="note">\d+ more not shown here, to keep the page small; <code>accord check<\/code> lists every one\.<\/p>/,
    );
    const shown = own.match(/<li class="finding">/g)?.length ?? 0;
    const hidden = Number(
      /(\d+) more not shown here, to keep the page small; <code>accord check/.exec(own)?.[1],
    );
    expect(shown).toBeGreaterThan(0);
    expect(shown + hidden).toBe(1500);
  });

  it("keeps Markdown pages under 1 MB the same way", () => {
    const pages = new Map(
      renderMarkdown(docsModelFromCatalog(loadedHuge.value)).map((f) => [f.path, f.content]),
    );
    for (const [path, content] of pages) expect(content.length, path).toBeLessThan(1024 * 1024);
    expect(pages.get("subjects/huge/v1.schema.json")).toBe(v1Text);
    const own = pages.get("subjects/huge/v2.md") ?? "";
    expect(own).toContain("[v2.schema.json](v2.schema.json)");
    expect(own).toContain("_The table stops here");
    expect(own).toMatch(
      /_\d+ more not shown here, to keep the page small; `accord check` lists every one\._/,
    );
  });

  it("moves a large change section off the subject page with the details, keeping its summary line", () => {
    const subject = site.get("subjects/huge.html") ?? "";
    expect(subject).toContain("From v1: 1500 breaking changes under BACKWARD");
    expect(subject).not.toContain('id="v2-changes"');
    expect(subject).toContain("This version's fields, raw schema and example and changes are large");
    expect(site.get("subjects/huge/v2.js")).toContain('id=\\"v2-changes\\"');
  });
});

describe("large versions in Markdown", () => {
  const pages = new Map(renderMarkdown(model).map((f) => [f.path, f.content]));

  it("links each large version's page from the subject's page, which stays small", () => {
    const subject = pages.get("subjects/big.md") ?? "";
    expect(subject.length).toBeLessThan(16 * 1024);
    for (const version of [1, 2, 3]) {
      expect(subject).toContain(`[a page of their own](big/v${version}.md)`);
      const own = pages.get(`subjects/big/v${version}.md`) ?? "";
      expect(own).toMatch(new RegExp(`^# big v${version}\n\n\\[Back to big\\]\\(\\.\\./big\\.md\\)`));
      expect(own).toContain(`| \`field_${399 + version}\` |`);
      expect(own).toContain("<details><summary>Raw schema</summary>");
    }
    expect(pages.get("subjects/small.md")).toContain("| `field_3` |");
    expect([...pages.keys()].filter((path) => path.startsWith("subjects/small/"))).toEqual([]);
  });
});
