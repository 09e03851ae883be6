import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../contracts/catalog/load.js";
import { docsModelFromCatalog } from "../../../contracts/docs/build.js";
import { escapeHtml } from "../../../templates/docs/html/escape.js";
import { renderHtmlSite } from "../../../templates/docs/html/site.js";
import { renderMarkdown } from "../../../templates/docs/markdown/render.js";
import { repeatNote } from "../../../templates/docs/repeats.js";

const order = (currencies: string[], note = false) =>
  JSON.stringify({
    type: "object",
    properties: {
      currency: { enum: currencies },
      ...(note ? { note: { type: "string", maxLength: 3 } } : {}),
    },
    required: ["currency"],
  });

/** CHF goes in v2; v3 still lacks it, so v3 breaks v1 the same way under a transitive mode. */
function model() {
  const loaded = loadCatalog(
    new Map(
      Object.entries({
        "accord.yaml": "compatibility: BACKWARD_TRANSITIVE\n",
        "schemas/order/v1.json": order(["EUR", "USD", "CHF"]),
        "schemas/order/v2.json": order(["EUR", "USD"]),
        "schemas/order/v3.json": order(["EUR", "USD"], true),
      }),
    ),
  );
  if (!loaded.ok) throw new Error(loaded.error.message);
  return docsModelFromCatalog(loaded.value);
}

/** How often `needle` occurs in `text`. */
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe("a change repeated in later versions", () => {
  const docs = model();

  it("shows its example once, in the version that made it, and points there from later ones", () => {
    const page =
      new Map(renderHtmlSite(docs).map((f) => [f.path, f.content])).get("subjects/order.html") ?? "";
    expect(page).toContain(escapeHtml(repeatNote(2, 3)));
    // v3's own new bound is proven against v1 and shown; against v2 it points above.
    expect(page).toContain(escapeHtml(repeatNote(3, 3)));
    expect(count(page, "&quot;currency&quot;: &quot;CHF&quot;")).toBe(1);
  });

  it("says the same in Markdown", () => {
    const page = renderMarkdown(docs).find((f) => f.path === "subjects/order.md")?.content ?? "";
    expect(page).toContain(repeatNote(2, 3));
    expect(page).toContain(repeatNote(3, 3));
    expect(count(page, '"currency": "CHF"')).toBe(1);
  });
});
