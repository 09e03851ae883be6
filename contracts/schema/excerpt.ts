import { childAt, instancePointer, parsePointer } from "./pointer.js";
import type { Json } from "./types.js";

/**
 * The part of an example event a person needs: the breaking value, and the way down to it. A real
 * payload runs to hundreds of lines, and the field that breaks is rarely in the first forty, so
 * reports (all but JSON) and the docs show the path from the root to the value, a few neighbours
 * of the value, and the value itself cut to a few lines, with `…` lines counting what was left out.
 */

/** Lines of the breaking value itself. */
const MAX_VALUE_LINES = 12;
/** Neighbours shown beside the breaking value, each on one line. */
const MAX_NEIGHBOURS = 3;
/** A neighbour or a one-line value longer than this is cut. */
const MAX_LINE = 100;

/** What `value` says for a place the event does not have (a required property it lacks). */
export const ABSENT = "(absent)";

export interface BreakingSpot {
  /** RFC 6901 pointer into the event (`""` for the whole event). */
  readonly at: string;
  /** The value there as one line of JSON, cut to a readable length, or ABSENT. */
  readonly value: string;
  /** The excerpt, unindented. */
  readonly excerpt: readonly string[];
}

function cut(text: string, length = MAX_LINE): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function members(node: Json): [string, Json][] {
  if (Array.isArray(node)) return node.map((item, index) => [String(index), item]);
  if (node !== null && typeof node === "object") return Object.entries(node);
  return [];
}

function label(node: Json, key: string): string {
  return Array.isArray(node) ? "" : `${JSON.stringify(key)}: `;
}

function more(count: number, one: string, many: string): string {
  return `… ${count} more ${count === 1 ? one : many}`;
}

/** The value, pretty-printed, cut after MAX_VALUE_LINES lines; `comma` when members follow it. */
function valueLines(value: Json, prefix: string, indent: string, comma: string, out: string[]): void {
  const lines = JSON.stringify(value, null, 2).split("\n");
  if (lines.length === 1) {
    out.push(`${indent}${prefix}${lines[0]}${comma}`);
    return;
  }
  const shown = lines.length > MAX_VALUE_LINES ? MAX_VALUE_LINES - 2 : lines.length - 1;
  out.push(`${indent}${prefix}${lines[0]}`);
  for (let i = 1; i < shown; i++) out.push(`${indent}${lines[i]}`);
  if (shown < lines.length - 1) out.push(`${indent}  ${more(lines.length - 1 - shown, "line", "lines")}`);
  out.push(`${indent}${lines[lines.length - 1]}${comma}`);
}

/** The tokens of `at` that exist in the example: a pointer that leads nowhere stops where it can. */
function existingTokens(example: Json, at: string): string[] {
  const tokens = parsePointer(at) ?? [];
  const found: string[] = [];
  let node: Json | undefined = example;
  for (const token of tokens) {
    node = node === undefined ? undefined : childAt(node, token);
    if (node === undefined) break;
    found.push(token);
  }
  return found;
}

/** An object that lacks the property `missing`: its last few members, then where `missing` is not. */
function lackingLines(
  node: { [key: string]: Json },
  missing: string,
  prefix: string,
  indent: string,
  comma: string,
  out: string[],
): void {
  const all = Object.entries(node);
  const from = Math.max(0, all.length - MAX_NEIGHBOURS);
  const inner = `${indent}  `;
  out.push(`${indent}${prefix}{`);
  if (from > 0) out.push(`${inner}${more(from, "property", "properties")}`);
  for (const [key, value] of all.slice(from)) {
    out.push(`${cut(`${inner}${JSON.stringify(key)}: ${JSON.stringify(value)}`, inner.length + MAX_LINE)},`);
  }
  out.push(`${inner}${JSON.stringify(missing)}: ${ABSENT}`, `${indent}}${comma}`);
}

function excerptLines(
  node: Json,
  tokens: readonly string[],
  prefix: string,
  indent: string,
  comma: string,
  out: string[],
  missing?: string,
): void {
  const token = tokens[0];
  if (token === undefined) {
    if (missing !== undefined && node !== null && typeof node === "object" && !Array.isArray(node))
      lackingLines(node, missing, prefix, indent, comma, out);
    else valueLines(node, prefix, indent, comma, out);
    return;
  }
  const array = Array.isArray(node);
  const all = members(node);
  const index = all.findIndex(([key]) => key === token);
  const [one, many] = array ? ["item", "items"] : ["property", "properties"];
  const last = tokens.length === 1;
  // Beside the breaking value, its nearest neighbours give context; higher up only the way down.
  const from = last ? Math.max(0, index - MAX_NEIGHBOURS) : index;
  const to = last
    ? Math.min(all.length, index + 1 + Math.max(0, MAX_NEIGHBOURS - (index - from)))
    : index + 1;
  out.push(`${indent}${prefix}${array ? "[" : "{"}`);
  const inner = `${indent}  `;
  if (from > 0) out.push(`${inner}${more(from, one, many)}`);
  for (let i = from; i < to; i++) {
    const [key, value] = all[i] as [string, Json];
    const follows = i < all.length - 1 ? "," : "";
    if (i === index) excerptLines(value, tokens.slice(1), label(node, key), inner, follows, out, missing);
    else
      out.push(
        `${cut(`${inner}${label(node, key)}${JSON.stringify(value)}`, inner.length + MAX_LINE)}${follows}`,
      );
  }
  if (to < all.length) out.push(`${inner}${more(all.length - to, one, many)}`);
  out.push(`${indent}${array ? "]" : "}"}${comma}`);
}

/** Where the example breaks, the value there, and the excerpt around it. */
export function breakingSpot(example: Json, at: string | undefined): BreakingSpot {
  const wanted = parsePointer(at ?? "") ?? [];
  const tokens = existingTokens(example, at ?? "");
  let value: Json = example;
  for (const token of tokens) value = childAt(value, token) as Json;
  // A required property the event lacks is named where it is missing; the excerpt shows its parent.
  const absent = tokens.length < wanted.length;
  const excerpt: string[] = [];
  excerptLines(
    example,
    tokens,
    "",
    "",
    "",
    excerpt,
    tokens.length === wanted.length - 1 ? wanted.at(-1) : undefined,
  );
  return {
    at: instancePointer(absent ? wanted : tokens),
    value: absent ? ABSENT : cut(JSON.stringify(value)),
    excerpt,
  };
}
