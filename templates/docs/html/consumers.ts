import type { ConsumerSafety } from "../../../contracts/docs/consumers.js";
import type { SubjectDoc } from "../../../contracts/docs/types.js";
import { type Html, html } from "./escape.js";

/**
 * The subject page's consumer table: who reads what, built against which version, and for each
 * later version whether it is safe for them (the consumer gate's verdict, or the mode's for a
 * consumer declared by name only). Rows read without JavaScript; verdict words carry the meaning,
 * colour only repeats it.
 */
export function consumersSection(subject: SubjectDoc): Html {
  const consumers = subject.consumerSafety ?? [];
  if (consumers.length === 0) return html``;
  const versions = subject.versions.map((doc) => doc.version);
  return html`<section class="consumers" aria-labelledby="consumers-title">
<h2 id="consumers-title">Consumers and what they read</h2>
<div class="table-scroll"><table class="consumer-safety">
<thead><tr><th scope="col">Consumer</th><th scope="col">Reads</th><th scope="col">Built against</th>${versions.map((v) => html`<th scope="col">v${v}</th>`)}</tr></thead>
<tbody>
${consumers.map((consumer) => row(consumer))}
</tbody>
</table></div>
</section>`;
}

function row(consumer: ConsumerSafety): Html {
  return html`<tr data-consumer="${consumer.name}"><th scope="row">${consumer.name}</th><td>${readsCell(consumer)}</td><td>${consumer.builtAgainst !== undefined ? `v${consumer.builtAgainst}` : html`<span class="muted">every version (mode)</span>`}</td>${consumer.versions.map((v) => verdictCell(v))}</tr>`;
}

function readsCell(consumer: ConsumerSafety): Html {
  if (consumer.reads === "everything") return html`<span class="muted">everything</span>`;
  if (!Array.isArray(consumer.reads))
    return html`its own schema <code>${(consumer.reads as { schema: string }).schema}</code>`;
  return html`${(consumer.reads as readonly string[]).map((path, i) => html`${i > 0 ? ", " : ""}<code>${path}</code>`)}`;
}

function verdictCell(entry: ConsumerSafety["versions"][number]): Html {
  switch (entry.verdict) {
    case "built-against":
      return html`<td class="muted">—</td>`;
    case "safe":
      return html`<td class="consumer-safe">safe</td>`;
    case "undetermined":
      return html`<td class="consumer-undetermined">undetermined</td>`;
    case "breaks":
      return html`<td class="consumer-breaks">breaks ${entry.broken.map((what, i) => html`${i > 0 ? ", " : ""}<code>${what}</code>`)}</td>`;
  }
}
