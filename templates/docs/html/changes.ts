import type { Finding, Undecided, Verdict } from "../../../contracts/compat/types.js";
import { exampleShownIn } from "../../../contracts/docs/changes.js";
import type { FieldChange, VersionChange } from "../../../contracts/docs/types.js";
import { breakingInstancePath } from "../../../contracts/gate/instance-path.js";
import { breakingSpot } from "../../../contracts/schema/excerpt.js";
import { FIELD_CHANGES_BYTES, FINDINGS_BYTES, withinBudget } from "../deferral.js";
import { repeatNote } from "../repeats.js";
import { type Html, html, prettyJson } from "./escape.js";
import { modeMeaning } from "./layout.js";

const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  compatible: "Compatible",
  incompatible: "Breaking",
  undetermined: "Undetermined",
};

export function verdictBadge(verdict: Verdict): Html {
  return html`<span class="badge verdict verdict-${verdict}">${VERDICT_LABEL[verdict]}</span>`;
}

/** Version numbers of a subject's history, so a transitive finding can name the version it broke. */
export type VersionAt = (againstIndex: number) => number;

function directionSentence(item: Finding | Undecided, version: number, earlier: number): string {
  return item.direction === "backward"
    ? `Consumers on v${version} would reject an event that v${earlier} allows.`
    : `Consumers still on v${earlier} would reject an event that v${version} allows.`;
}

/** An example event longer than this is shown as an excerpt around the breaking value. */
const MAX_PROOF_LINES = 40;

function proofHtml(finding: Finding, open: boolean): Html {
  const spot = breakingSpot(finding.example, breakingInstancePath(finding, finding.example));
  const whole = prettyJson(finding.example);
  const excerpt = whole.split("\n", MAX_PROOF_LINES + 1).length > MAX_PROOF_LINES;
  return html`<p class="breaks">Breaks at <code>${spot.at === "" ? "the event itself" : spot.at}</code>: <code>${spot.value}</code></p>
<details class="proof"${open ? html` open` : ""}><summary>Example event that proves it${excerpt ? " (excerpt around the breaking value)" : ""}</summary>
<pre class="code" tabindex="0"><code>${excerpt ? spot.excerpt.join("\n") : whole}</code></pre>
</details>`;
}

function findingHtml(
  finding: Finding,
  version: number,
  earlier: number,
  open: boolean,
  shownIn: number | undefined,
): Html {
  return html`<li class="finding${shownIn !== undefined ? " repeat" : ""}">
<p class="finding-head"><code class="rule">${finding.rule}</code> <span class="direction">${finding.direction}</span></p>
<p>${finding.message}</p>
<p class="muted">${directionSentence(finding, version, earlier)} Old: <code>${finding.oldPath}</code>, new: <code>${finding.newPath}</code>.</p>
${shownIn !== undefined ? html`<p class="muted">${repeatNote(shownIn, version)}</p>` : proofHtml(finding, open)}
</li>`;
}

function undecidedHtml(spot: Undecided, version: number, earlier: number): Html {
  return html`<li class="finding undecided">
<p class="finding-head"><code class="rule">${spot.rule}</code> <span class="direction">${spot.direction}</span></p>
<p>${spot.message}</p>
<p class="muted">${directionSentence(spot, version, earlier)} Old: <code>${spot.oldPath}</code>, new: <code>${spot.newPath}</code>.</p>
</li>`;
}

/** Items up to `budget` bytes of HTML (see ../deferral.ts); the rest are counted. */
function listWithinBudget<T>(
  title: string,
  tag: "ol" | "ul",
  className: string,
  items: readonly T[],
  budget: number,
  render: (item: T, index: number) => Html,
): Html {
  if (items.length === 0) return html``;
  const { shown, rest } = withinBudget(items, budget, render, (rendered) => rendered.value.length);
  const list =
    tag === "ol"
      ? html`<ol class="${className}">${shown}</ol>`
      : html`<ul class="${className}">${shown}</ul>`;
  // Findings are all in `accord check`; field edits are a reading aid, complete in the raw schemas.
  const whereAll = tag === "ol" ? html`; <code>accord check</code> lists every one` : "";
  return html`<h4>${title}</h4>${list}${rest > 0 ? html`<p class="note">${rest} more not shown here, to keep the page small${whereAll}.</p>` : ""}`;
}

function fieldChangeHtml(change: FieldChange): Html {
  const label = change.kind === "added" ? "added" : change.kind === "removed" ? "removed" : "changed";
  return html`<li><span class="change change-${change.kind}">${label}</span> <code>${change.path}</code>${change.details.length > 0 ? html`: ${change.details.join("; ")}` : ""}</li>`;
}

export function changeHtml(
  change: VersionChange,
  version: number,
  versionAt: VersionAt,
  titleId: string,
): Html {
  const report = change.report;
  const earlierOf = (item: Finding | Undecided): number =>
    item.against !== undefined ? versionAt(item.against) : change.from;
  const summary =
    report.verdict === "compatible"
      ? `No break found under ${report.mode}.`
      : report.verdict === "incompatible"
        ? `${report.findings.length} breaking change${report.findings.length === 1 ? "" : "s"} under ${report.mode}, each proven with an example event.`
        : `Nothing proven broken under ${report.mode}, but ${report.undetermined.length} spot${report.undetermined.length === 1 ? "" : "s"} could not be decided.`;
  return html`<section class="change-box verdict-box-${report.verdict}" aria-labelledby="${titleId}">
<h3 id="${titleId}">Changes from v${change.from} ${verdictBadge(report.verdict)}</h3>
<p>${summary} <span class="muted">${report.mode}: ${modeMeaning(report.mode)}</span></p>
${change.informational ? html`<p class="note">This subject's mode is NONE, so nothing is enforced; the verdict above is what FULL would say, for information.</p>` : ""}
${report.assumptions.writersEmitOnlyDeclared ? html`<p class="muted">Assumes producers emit only declared properties.</p>` : ""}
${change.fields.length > 0 ? listWithinBudget("Field changes", "ul", "field-changes", change.fields, FIELD_CHANGES_BYTES, fieldChangeHtml) : html`<p class="muted">No field-level change (descriptions and annotations aside).</p>`}
${listWithinBudget("Breaking changes", "ol", "findings", report.findings, FINDINGS_BYTES, (f, i) =>
  findingHtml(f, version, earlierOf(f), i === 0, exampleShownIn(change, f)),
)}
${listWithinBudget("Undetermined", "ol", "findings", report.undetermined, FINDINGS_BYTES, (u) => undecidedHtml(u, version, earlierOf(u)))}
</section>`;
}
