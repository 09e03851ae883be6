/** The site's stylesheet: light and dark themes from one set of custom properties. */
export const STYLE_CSS = `:root {
  color-scheme: light;
  --bg: #fbfbfa;
  --surface: #ffffff;
  --fg: #1d2125;
  --muted: #5b6470;
  --border: #d9dde2;
  --accent: #1f5fbf;
  --accent-fg: #ffffff;
  --code-bg: #f1f3f5;
  --ok: #1f7a3d;
  --ok-bg: #e5f4ea;
  --bad: #b3261e;
  --bad-bg: #fbe9e7;
  --warn: #8a5a00;
  --warn-bg: #fff4d6;
  --node-producer: #e3edfb;
  --node-event: #fff1d6;
  --node-consumer: #e4f4e8;
  --edge: #9aa4af;
  --focus: #1f5fbf;
}
:root[data-theme="dark"] {
  color-scheme: dark;
  --bg: #14171a;
  --surface: #1b1f23;
  --fg: #e6e8eb;
  --muted: #a0a8b2;
  --border: #343a41;
  --accent: #7fb0ff;
  --accent-fg: #0d1117;
  --code-bg: #22272d;
  --ok: #7fd29a;
  --ok-bg: #17301f;
  --bad: #ff9b8f;
  --bad-bg: #3a1b18;
  --warn: #f2c96b;
  --warn-bg: #372b10;
  --node-producer: #1e3150;
  --node-event: #3d3117;
  --node-consumer: #1c3a26;
  --edge: #5d6670;
  --focus: #7fb0ff;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) {
    color-scheme: dark;
    --bg: #14171a;
    --surface: #1b1f23;
    --fg: #e6e8eb;
    --muted: #a0a8b2;
    --border: #343a41;
    --accent: #7fb0ff;
    --accent-fg: #0d1117;
    --code-bg: #22272d;
    --ok: #7fd29a;
    --ok-bg: #17301f;
    --bad: #ff9b8f;
    --bad-bg: #3a1b18;
    --warn: #f2c96b;
    --warn-bg: #372b10;
    --node-producer: #1e3150;
    --node-event: #3d3117;
    --node-consumer: #1c3a26;
    --edge: #5d6670;
    --focus: #7fb0ff;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); text-underline-offset: 2px; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
code { background: var(--code-bg); padding: 0.05em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.4em 0 0.5em; }
h1 { font-size: 1.9rem; margin-top: 0.6em; }
h2 { font-size: 1.35rem; }
h3 { font-size: 1.1rem; }
h4 { font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip-link { position: absolute; left: 0.5rem; top: -3rem; background: var(--accent); color: var(--accent-fg); padding: 0.5rem 0.8rem; z-index: 10; border-radius: 4px; }
.skip-link:focus { top: 0.5rem; }
.site-header {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;
  padding: 0.7rem clamp(1rem, 3vw, 2.5rem); background: var(--surface); border-bottom: 1px solid var(--border);
}
.brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; }
.site-nav { display: flex; gap: 1rem; }
.site-nav a { text-decoration: none; padding: 0.2rem 0; border-bottom: 2px solid transparent; }
.site-nav a[aria-current="page"] { border-bottom-color: var(--accent); color: var(--fg); }
.site-search { margin-left: auto; }
.site-search[hidden] + .theme-toggle { margin-left: auto; }
.site-search input, .search input {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border);
  border-radius: 6px; padding: 0.35rem 0.6rem; min-width: 16rem;
}
.theme-toggle {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border);
  border-radius: 6px; padding: 0.3rem 0.7rem; cursor: pointer;
}
.theme-toggle[aria-pressed="true"] { border-color: var(--accent); box-shadow: inset 0 0 0 1px var(--accent); }
main { max-width: 1440px; margin: 0 auto; padding: 0.5rem clamp(1rem, 3vw, 2.5rem) 3rem; }
main:focus { outline: none; }
.site-footer { border-top: 1px solid var(--border); color: var(--muted); padding: 1rem clamp(1rem, 3vw, 2.5rem); font-size: 0.9rem; }
.lead { font-size: 1.05rem; max-width: 75ch; }
.muted { color: var(--muted); }
.note { background: var(--warn-bg); color: var(--fg); border-left: 4px solid var(--warn); padding: 0.5rem 0.8rem; border-radius: 4px; max-width: 90ch; }
.count { color: var(--muted); font-weight: 400; font-size: 0.85em; }
.badge {
  display: inline-block; font-size: 0.72rem; font-weight: 600; letter-spacing: 0.02em; vertical-align: middle;
  padding: 0.1rem 0.45rem; border-radius: 999px; border: 1px solid var(--border); background: var(--code-bg); color: var(--fg);
}
.badge-deprecated { background: var(--warn-bg); color: var(--warn); border-color: transparent; }
.badge-latest { background: var(--accent); color: var(--accent-fg); border-color: transparent; }
.verdict-compatible { background: var(--ok-bg); color: var(--ok); border-color: transparent; }
.verdict-incompatible { background: var(--bad-bg); color: var(--bad); border-color: transparent; }
.verdict-undetermined { background: var(--warn-bg); color: var(--warn); border-color: transparent; }
.tag { display: inline-block; background: var(--code-bg); border-radius: 4px; padding: 0 0.4rem; font-size: 0.85rem; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: var(--surface); }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--border); }
thead th { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); background: var(--surface); position: sticky; top: 0; }
tbody th { font-weight: 600; }
table.subjects { table-layout: fixed; }
table.subjects th:nth-child(1) { width: 26%; }
table.subjects th:nth-child(2) { width: 38%; }
table.subjects th:nth-child(3) { width: 16%; }
table.subjects th:nth-child(4) { width: 7%; }
table.subjects th:nth-child(5) { width: 13%; }
table.subjects th, table.subjects td { overflow-wrap: anywhere; }
tr.is-deprecated th a { text-decoration: line-through; text-decoration-thickness: 1px; }
.group-nav ul, .inline-list { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; }
.search { margin: 1rem 0 1.5rem; padding: 1rem; background: var(--surface); border: 1px solid var(--border); border-radius: 8px; }
.search label { display: block; font-weight: 600; margin-bottom: 0.4rem; }
.search input { width: min(100%, 36rem); font-size: 1.05rem; padding: 0.5rem 0.7rem; }
.search-results { list-style: none; padding: 0; margin: 0.5rem 0 0; }
.search-results li { padding: 0.45rem 0; border-bottom: 1px solid var(--border); }
.search-results li:last-child { border-bottom: 0; }
.search-results a { font-weight: 600; }
.search-results p { margin: 0.1rem 0 0; color: var(--muted); font-size: 0.92rem; }
.breadcrumbs { margin-top: 1rem; font-size: 0.9rem; color: var(--muted); }
.banner { border-radius: 8px; padding: 0.7rem 1rem; margin: 1rem 0; }
.banner p { margin: 0; }
.banner-deprecated { background: var(--warn-bg); border: 1px solid var(--warn); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.6rem 1.5rem; margin: 1.2rem 0; }
.facts dt { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.facts dd { margin: 0.1rem 0 0; }
.version-nav ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.4rem; padding: 0; margin: 1.5rem 0 0; border-bottom: 1px solid var(--border); }
.version-nav a { display: inline-block; padding: 0.35rem 0.8rem; border: 1px solid var(--border); border-bottom: 0; border-radius: 6px 6px 0 0; text-decoration: none; background: var(--surface); }
.version-nav a[aria-current="true"] { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.version { padding-top: 0.2rem; }
.js .version h2 { margin-top: 1rem; }
.change-box { border: 1px solid var(--border); border-left-width: 5px; border-radius: 6px; padding: 0.2rem 1rem 0.6rem; background: var(--surface); margin: 1rem 0; }
.verdict-box-compatible { border-left-color: var(--ok); }
.verdict-box-incompatible { border-left-color: var(--bad); }
.verdict-box-undetermined { border-left-color: var(--warn); }
.change-box h3 { margin-top: 0.8rem; }
.field-changes { padding-left: 1.2rem; }
.change { font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em; }
.change-added { color: var(--ok); }
.change-removed { color: var(--bad); }
.change-changed { color: var(--warn); }
.findings { padding-left: 1.4rem; }
.finding { margin-bottom: 1rem; }
.finding p { margin: 0.2rem 0; }
.finding-head .rule { font-weight: 600; }
.proof summary { cursor: pointer; color: var(--accent); margin: 0.2rem 0; }
.proof .code { max-height: 22rem; }
.change-summary { margin: 0.4rem 0 0.8rem; }
.direction { font-size: 0.8rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.code {
  background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 0.7rem 0.9rem;
  overflow: auto; max-height: 32rem; margin: 0.4rem 0 1rem;
}
.fields-and-schema { display: grid; gap: 0 1.5rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 1100px) {
  .fields-and-schema { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
  .raw-schema { max-height: 44rem; }
}
.root-constraints { margin: 0.3rem 0 0.6rem; }
.constraint { display: inline-block; font-size: 0.85rem; background: var(--code-bg); border-radius: 4px; padding: 0 0.35rem; margin: 0 0.2rem 0.2rem 0; }
table.fields .field-name { padding-left: calc(0.6rem + var(--depth, 0) * 1.25rem); white-space: nowrap; }
table.fields .type { background: none; padding: 0; color: var(--muted); white-space: nowrap; }
.req { font-weight: 600; }
.row-label { font-style: italic; font-weight: 400; color: var(--muted); }
.opt { color: var(--muted); }
.js table.fields .field-name { position: relative; padding-left: calc(2.2rem + var(--depth, 0) * 1.25rem); }
.row-toggle {
  position: absolute; left: calc(0.4rem + var(--depth, 0) * 1.25rem); top: 0.4rem;
  font: inherit; font-size: 0.85rem; line-height: 1; width: 1.4rem; height: 1.4rem; padding: 0;
  border: 1px solid var(--border); border-radius: 4px; background: var(--bg); color: var(--fg); cursor: pointer;
}
.table-tools { display: flex; gap: 0.5rem; margin: 0.3rem 0; }
.table-tools button { font: inherit; font-size: 0.85rem; border: 1px solid var(--border); background: var(--surface); color: var(--fg); border-radius: 4px; padding: 0.15rem 0.5rem; cursor: pointer; }
.graph-figure { margin: 1rem 0; }
.graph-figure figcaption { color: var(--muted); font-size: 0.9rem; }
.graph-scroll { overflow: auto; background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 0.5rem; }
svg.graph { display: block; font: 12px system-ui, sans-serif; }
svg.graph .column-title { fill: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em; font-size: 11px; }
svg.graph .edges path { fill: none; stroke: var(--edge); stroke-width: 1.2; }
svg.graph .arrow { fill: var(--edge); }
svg.graph .node rect { stroke: var(--border); stroke-width: 1; }
svg.graph .node text { fill: var(--fg); }
svg.graph .node-producer rect { fill: var(--node-producer); }
svg.graph .node-event rect { fill: var(--node-event); }
svg.graph .node-consumer rect { fill: var(--node-consumer); }
svg.graph .node-deprecated text { text-decoration: line-through; }
svg.graph .node-broken rect { stroke: var(--bad); stroke-width: 2; }
svg.graph .node-broken text { fill: var(--bad); }
.consumer-safe { color: var(--ok); }
.consumer-breaks { background: var(--bad-bg); color: var(--bad); }
.consumer-undetermined { background: var(--warn-bg); color: var(--warn); }
svg.graph a:hover rect, svg.graph a:focus rect { stroke: var(--accent); stroke-width: 2; }
svg.graph a:focus { outline: none; }
.service h2 { margin-top: 1.6rem; }
@media (max-width: 700px) {
  .site-search { margin-left: 0; width: 100%; }
  .site-search input { width: 100%; min-width: 0; }
}
`;
