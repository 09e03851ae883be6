import type { FieldRow, FieldTable } from "../../../contracts/docs/types.js";
import { FIELD_TABLE_BYTES } from "../deferral.js";
import { type Html, html } from "./escape.js";

/**
 * A version's fields as one real table: nested rows follow their parent, indented, all visible, so the
 * table reads fully without JavaScript. site.js adds expand/collapse buttons to rows with children.
 */
export function fieldTableHtml(table: FieldTable, idPrefix: string, caption: string): Html {
  const rows: Html[] = [];
  let counter = 0;
  let bytes = 0;
  let cut = table.truncated;
  const visit = (row: FieldRow, depth: number, parent: string | undefined): void => {
    if (bytes > FIELD_TABLE_BYTES) {
      cut = true;
      return;
    }
    const id = `${idPrefix}-f${counter++}`;
    const rendered = rowHtml(row, depth, id, parent);
    bytes += rendered.value.length;
    rows.push(rendered);
    for (const child of row.children) visit(child, depth + 1, id);
  };
  for (const row of table.rows) visit(row, 0, undefined);

  const root =
    table.rootConstraints.length > 0
      ? html`<p class="root-constraints">The event (${table.rootType}): ${constraintList(table.rootConstraints)}</p>`
      : html`<p class="root-constraints">The event is ${article(table.rootType)} <code>${table.rootType}</code>.</p>`;
  if (rows.length === 0) {
    return html`${root}<p class="muted">This version declares no fields.</p>`;
  }
  return html`${root}<div class="table-scroll"><table class="fields" data-field-table>
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Constraints</th><th scope="col">Description</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>${cut ? html`<p class="note">This schema is very large or deep; the table stops there. The raw schema is complete.</p>` : ""}`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

function constraintList(constraints: readonly string[]): Html {
  return html`${constraints.map((c) => html`<span class="constraint">${c}</span> `)}`;
}

/** Properties by name; the other kinds of row say what they stand for. */
function nameHtml(row: FieldRow): Html {
  switch (row.kind) {
    case "property":
    case "tuple-item":
      return html`<code title="${row.path}">${row.name}</code>`;
    case "option":
      return html`<span class="row-label" title="${row.path}">${row.name}</span>`;
    case "item":
      return html`<span class="row-label" title="${row.path}">each item</span>`;
    case "additional":
      return html`<span class="row-label" title="${row.path}">any other property</span>`;
    case "pattern":
      return html`<span class="row-label" title="${row.path}">properties matching <code>${row.name.slice(1, -1)}</code></span>`;
  }
}

function requirement(row: FieldRow): Html {
  if (row.kind !== "property" && row.kind !== "tuple-item") {
    return html`<span class="opt" title="Not a property: required does not apply">—</span>`;
  }
  return row.required ? html`<span class="req">required</span>` : html`<span class="opt">optional</span>`;
}

function rowHtml(row: FieldRow, depth: number, id: string, parent: string | undefined): Html {
  const depthStyle = `--depth:${Math.min(depth, 12)}`;
  return html`<tr id="${id}" data-depth="${depth}"${parent ? html` data-parent="${parent}"` : ""}${row.children.length > 0 ? html` data-has-children="${row.children.length}"` : ""}>
<th scope="row" class="field-name" style="${depthStyle}">${nameHtml(row)}${row.deprecated ? html` <span class="badge badge-deprecated">deprecated</span>` : ""}</th>
<td><code class="type">${row.type}</code></td>
<td>${requirement(row)}</td>
<td>${constraintList(row.constraints)}</td>
<td>${row.description ?? ""}${row.recursiveRef !== undefined ? html` <span class="muted">(refers back to <code>${row.recursiveRef}</code>)</span>` : ""}</td>
</tr>
`;
}
