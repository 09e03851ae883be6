import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { docsModelFromCatalog } from "../../../contracts/docs/build.js";
import { code, fenced, mdCell, mdText } from "../../../templates/docs/markdown/escape.js";
import { renderMarkdown } from "../../../templates/docs/markdown/render.js";
import { fixtureCatalog } from "../../contracts/docs/fixture.js";

const model = docsModelFromCatalog(fixtureCatalog());
const files = new Map(renderMarkdown(model).map((f) => [f.path, f.content]));

function page(path: string): string {
  const content = files.get(path);
  if (content === undefined) throw new Error(`no ${path}`);
  return content;
}

/** Cells of a GFM table row: split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe("markdown escaping", () => {
  it("escapes Markdown punctuation and HTML in text", () => {
    expect(mdText("*a* _b_ [c](d) <i>|")).toBe("\\*a\\* \\_b\\_ \\[c\\](d) &lt;i&gt;\\|");
    expect(mdCell("one\n  two | three")).toBe("one two \\| three");
  });

  it("builds code spans and fences that survive backticks", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
    expect(fenced("```\ninside\n```", "json")).toBe("````json\n```\ninside\n```\n````");
  });
});

describe("markdown pages", () => {
  it("has an index and one page per subject", () => {
    expect([...files.keys()].sort()).toEqual([
      "README.md",
      ...model.subjects.map((s) => `subjects/${s.slug}.md`).sort(),
    ]);
  });

  it("groups the index by tag, with links that resolve", () => {
    const index = page("README.md");
    expect(index.startsWith("# Shop events\n")).toBe(true);
    for (const group of ["customers", "orders", "payments", "Untagged"])
      expect(index).toContain(`\n## ${group}\n`);
    expect(index).toContain("| [customer-registered](subjects/customer-registered.md) (deprecated) |");
    for (const [path, content] of files) {
      for (const match of content.matchAll(/\]\(([^)#\s]+\.md)\)/g)) {
        const target = posix.normalize(posix.join(posix.dirname(path), match[1] as string));
        expect(files.has(target), `${path} links to ${match[1]}`).toBe(true);
      }
    }
  });

  it("keeps every table row to its table's column count", () => {
    for (const [path, content] of files) {
      let width = 0;
      for (const line of content.split("\n")) {
        if (!line.startsWith("|")) {
          width = 0;
          continue;
        }
        const count = cells(line).length;
        if (width === 0) width = count;
        expect(count, `${path}: ${line}`).toBe(width);
      }
    }
  });

  it("documents each version: changes with proof events, fields with nesting, example and raw schema", () => {
    const order = page("subjects/order-placed.md");
    expect(order.indexOf("## Version 3 (latest)")).toBeLessThan(order.indexOf("## Version 1"));
    expect(order).toContain("### Changes from v2\n\nVerdict under BACKWARD: **breaking**.");
    expect(order).toContain("- added `couponCode`");
    expect(order).toMatch(/- `enum-value-removed` \(backward: consumers on v3 reject an event v2 allows\)/);
    expect(order).toContain("| `orderId` | `string` | yes | `length 1–64` | Checkout's order id. |");
    expect(order).toContain(
      "| \u00a0\u00a0`items[].sku` | `string` | yes | `length 1–32` | Stock-keeping unit. |",
    );
    expect(order).toContain("<details><summary>Raw schema</summary>");
    // Every fenced JSON block is valid JSON (examples and proof events are meant to be copied).
    const blocks = [...order.matchAll(/```json\n([\s\S]*?)\n\s*```/g)].map((m) =>
      (m[1] as string).replace(/^ {2}/gm, ""),
    );
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) expect(() => JSON.parse(block)).not.toThrow();
  });

  it("escapes schema text and links the deprecation's replacement", () => {
    const audit = page("subjects/audit-entry.md");
    expect(audit).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(audit).not.toMatch(/[^`"]<img/);
    const registered = page("subjects/customer-registered.md");
    expect(registered).toContain(
      "> **Deprecated.** Replaced by the signup flow's event. Use [customer-signed-up](customer-signed-up.md) instead.",
    );
  });
});
