import { isJsonObject } from "../schema/json-value.js";
import { joinPointer, resolvePointer } from "../schema/pointer.js";
import { indexRefs } from "../schema/refs.js";
import type { Draft, Json, JsonObject } from "../schema/types.js";
import { walkSchema } from "../schema/walk.js";

/**
 * A documentation view of one schema node: `$ref`s followed and `allOf` branches folded in, so a
 * reader sees one object with its properties however the author factored it. This is for display
 * only; the compatibility engine has its own (exact) normal form.
 */

export interface Located {
  readonly schema: Json;
  readonly pointer: string;
}

export interface NodeView {
  /** Merged keywords (the node's own win over those from `allOf` branches and `$ref` targets). */
  readonly keywords: JsonObject;
  /** Properties in declaration order, first declaration wins. */
  readonly properties: ReadonlyMap<string, Located>;
  readonly required: ReadonlySet<string>;
  /** `type` from every folded branch, intersected; undefined when nothing restricts it. */
  readonly types?: readonly string[];
  readonly oneOf?: readonly Located[];
  readonly anyOf?: readonly Located[];
  /** Where the node's own keywords live (the last `$ref` target). */
  readonly pointer: string;
  /** A boolean schema: `true` accepts anything, `false` nothing. */
  readonly boolean?: boolean;
  /** Set instead of everything else when following `$ref` would re-enter a node being expanded. */
  readonly recursiveRef?: string;
  /** A `$ref` that points at nothing this view can find (left as written). */
  readonly unresolvedRef?: string;
}

export interface ViewContext {
  readonly root: Json;
  /** `$anchor` (and draft-07 `$id: "#name"`) → pointer of the schema that declares it. */
  readonly anchors: ReadonlyMap<string, string>;
  /**
   * Pointer of each `$ref` keyword → pointer of its target, as the loader resolves them (within
   * the resource the reference stands in, by `$id` or by anchor).
   */
  readonly refTargets: ReadonlyMap<string, string>;
}

export function viewContext(root: Json, draft: Draft = "draft-07"): ViewContext {
  const indexed = indexRefs(root, draft, { source: "schema" });
  const refTargets = new Map(indexed.ok ? indexed.value.map((ref) => [ref.pointer, ref.target]) : []);
  const anchors = new Map<string, string>();
  walkSchema(root, undefined, ({ node, pointer }) => {
    if (isJsonObject(node)) {
      if (typeof node.$anchor === "string") anchors.set(node.$anchor, pointer);
      if (typeof node.$id === "string" && node.$id.startsWith("#")) anchors.set(node.$id.slice(1), pointer);
    }
    return undefined;
  });
  return { root, anchors, refTargets };
}

/** Resolves the local `$ref` of the node at `at` to the pointer of its target, or undefined. */
function refTarget(context: ViewContext, ref: string, at: string): string | undefined {
  const indexed = context.refTargets.get(joinPointer(at, "$ref"));
  if (indexed !== undefined) return indexed;
  if (ref === "#" || ref.startsWith("#/"))
    return resolvePointer(context.root, ref) === undefined ? undefined : ref;
  if (ref.startsWith("#")) return context.anchors.get(ref.slice(1));
  return undefined;
}

const FOLDED = new Set(["$ref", "allOf", "properties", "required", "type", "oneOf", "anyOf"]);

/**
 * Builds the view of `schema` found at `pointer`. `expanding` holds the `$ref` targets being expanded
 * by the caller's ancestors: meeting one again means a recursive type, which is shown as a reference
 * instead of expanded forever.
 */
