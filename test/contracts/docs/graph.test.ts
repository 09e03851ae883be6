import { describe, expect, it } from "vitest";
import { buildDocsModel, docsModelFromCatalog } from "../../../contracts/docs/build.js";
import { type GraphLayout, layoutGraph } from "../../../contracts/docs/graph.js";
import { fixtureCatalog } from "./fixture.js";

function overlaps(layout: GraphLayout): boolean {
  return layout.nodes.some((a, i) =>
    layout.nodes.some(
      (b, j) =>
        i < j && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
    ),
  );
}

function crossings(layout: GraphLayout): number {
  let count = 0;
  layout.edges.forEach((a, i) => {
    layout.edges.forEach((b, j) => {
      if (i < j && a.x1 === b.x1 && (a.y1 - b.y1) * (a.y2 - b.y2) < 0) count++;
    });
  });
  return count;
}

describe("layoutGraph", () => {
  const model = docsModelFromCatalog(fixtureCatalog(), { changes: false });

  it("puts producers, events and consumers in three columns, linked to their pages", () => {
    const all = model.subjects.map((_, i) => i);
    const layout = layoutGraph(model, all);
    const xs = (kind: string) => new Set(layout.nodes.filter((n) => n.kind === kind).map((n) => n.x));
    expect(xs("producer").size).toBe(1);
    expect(xs("event").size).toBe(1);
    expect(xs("consumer").size).toBe(1);
    expect([...xs("producer")][0]).toBeLessThan([...xs("event")][0] as number);
    expect([...xs("event")][0]).toBeLessThan([...xs("consumer")][0] as number);
    expect(overlaps(layout)).toBe(false);
    expect(layout.nodes.find((n) => n.id === "event:order-placed")?.href).toBe("subjects/order-placed.html");
    expect(layout.nodes.find((n) => n.id === "consumer:billing")?.href).toBe("services.html#service-billing");
    expect(layout.nodes.find((n) => n.id === "event:customer-registered")?.deprecated).toBe(true);
    // One edge per producer and per consumer of each subject.
    const expected = model.subjects.reduce((n, s) => n + s.producers.length + s.consumers.length, 0);
    expect(layout.edges.length).toBe(expected);
    for (const node of layout.nodes) {
      expect(node.x + node.width).toBeLessThanOrEqual(layout.width);
      expect(node.y + node.height).toBeLessThanOrEqual(layout.height);
    }
  });

  it("orders nodes so that parallel flows do not cross", () => {
    const base = fixtureCatalog().subjects[0];
    if (!base) throw new Error("fixture is empty");
    // Alphabetical order would cross every edge: a→zeta, b→yankee, ...
    const names = ["a", "b", "c", "d"];
    const partners = ["zeta", "yankee", "xray", "whisky"];
    const crossed = buildDocsModel(
      names.map((name, i) => ({
        ...base,
        name: `event-${name}`,
        meta: {
          ...base.meta,
          producers: [partners[i] as string],
          consumers: [`reader-${partners[i]}`],
          tags: [],
        },
      })),
      { changes: false },
    );
    const layout = layoutGraph(crossed, [0, 1, 2, 3]);
    expect(crossings(layout)).toBe(0);
  });
});
