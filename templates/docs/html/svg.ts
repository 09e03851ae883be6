import {
  CHAR_WIDTH,
  type GraphLayout,
  type GraphNode,
  type NodeKind,
} from "../../../contracts/docs/graph.js";
import { type Html, html } from "./escape.js";

const HEADER = 26;
const COLUMN_TITLE: Readonly<Record<NodeKind, string>> = {
  producer: "Producers",
  event: "Events",
  consumer: "Consumers",
};

function truncateLabel(label: string, width: number): string {
  const room = Math.max(4, Math.floor((width - 16) / CHAR_WIDTH));
  return label.length > room ? `${label.slice(0, room - 1)}…` : label;
}

function nodeSvg(node: GraphNode, base: string): Html {
  const y = node.y + HEADER;
  const label = truncateLabel(node.brokenBy !== undefined ? `✗ ${node.label}` : node.label, node.width);
  const broken = node.brokenBy !== undefined ? ` (v${node.brokenBy} breaks what it reads)` : "";
  return html`<a href="${base}${node.href}" class="node node-${node.kind}${node.deprecated ? " node-deprecated" : ""}${node.brokenBy !== undefined ? " node-broken" : ""}">
<title>${node.kind === "event" ? "Event" : node.kind === "producer" ? "Producer" : "Consumer"}: ${node.label}${node.deprecated ? " (deprecated)" : ""}${broken}</title>
<rect x="${node.x}" y="${y}" width="${node.width}" height="${node.height}" rx="6"/>
<text x="${node.x + 8}" y="${y + node.height / 2}" dominant-baseline="central">${label}</text>
</a>`;
}

/**
 * The producers → events → consumers picture as inline SVG, drawn from a precomputed layout. Every
 * node is a link; titles carry full names where labels are cut.
 */
export function graphSvg(layout: GraphLayout, base: string, label: string, id: string): Html {
  const height = layout.height + HEADER;
  const columns = new Map<NodeKind, number>();
  for (const node of layout.nodes) if (!columns.has(node.kind)) columns.set(node.kind, node.x);
  const edges = layout.edges.map((e) => {
    const mid = (e.x1 + e.x2) / 2;
    const d = `M${e.x1} ${e.y1 + HEADER} C${mid} ${e.y1 + HEADER} ${mid} ${e.y2 + HEADER} ${e.x2} ${e.y2 + HEADER}`;
    return html`<path d="${d}" marker-end="url(#${id}-arrow)"/>`;
  });
  return html`<svg class="graph" role="group" aria-label="${label}" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" xmlns="http://www.w3.org/2000/svg">
${[...columns].map(([kind, x]) => html`<text class="column-title" x="${x}" y="16">${COLUMN_TITLE[kind]}</text>`)}
<defs><marker id="${id}-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path class="arrow" d="M0 0 L8 4 L0 8 z"/></marker></defs>
<g class="edges" aria-hidden="true">${edges}</g>
${layout.nodes.map((node) => nodeSvg(node, base))}
</svg>`;
}
