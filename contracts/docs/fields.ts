import { isJsonObject } from "../schema/json-value.js";
import { joinPointer } from "../schema/pointer.js";
import type { Draft, Json } from "../schema/types.js";
import { describeConstraints } from "./constraints.js";
import {
  expandingBelow,
  type Located,
  type NodeView,
  type ViewContext,
  viewContext,
  viewOf,
} from "./schema-view.js";
import type { FieldKind, FieldRow, FieldTable } from "./types.js";

/**
 * Field tables: a schema as the rows a reader expects (name, type, required, constraints,
 * description), nested objects and array items as child rows, `$ref` and `allOf` folded in.
 */

/** Deeper than any event a person reads; stops a pathological schema from blowing up a page. */
const MAX_DEPTH = 24;
/**
 * Rows per table; beyond it the table says it was cut (the raw schema beside it is complete). A row
 * is about 350 bytes of HTML, so a cut table still fits a page under 1 MB with its raw schema.
 */
const MAX_ROWS = 2000;

interface Walk {
  readonly context: ViewContext;
  rows: number;
  truncated: boolean;
}

export function fieldTable(root: Json, draft?: Draft): FieldTable {
  const walk: Walk = { context: viewContext(root, draft), rows: 0, truncated: false };
  const view = viewOf(walk.context, root, "#", new Set(["#"]));
  const rows = childRows(walk, view, "", new Set(["#", view.pointer]), 0);
  return {
    rootType: typeLabel(walk, view),
    rootConstraints: constraintsOf(view),
    rows,
    truncated: walk.truncated,
  };
}

