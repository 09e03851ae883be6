import { fail, ok, type Result } from "../errors.js";
import { isJsonObject, isSchemaValue } from "./json-value.js";
import { clip, errorAt, type SourceContext } from "./located.js";
import { childAt, joinPointer, parsePointer } from "./pointer.js";
import type { Draft, Json } from "./types.js";
import { walkSchema } from "./walk.js";

/**
 * `$ref` checking. A reference is local when it is a fragment (`#/...` or `#anchor`) or when the
 * part before the fragment, resolved against the enclosing `$id`, names the document itself or a
 * resource embedded in it. Everything else would need a fetch, which Accord never does.
 */

export type RefKeyword = "$ref" | "$dynamicRef" | "$recursiveRef";

export interface LocalRef {
  /** Where the keyword stands, e.g. `#/properties/customer/$ref`. */
  readonly pointer: string;
  readonly keyword: RefKeyword;
  /** The reference as written. */
  readonly ref: string;
  /** Pointer, from the document root, of the schema it resolves to. */
  readonly target: string;
}

/**
 * Base URI for a document without a root `$id`, so that relative `$id`s and `$ref`s resolve the
 * way a validator resolves them against the retrieval URI. `.invalid` cannot exist (RFC 2606), so
 * a reference can only land here by naming the document itself.
 */
const DOCUMENT_BASE = "https://accord.invalid/%3Cthis-document%3E";

interface Resource {
  readonly uri: string;
  /** Pointer of the resource's root schema. */
  readonly pointer: string;
  readonly node: Json;
  /** Anchor name → pointer of the schema carrying it. */
  readonly anchors: Map<string, string>;
}

interface PendingRef {
  readonly pointer: string;
  readonly keyword: RefKeyword;
  readonly ref: string;
  readonly resource: Resource;
}

function resolveUri(reference: string, base: string): string | undefined {
  try {
    const url = new URL(reference, base);
    url.hash = "";
    return url.href;
  } catch {
    return undefined;
  }
}

function fragmentOf(uri: string): string {
  const hash = uri.indexOf("#");
  return hash < 0 ? "" : uri.slice(hash + 1);
}

function withoutFragment(uri: string): string {
  const hash = uri.indexOf("#");
  return hash < 0 ? uri : uri.slice(0, hash);
}

/**
 * Finds every reference and checks each is local and resolves. On success returns them with the
 * pointer each one lands on. On failure: a bad or duplicate `$id` or anchor first (references
 * cannot be judged without them), else the first bad reference in document order.
 */
