import { layoutGraph } from "../../../contracts/docs/graph.js";
import type { DocsModel } from "../../../contracts/docs/types.js";
import { html } from "./escape.js";
import { page } from "./layout.js";
import { graphSvg } from "./svg.js";

/** One picture per group: a single picture of a large catalog would be too tall to read. */
export function graphPage(model: DocsModel): string {
  const sections = model.groups.map((group) => {
    const layout = layoutGraph(model, group.subjects);
    return html`<section class="graph-group" id="${group.slug}" aria-labelledby="map-${group.slug}-title">
<h2 id="map-${group.slug}-title">${group.name}</h2>
<div class="graph-scroll">${graphSvg(layout, "", `Producers, events and consumers tagged ${group.name}`, `map-${group.slug}`)}</div>
</section>`;
  });
  const body = html`<h1>Map</h1>
<p class="lead">Who writes which event, and who reads it: producers on the left, events in the middle, consumers on the right. Select a box to open its page.</p>
${model.groups.length > 1 ? html`<nav class="group-nav" aria-label="Groups"><ul>${model.groups.map((g) => html`<li><a href="#${g.slug}">${g.name}</a></li>`)}</ul></nav>` : ""}
${sections}
${model.subjects.length === 0 ? html`<p class="muted">The catalog has no events yet.</p>` : ""}`;
  return page({ model, title: `Map · ${model.title}`, base: "", section: "map", body });
}