function jsonType(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function isObjectLike(view: NodeView): boolean {
  const k = view.keywords;
  return (
    view.properties.size > 0 || isJsonObject(k.patternProperties) || isJsonObject(k.additionalProperties)
  );
}

function declaredTypes(view: NodeView): string[] {
  if (view.types) return [...view.types];
  const k = view.keywords;
  if ("const" in k) return [jsonType(k.const as Json)];
  if (Array.isArray(k.enum)) return unique(k.enum.map(jsonType));
  if (isObjectLike(view)) return ["object"];
  if (k.items !== undefined || k.prefixItems !== undefined) return ["array"];
  return [];
}

/** The single schema every (remaining) array item must match, if there is one. */
function itemSchema(view: NodeView): Located | undefined {
  const items = view.keywords.items;
  if (items !== undefined && !Array.isArray(items))
    return { schema: items, pointer: joinPointer(view.pointer, "items") };
  return undefined;
}

function tupleSchemas(view: NodeView): Located[] {
  const k = view.keywords;
  const list = Array.isArray(k.prefixItems) ? k.prefixItems : Array.isArray(k.items) ? k.items : [];
  const keyword = Array.isArray(k.prefixItems) ? "prefixItems" : "items";
  return list.map((schema, i) => ({ schema, pointer: joinPointer(view.pointer, keyword, i) }));
}

function refName(ref: string): string {
  const last = ref.split("/").pop() ?? ref;
  return last === "#" || last === "" ? "the event itself" : decodeURIComponent(last.replace(/^#/, ""));
}

function variantsOf(view: NodeView): { kind: "one of" | "any of"; list: readonly Located[] } | undefined {
  if (view.oneOf) return { kind: "one of", list: view.oneOf };
  if (view.anyOf) return { kind: "any of", list: view.anyOf };
  return undefined;
}

function typeLabel(walk: Walk, view: NodeView, depth = 0): string {
  if (view.recursiveRef !== undefined) return `${refName(view.recursiveRef)} (recursive)`;
  if (view.unresolvedRef !== undefined) return `see ${view.unresolvedRef}`;
  if (view.boolean === true) return "any";
  if (view.boolean === false) return "never";
  const types = declaredTypes(view);
  const labels = types.map((t) => {
    if (t !== "array") return t;
    const item = itemSchema(view);
    if (!item || depth > 2) return tupleSchemas(view).length > 0 ? "tuple" : "array";
    const itemView = viewOf(walk.context, item.schema, item.pointer, new Set([view.pointer]));
    return `array of ${typeLabel(walk, itemView, depth + 1)}`;
  });
  if (labels.length > 0) return labels.join(" | ");
  const variants = variantsOf(view);
  if (variants) {
    if (depth < 2 && variants.list.length <= 4) {
      const parts = variants.list.map((v) =>
        typeLabel(walk, viewOf(walk.context, v.schema, v.pointer, new Set([view.pointer])), depth + 1),
      );
      if (parts.every((p) => !p.includes(" of "))) return `${variants.kind}: ${unique(parts).join(" | ")}`;
    }
    return `${variants.kind} ${variants.list.length} options`;
  }
  return "any";
}

function constraintsOf(view: NodeView): string[] {
  const out = describeConstraints(view.keywords);
  if (view.unresolvedRef !== undefined) out.push(`$ref ${view.unresolvedRef} (not resolved)`);
  return out;
}

function descriptionOf(view: NodeView): string | undefined {
  const { description, title } = view.keywords;
  if (typeof description === "string" && description.trim() !== "") return description.trim();
  if (typeof title === "string" && title.trim() !== "") return title.trim();
  return undefined;
}

function makeRow(
  walk: Walk,
  name: string,
  path: string,
  located: Located,
  required: boolean,
  expanding: ReadonlySet<string>,
  depth: number,
  kind: FieldKind,
): FieldRow {
  walk.rows++;
  const view = viewOf(walk.context, located.schema, located.pointer, expanding);
  const constraints = constraintsOf(view);
  let children: FieldRow[] = [];
  if (view.recursiveRef === undefined && depth < MAX_DEPTH) {
    const below = expandingBelow(expanding, view);
    children = childRows(walk, view, path, below, depth + 1);
    // An array of objects: the item's fields become this row's children, so a reader sees
    // `items[].sku` under `items`, and the item's own constraints move up onto this row.
    const item = itemSchema(view);
    if (item && declaredTypes(view).includes("array")) {
      const itemView = viewOf(walk.context, item.schema, item.pointer, below);
      for (const c of constraintsOf(itemView)) constraints.push(`each item: ${c}`);
      if (itemView.recursiveRef === undefined && !declaredTypes(itemView).includes("array")) {
        const itemRows = childRows(walk, itemView, `${path}[]`, expandingBelow(below, itemView), depth + 1);
        for (const row of itemRows) children.push(row);
      }
    }
  } else if (depth >= MAX_DEPTH) {
    walk.truncated = true;
  }
  const description = descriptionOf(view);
  return {
    name,
    kind,
    path,
    pointer: located.pointer,
    type: typeLabel(walk, view),
    required,
    constraints,
    ...(description !== undefined ? { description } : {}),
    deprecated: view.keywords.deprecated === true,
    ...(view.recursiveRef !== undefined ? { recursiveRef: view.recursiveRef } : {}),
    children,
  };
}

function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

function childRows(
  walk: Walk,
  view: NodeView,
  path: string,
  expanding: ReadonlySet<string>,
  depth: number,
): FieldRow[] {
  const rows: FieldRow[] = [];
  const room = (): boolean => {
    if (walk.rows < MAX_ROWS) return true;
    walk.truncated = true;
    return false;
  };

  for (const [name, located] of view.properties) {
    if (!room()) return rows;
    rows.push(
      makeRow(walk, name, join(path, name), located, view.required.has(name), expanding, depth, "property"),
    );
  }
  // A required name without a declared schema still must be present: list it so the table is honest.
  for (const name of view.required) {
    if (view.properties.has(name) || !room()) continue;
    rows.push(
      makeRow(
        walk,
        name,
        join(path, name),
        { schema: true, pointer: view.pointer },
        true,
        expanding,
        depth,
        "property",
      ),
    );
  }
  const k = view.keywords;
  if (isJsonObject(k.patternProperties)) {
    for (const [pattern, schema] of Object.entries(k.patternProperties)) {
      if (!room()) return rows;
      const located = { schema, pointer: joinPointer(view.pointer, "patternProperties", pattern) };
      rows.push(
        makeRow(
          walk,
          `/${pattern}/`,
          join(path, `/${pattern}/`),
          located,
          false,
          expanding,
          depth,
          "pattern",
        ),
      );
    }
  }
  if (isJsonObject(k.additionalProperties) && Object.keys(k.additionalProperties).length > 0 && room()) {
    const located = {
      schema: k.additionalProperties,
      pointer: joinPointer(view.pointer, "additionalProperties"),
    };
    rows.push(makeRow(walk, "*", join(path, "*"), located, false, expanding, depth, "additional"));
  }

  const tuple = tupleSchemas(view);
  const minItems = typeof k.minItems === "number" ? k.minItems : 0;
  tuple.forEach((located, i) => {
    if (room())
      rows.push(
        makeRow(walk, `[${i}]`, `${path}[${i}]`, located, i < minItems, expanding, depth, "tuple-item"),
      );
  });
  // Nested arrays (array of arrays) get an explicit item row; arrays of objects are flattened by makeRow.
  const item = itemSchema(view);
  if (item && declaredTypes(view).includes("array")) {
    const itemView = viewOf(walk.context, item.schema, item.pointer, expanding);
    if (declaredTypes(itemView).includes("array") && room()) {
      rows.push(makeRow(walk, "[]", `${path}[]`, item, false, expanding, depth, "item"));
    }
  }

  const variants = variantsOf(view);
  if (variants) {
    variants.list.forEach((located, i) => {
      if (!room()) return;
      const name = `option ${i + 1}`;
      rows.push(makeRow(walk, name, `${path}(${i + 1})`, located, false, expanding, depth, "option"));
    });
  }
  return rows;
}

/** Every row of a table, depth first, for diffs and the search index. */
export function flattenRows(rows: readonly FieldRow[]): FieldRow[] {
  const out: FieldRow[] = [];
  const stack = [...rows].reverse();
  while (stack.length > 0) {
    const row = stack.pop() as FieldRow;
    out.push(row);
    for (let i = row.children.length - 1; i >= 0; i--) stack.push(row.children[i] as FieldRow);
  }
  return out;
}
