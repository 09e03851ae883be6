import type { DocsModel } from "./types.js";

/**
 * Layout of the producers → events → consumers picture, computed at build time so the site needs no
 * script to draw it. Three columns; nodes are ordered by the barycentre of their neighbours (a few
 * sweeps of the classic layered-graph heuristic) so that edges cross less.
 */

export type NodeKind = "producer" | "event" | "consumer";

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Site-relative link: a subject page or a service's entry. */
  readonly href: string;
  readonly deprecated: boolean;
  /** A consumer the event's latest version breaks (see docs/consumers.ts): that version. */
  readonly brokenBy?: number;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export const NODE_HEIGHT = 28;
const ROW_GAP = 10;
const COLUMN_GAP = 90;
const MARGIN = 12;
/** Rough advance of one character at the picture's font size; labels longer than the column are cut. */
export const CHAR_WIDTH = 7.2;
const MIN_WIDTH = 110;
const MAX_WIDTH = 260;
const SWEEPS = 4;

interface Draft {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly href: string;
  readonly deprecated: boolean;
  neighbours: string[];
  order: number;
}

function columnWidth(nodes: readonly Draft[]): number {
  const longest = nodes.reduce((max, node) => Math.max(max, node.label.length), 0);
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(longest * CHAR_WIDTH) + 24));
}

function reorder(column: Draft[], position: ReadonlyMap<string, number>): void {
  for (const node of column) {
    const known = node.neighbours.map((n) => position.get(n)).filter((p): p is number => p !== undefined);
    if (known.length > 0) node.order = known.reduce((a, b) => a + b, 0) / known.length;
  }
  // Stable on ties: a node with no neighbours keeps its place relative to the others.
  column.sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
  column.forEach((node, i) => {
    node.order = i;
  });
}

function positions(...columns: Draft[][]): Map<string, number> {
  const map = new Map<string, number>();
  for (const column of columns) {
    // Normalised to 0..1 so columns of different lengths pull on each other fairly.
    const span = Math.max(1, column.length - 1);
    column.forEach((node, i) => {
      map.set(node.id, i / span);
    });
  }
  return map;
}

const STEP = NODE_HEIGHT + ROW_GAP;

/**
 * Top edges of every node. The longest column is stacked from the top; each other column puts its
 * nodes level with the average of their already placed neighbours, then pushes them apart just
 * enough not to overlap (and back up if they ran past the bottom), so a service sits beside the
 * events it writes or reads instead of at the far end of a long column.
 */
function verticalPlacement(columns: readonly Draft[][]): Map<string, number> {
  const tops = new Map<string, number>();
  const longest = columns.reduce(
    (best, column, i) => (column.length > (columns[best]?.length ?? 0) ? i : best),
    1,
  );
  (columns[longest] as Draft[]).forEach((node, i) => {
    tops.set(node.id, MARGIN + i * STEP);
  });
  const limit = Math.max(MARGIN, MARGIN + ((columns[longest]?.length ?? 1) - 1) * STEP);
  // The events column next (it touches both sides), then the remaining side column.
  const order = [1, 0, 2].filter((c) => c !== longest);
  for (const c of order) {
    const column = columns[c] as Draft[];
    const wanted = column.map((node) => {
      const ys = node.neighbours.map((id) => tops.get(id)).filter((y): y is number => y !== undefined);
      return ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : MARGIN;
    });
    const ys = wanted.map((y) => Math.round(y));
    for (let i = 1; i < ys.length; i++) ys[i] = Math.max(ys[i] as number, (ys[i - 1] as number) + STEP);
    const overflow = (ys.at(-1) ?? 0) - Math.max(limit, MARGIN + (ys.length - 1) * STEP);
    if (overflow > 0) {
      ys[ys.length - 1] = (ys.at(-1) as number) - overflow;
      for (let i = ys.length - 2; i >= 0; i--)
        ys[i] = Math.min(ys[i] as number, (ys[i + 1] as number) - STEP);
    }
    column.forEach((node, i) => {
      tops.set(node.id, Math.max(MARGIN, ys[i] as number));
    });
  }
  return tops;
}

/**
 * Lays out the subjects given by index (a tag group, or one subject for its own page). Service
 * nodes link to `services.html#<slug>`; event nodes to their subject page.
 */
export function layoutGraph(model: DocsModel, subjectIndices: readonly number[]): GraphLayout {
  const serviceSlug = new Map(model.services.map((s) => [s.name, s.slug]));
  const producers = new Map<string, Draft>();
  const consumers = new Map<string, Draft>();
  const events: Draft[] = [];
  const edges: { from: string; to: string }[] = [];

  const service = (map: Map<string, Draft>, kind: NodeKind, name: string): Draft => {
    let node = map.get(name);
    if (!node) {
      const slug = serviceSlug.get(name) ?? "";
      node = {
        id: `${kind}:${name}`,
        kind,
        label: name,
        href: `services.html#service-${slug}`,
        deprecated: false,
        neighbours: [],
        order: 0,
      };
      map.set(name, node);
    }
    return node;
  };

  for (const index of subjectIndices) {
    const subject = model.subjects[index];
    if (!subject) continue;
    const event: Draft = {
      id: `event:${subject.slug}`,
      kind: "event",
      label: subject.name,
      href: `subjects/${subject.slug}.html`,
      deprecated: subject.deprecated !== undefined,
      neighbours: [],
      order: events.length,
    };
    events.push(event);
    for (const name of new Set(subject.producers)) {
      const node = service(producers, "producer", name);
      node.neighbours.push(event.id);
      event.neighbours.push(node.id);
      edges.push({ from: node.id, to: event.id });
    }
    for (const name of new Set(subject.consumers)) {
      const node = service(consumers, "consumer", name);
      node.neighbours.push(event.id);
      event.neighbours.push(node.id);
      edges.push({ from: event.id, to: node.id });
    }
  }

  const left = [...producers.values()].sort((a, b) => a.label.localeCompare(b.label));
  const right = [...consumers.values()].sort((a, b) => a.label.localeCompare(b.label));
  left.forEach((n, i) => {
    n.order = i;
  });
  right.forEach((n, i) => {
    n.order = i;
  });
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    reorder(left, positions(events));
    reorder(right, positions(events));
    reorder(events, positions(left, right));
  }

  const columns = [left, events, right];
  const tops = verticalPlacement(columns);
  const widths = columns.map(columnWidth);
  let bottom = NODE_HEIGHT;
  for (const top of tops.values()) bottom = Math.max(bottom, top + NODE_HEIGHT);
  const height = bottom + MARGIN;
  const nodes: GraphNode[] = [];
  const placed = new Map<string, GraphNode>();
  let x = MARGIN;
  columns.forEach((column, c) => {
    const width = widths[c] as number;
    for (const draft of column) {
      const node: GraphNode = {
        id: draft.id,
        kind: draft.kind,
        label: draft.label,
        x,
        y: tops.get(draft.id) as number,
        width,
        height: NODE_HEIGHT,
        href: draft.href,
        deprecated: draft.deprecated,
      };
      nodes.push(node);
      placed.set(node.id, node);
    }
    x += width + COLUMN_GAP;
  });

  const laidEdges: GraphEdge[] = edges.map(({ from, to }) => {
    const a = placed.get(from) as GraphNode;
    const b = placed.get(to) as GraphNode;
    return { from, to, x1: a.x + a.width, y1: a.y + a.height / 2, x2: b.x, y2: b.y + b.height / 2 };
  });
  return { width: x - COLUMN_GAP + MARGIN, height, nodes, edges: laidEdges };
}