export function viewOf(
  context: ViewContext,
  schema: Json,
  pointer: string,
  expanding: ReadonlySet<string>,
): NodeView {
  if (typeof schema === "boolean") {
    return { keywords: {}, properties: new Map(), required: new Set(), pointer, boolean: schema };
  }
  if (!isJsonObject(schema)) return { keywords: {}, properties: new Map(), required: new Set(), pointer };

  const keywords: JsonObject = {};
  const properties = new Map<string, Located>();
  const required = new Set<string>();
  let types: string[] | undefined;
  let oneOf: Located[] | undefined;
  let anyOf: Located[] | undefined;

  const take = (node: JsonObject, at: string): void => {
    for (const [key, value] of Object.entries(node)) {
      if (!FOLDED.has(key) && !(key in keywords)) keywords[key] = value;
    }
    if (isJsonObject(node.properties)) {
      for (const [name, sub] of Object.entries(node.properties)) {
        if (!properties.has(name))
          properties.set(name, { schema: sub, pointer: joinPointer(at, "properties", name) });
      }
    }
    if (Array.isArray(node.required)) {
      for (const name of node.required) if (typeof name === "string") required.add(name);
    }
    const own =
      typeof node.type === "string" ? [node.type] : Array.isArray(node.type) ? node.type : undefined;
    if (own) {
      const ownTypes = own.filter((t): t is string => typeof t === "string");
      // "integer" is a "number"; keep the narrower name when one side says number and the other integer.
      types =
        types === undefined
          ? ownTypes
          : types.filter((t) => ownTypes.includes(t) || (t === "integer" && ownTypes.includes("number")));
    }
    if (Array.isArray(node.oneOf) && oneOf === undefined) {
      oneOf = node.oneOf.map((sub, i) => ({ schema: sub, pointer: joinPointer(at, "oneOf", i) }));
    }
    if (Array.isArray(node.anyOf) && anyOf === undefined) {
      anyOf = node.anyOf.map((sub, i) => ({ schema: sub, pointer: joinPointer(at, "anyOf", i) }));
    }
  };

  // Follow the $ref chain first: the referring node's own keywords (description, title) win.
  let node: JsonObject = schema;
  let at = pointer;
  const seen = new Set(expanding);
  take(node, at);
  while (typeof node.$ref === "string") {
    const ref = node.$ref;
    const target = refTarget(context, ref, at);
    if (target === undefined) {
      return { keywords, properties, required, pointer: at, unresolvedRef: ref };
    }
    if (seen.has(target)) {
      return { keywords, properties: new Map(), required: new Set(), pointer: at, recursiveRef: ref };
    }
    seen.add(target);
    const next = resolvePointer(context.root, target);
    if (!isJsonObject(next)) {
      if (typeof next === "boolean")
        return { keywords, properties, required, pointer: target, boolean: next };
      break;
    }
    node = next;
    at = target;
    take(node, at);
  }

  if (Array.isArray(node.allOf)) {
    node.allOf.forEach((branch, i) => {
      const sub = viewOf(context, branch, joinPointer(at, "allOf", i), seen);
      if (sub.recursiveRef !== undefined || sub.boolean !== undefined) return;
      for (const [key, value] of Object.entries(sub.keywords)) if (!(key in keywords)) keywords[key] = value;
      for (const [name, located] of sub.properties) if (!properties.has(name)) properties.set(name, located);
      for (const name of sub.required) required.add(name);
      if (sub.types) {
        const branchTypes = sub.types;
        types =
          types === undefined
            ? [...branchTypes]
            : types.filter(
                (t) => branchTypes.includes(t) || (t === "integer" && branchTypes.includes("number")),
              );
      }
      if (sub.oneOf && oneOf === undefined) oneOf = [...sub.oneOf];
      if (sub.anyOf && anyOf === undefined) anyOf = [...sub.anyOf];
    });
  }

  return {
    keywords,
    properties,
    required,
    pointer: at,
    ...(types ? { types } : {}),
    ...(oneOf ? { oneOf } : {}),
    ...(anyOf ? { anyOf } : {}),
  };
}

/** The targets a view passed through, so children know which `$ref`s are being expanded above them. */
export function expandingBelow(expanding: ReadonlySet<string>, view: NodeView): ReadonlySet<string> {
  if (expanding.has(view.pointer)) return expanding;
  const next = new Set(expanding);
  next.add(view.pointer);
  return next;
}
