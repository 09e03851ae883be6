import type { DocsModel, ServiceDoc, SubjectDoc } from "../../../contracts/docs/types.js";
import { type Html, html } from "./escape.js";
import { page } from "./layout.js";

function subjectLinks(model: DocsModel, indices: readonly number[]): Html {
  if (indices.length === 0) return html`<span class="muted">none</span>`;
  return html`<ul class="inline-list">${indices.map((i) => {
    const s = model.subjects[i] as SubjectDoc;
    return html`<li><a href="subjects/${s.slug}.html">${s.name}</a></li>`;
  })}</ul>`;
}

function serviceSection(model: DocsModel, service: ServiceDoc): Html {
  return html`<section class="service" id="service-${service.slug}" aria-labelledby="service-${service.slug}-title">
<h2 id="service-${service.slug}-title">${service.name}</h2>
<dl class="facts">
<div><dt>Produces</dt><dd>${subjectLinks(model, service.produces)}</dd></div>
<div><dt>Consumes</dt><dd>${subjectLinks(model, service.consumes)}</dd></div>
</dl>
</section>`;
}

export function servicesPage(model: DocsModel): string {
  const body = html`<h1>Services</h1>
<p class="lead">Every producer and consumer named in the catalog, with the events it writes and reads.</p>
${model.services.length === 0 ? html`<p class="muted">No subject names a producer or consumer yet.</p>` : model.services.map((s) => serviceSection(model, s))}`;
  return page({ model, title: `Services · ${model.title}`, base: "", section: "services", body });
}