export function indexRefs(root: Json, draft: Draft, context: SourceContext): Result<readonly LocalRef[]> {
  const resources = new Map<string, Resource>();
  const pending: PendingRef[] = [];
  let problem: ReturnType<typeof errorAt> | undefined;

  const addResource = (uri: string, pointer: string, node: Json, id: string): Resource => {
    const existing = resources.get(uri);
    if (existing) {
      const idPointer = joinPointer(pointer, "$id");
      problem ??= errorAt("ACCORD_ERR_SCHEMA_INVALID", context, idPointer, [
        `${idPointer}: $id "${clip(id)}" names the same resource as the schema at ${existing.pointer}`,
      ]);
      return existing;
    }
    const resource: Resource = { uri, pointer, node, anchors: new Map() };
    resources.set(uri, resource);
    return resource;
  };

  const addAnchor = (resource: Resource, name: string, pointer: string, keywordPointer: string) => {
    const existing = resource.anchors.get(name);
    if (existing !== undefined && existing !== pointer) {
      problem ??= errorAt("ACCORD_ERR_SCHEMA_INVALID", context, keywordPointer, [
        `${keywordPointer}: anchor "${clip(name)}" is already defined at ${existing}`,
      ]);
      return;
    }
    resource.anchors.set(name, pointer);
  };

  // The root's `$id` names the document itself; an unusable one is reported during the walk.
  const rootId = isJsonObject(root) ? root.$id : undefined;
  const rootBase = typeof rootId === "string" ? withoutFragment(rootId) : "";
  const rootUri = (rootBase !== "" ? resolveUri(rootBase, DOCUMENT_BASE) : undefined) ?? DOCUMENT_BASE;
  const rootResource: Resource = { uri: rootUri, pointer: "#", node: root, anchors: new Map() };
  resources.set(rootUri, rootResource);

  walkSchema<Resource>(root, rootResource, ({ node, pointer, certain }, parent) => {
    if (!isJsonObject(node)) return parent;
    let resource = parent;
    if (certain) {
      const id = node.$id;
      if (typeof id === "string") {
        const idPointer = joinPointer(pointer, "$id");
        const base = withoutFragment(id);
        const uri = base === "" ? parent.uri : resolveUri(base, pointer === "#" ? DOCUMENT_BASE : parent.uri);
        if (uri === undefined) {
          problem ??= errorAt("ACCORD_ERR_SCHEMA_INVALID", context, idPointer, [
            `${idPointer}: $id "${clip(id)}" is not a valid URI reference`,
          ]);
        } else if (base !== "" && pointer !== "#") {
          resource = addResource(uri, pointer, node, id);
        }
        // draft-07 names anchors with `$id: "#name"`; later drafts moved them to `$anchor`.
        const fragment = fragmentOf(id);
        if (draft === "draft-07" && fragment !== "") addAnchor(resource, fragment, pointer, idPointer);
      }
      if (draft !== "draft-07" && typeof node.$anchor === "string") {
        addAnchor(resource, node.$anchor, pointer, joinPointer(pointer, "$anchor"));
      }
      if (draft === "2020-12" && typeof node.$dynamicAnchor === "string") {
        addAnchor(resource, node.$dynamicAnchor, pointer, joinPointer(pointer, "$dynamicAnchor"));
      }
    }
    const keywords: RefKeyword[] = certain ? ["$ref", "$dynamicRef", "$recursiveRef"] : ["$ref"];
    for (const keyword of keywords) {
      const ref = node[keyword];
      if (typeof ref === "string")
        pending.push({ pointer: joinPointer(pointer, keyword), keyword, ref, resource });
    }
    return resource;
  });

  if (problem) return fail(problem);

  const refs: LocalRef[] = [];
  for (const item of pending) {
    const target = resolveRef(item, resources);
    if (target === "remote") {
      return fail(
        errorAt("ACCORD_ERR_SCHEMA_REMOTE_REF", context, item.pointer, [clip(item.ref), item.pointer]),
      );
    }
    if (target === undefined) {
      return fail(
        errorAt("ACCORD_ERR_SCHEMA_REF_UNRESOLVED", context, item.pointer, [clip(item.ref), item.pointer]),
      );
    }
    refs.push({ pointer: item.pointer, keyword: item.keyword, ref: item.ref, target });
  }
  return ok(refs);
}

/** The pointer a reference lands on, "remote" when it leaves the document, undefined when it lands nowhere. */
function resolveRef(item: PendingRef, resources: Map<string, Resource>): string | "remote" | undefined {
  const fragment = fragmentOf(item.ref);
  const before = withoutFragment(item.ref);
  let resource: Resource | undefined = item.resource;
  if (before !== "") {
    const uri = resolveUri(before, item.resource.uri);
    resource = uri === undefined ? undefined : resources.get(uri);
    if (!resource) return "remote";
  }
  if (fragment === "") return resource.pointer;
  if (fragment.startsWith("/") || fragment.startsWith("%2F") || fragment.startsWith("%2f")) {
    const tokens = parsePointer(`#${fragment}`);
    if (tokens === undefined) return undefined;
    let node: Json | undefined = resource.node;
    for (const token of tokens) {
      node = node === undefined ? undefined : childAt(node, token);
    }
    // A reference must land on a schema, not on a string inside one.
    if (!isSchemaValue(node)) return undefined;
    return joinPointer(resource.pointer, ...tokens);
  }
  let name: string;
  try {
    name = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  return resource.anchors.get(name);
}
