import type { DocsModel, SubjectDoc, SubjectGroup } from "../../../contracts/docs/types.js";
import { type Html, html } from "./escape.js";
import { deprecatedBadge, list, modeBadge, page } from "./layout.js";

function subjectRow(subject: SubjectDoc): Html {
  const latest = subject.versions.at(-1)?.version ?? 0;
  return html`<tr${subject.deprecated ? html` class="is-deprecated"` : ""}>
<th scope="row"><a href="subjects/${subject.slug}.html">${subject.name}</a>${subject.deprecated ? html` ${deprecatedBadge()}` : ""}</th>
<td>${subject.description ?? ""}</td>
<td>${list(subject.owners, "—")}</td>
<td><a href="subjects/${subject.slug}.html#v${latest}">v${latest}</a></td>
<td>${modeBadge(subject.compatibility)}</td>
</tr>
`;
}

function groupSection(model: DocsModel, group: SubjectGroup): Html {
  const subjects = group.subjects.map((i) => model.subjects[i] as SubjectDoc);
  return html`<section class="group" id="${group.slug}" aria-labelledby="${group.slug}-title">
<h2 id="${group.slug}-title">${group.name} <span class="count">${subjects.length}</span></h2>
<div class="table-scroll"><table class="subjects">
<thead><tr><th scope="col">Event</th><th scope="col">Description</th><th scope="col">Owners</th><th scope="col">Latest</th><th scope="col">Compatibility</th></tr></thead>
<tbody>
${subjects.map(subjectRow)}
</tbody>
</table></div>
</section>`;
}

export function indexPage(model: DocsModel): string {
  const deprecated = model.subjects.filter((s) => s.deprecated).length;
  const body = html`<h1>${model.title}</h1>
<p class="lead">${model.subjects.length} event${model.subjects.length === 1 ? "" : "s"}, ${model.services.length} service${model.services.length === 1 ? "" : "s"}${deprecated > 0 ? `, ${deprecated} deprecated` : ""}. See the <a href="graph.html">map of producers and consumers</a>.</p>
<section class="search" id="search" aria-labelledby="search-title" data-search hidden>
<h2 id="search-title" class="visually-hidden">Search</h2>
<label for="q">Search event names, descriptions and field names</label>
<input id="q" type="search" autocomplete="off" spellcheck="false" aria-describedby="search-status" aria-controls="search-results">
<p id="search-status" class="muted" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
</section>
<noscript><p class="note">Search needs JavaScript; every event is listed below.</p></noscript>
${model.groups.length > 1 ? html`<nav class="group-nav" aria-label="Groups"><h2 class="visually-hidden">Groups</h2><ul>${model.groups.map((g) => html`<li><a href="#${g.slug}">${g.name} <span class="count">${g.subjects.length}</span></a></li>`)}</ul></nav>` : ""}
${model.groups.map((g) => groupSection(model, g))}
${model.subjects.length === 0 ? html`<p class="muted">The catalog has no events yet.</p>` : ""}`;
  return page({
    model,
    title: model.title,
    base: "",
    section: "events",
    body,
    scripts: ["assets/search-index.js", "assets/search.js"],
  });
}
