import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../contracts/catalog/load.js";
import { docsModelFromCatalog } from "../../../contracts/docs/build.js";
import { renderHtmlSite } from "../../../templates/docs/html/site.js";
import { renderMarkdown } from "../../../templates/docs/markdown/render.js";

/** The docs' consumer table and map marks, from a catalog whose consumers declare what they read. */

const order = (total: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "object",
    properties: { orderId: { type: "string" }, total, note: { type: "string" }, ...extra },
    required: ["orderId", "total"],
  });

function model() {
  const catalog = loadCatalog(
    new Map(
      Object.entries({
        "accord.yaml": "compatibility: NONE\n",
        "schemas/order-placed/subject.yaml": [
          "consumers:",
          "  - legacy-reporting",
          "  - name: billing-service",
          "    version: 1",
          "    reads: [/orderId, /total]",
          "  - name: search-indexer",
          "    reads: [/orderId]",
          "",
        ].join("\n"),
        "schemas/order-placed/v1.json": order({ type: "number", minimum: 0 }),
        "schemas/order-placed/v2.json": order({ type: "number", minimum: 0 }, { coupon: { type: "string" } }),
        "schemas/order-placed/v3.json": order({ type: "number" }, { coupon: { type: "string" } }),
      }),
    ),
  );
  if (!catalog.ok) throw new Error(catalog.error.message);
  return docsModelFromCatalog(catalog.value);
}

describe("docs: consumers and whether each version is safe for them", () => {
  it("judges each later version on each consumer's reads, and name-only consumers on the mode", () => {
    const [subject] = model().subjects;
    expect(
      subject?.consumerSafety?.map((c) => [
        c.name,
        c.reads,
        c.builtAgainst,
        c.versions.map((v) => v.verdict),
      ]),
    ).toEqual([
      ["legacy-reporting", "everything", undefined, ["built-against", "built-against", "built-against"]],
      ["billing-service", ["/orderId", "/total"], 1, ["built-against", "safe", "breaks"]],
      ["search-indexer", ["/orderId"], 3, ["built-against", "built-against", "built-against"]],
    ]);
    expect(subject?.consumerSafety?.[1]?.versions[2]?.broken).toEqual(["/total"]);
  });

  it("the HTML page lists them with their reads and marks on the map the consumer the latest version breaks", () => {
    const page = renderHtmlSite(model()).find((file) => file.path === "subjects/order-placed.html");
    expect(page?.content).toContain('<h2 id="consumers-title">Consumers and what they read</h2>');
    expect(page?.content).toMatch(
      /<tr data-consumer="billing-service"><th scope="row">billing-service<\/th><td><code>\/orderId<\/code>, <code>\/total<\/code><\/td><td>v1<\/td><td class="muted">—<\/td><td class="consumer-safe">safe<\/td><td class="consumer-breaks">breaks <code>\/total<\/code><\/td><\/tr>/,
    );
    expect(page?.content).toMatch(
      /class="node node-consumer node-broken">\n<title>Consumer: billing-service \(v3 breaks what it reads\)<\/title>/,
    );
    expect(page?.content).not.toMatch(/node-broken">\n<title>Consumer: search-indexer/);
  });

  it("the Markdown page has the same table", () => {
    const page = renderMarkdown(model()).find((file) => file.path === "subjects/order-placed.md");
    expect(page?.content).toContain("| Consumer | Reads | Built against | v1 | v2 | v3 |");
    expect(page?.content).toContain(
      "| billing-service | `/orderId`, `/total` | v1 | — | safe | **breaks** `/total` |",
    );
  });
});
