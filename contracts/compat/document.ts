/**
 * A schema document as the engine sees it: every node's JSON Pointer, local `$ref` resolution
 * (pointers, anchors, embedded `$id`s) and ajv validators for any node, used to check the
 * engine's reasoning on concrete values. Only local references exist here: the loader has
 * already rejected remote ones, and nothing is ever fetched.
 */
import type { ValidateFunction } from "ajv";
import { type AnyAjv, isolatedAjvFor } from "../schema/ajv.js";
import { isJsonObject as isObject } from "../schema/json-value.js";
import { escapePointerToken as escapeToken, decodePointerToken as unescapeToken } from "../schema/pointer.js";
import type { Draft, Json, JsonObject, SchemaDocument } from "../schema/types.js";
import { DATA_VALUED, SCHEMA_ARRAY_VALUED, SCHEMA_MAP_VALUED, SCHEMA_VALUED } from "../schema/vocabulary.js";
import { valueKey } from "./values.js";

let documentCounter = 0;

export class SchemaDoc {
  readonly root: Json;
  readonly draft: Draft;
  /** Unique per document in this process: keys of place-dependent constraints start with it. */
  readonly id: string;
  /** ajv's key for this document; fragments are `${key}#/pointer`. */
  private readonly ajvKey: string;
  private readonly pointers = new WeakMap<object, string>();
  private readonly shapes = new WeakMap<object, string>();
  private readonly anchors = new Map<string, Json>();
  private readonly dynamicAnchors = new Map<string, Json>();
  /** `$dynamicAnchor` names declared more than once (in several embedded resources). */
  private readonly ambiguousAnchors = new Set<string>();
  private readonly ids = new Map<string, Json>();
  /**
   * For nodes inside a resource embedded with its own `$id` (a bundled companion schema): that
   * resource and its base URI, against which the node's references resolve.
   */
  private readonly scopes = new WeakMap<object, Scope>();
  private readonly rootId: string | undefined;
  private registered = false;
  private ajv: AnyAjv | undefined;
  private registrationFailed = false;
  private readonly fragmentValidators = new Map<string, ValidateFunction | null>();

  constructor(document: Pick<SchemaDocument, "root" | "draft">) {
    this.root = document.root;
    this.draft = document.draft;
    this.id = `doc${++documentCounter}`;
    this.ajvKey = `accord-engine://${this.id}`;
    const id = isObject(this.root) ? this.root.$id : undefined;
    this.rootId = typeof id === "string" ? stripFragment(id) : undefined;
    this.index(this.root, "#", { resource: this.root, base: this.rootId });
  }

  pointerOf(node: Json): string | undefined {
    return isObject(node) || Array.isArray(node) ? this.pointers.get(node) : undefined;
  }

  /**
   * Resolves a local `$ref` written in `from` (a fragment-only reference inside an embedded
   * resource points into that resource, as ajv reads it); undefined when it points nowhere in this
   * document. Without `from`, against the document's root.
   */
  resolve(ref: string, from?: Json): Json | undefined {
    const scope = from !== null && typeof from === "object" ? this.scopes.get(from) : undefined;
    const hash = ref.indexOf("#");
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? "" : ref.slice(hash + 1);
    let resource: Json | undefined = scope?.resource ?? this.root;
    if (base !== "" && (scope !== undefined || base !== this.rootId)) {
      const absolute = this.absolute(base, scope?.base);
      resource =
        this.ids.get(base) ?? this.ids.get(absolute) ?? (absolute === this.rootId ? this.root : undefined);
      if (resource === undefined) return undefined;
    }
    if (fragment === "" || fragment.startsWith("/")) return followPointer(resource, fragment);
    return this.anchors.get(fragment);
  }

  /**
   * Resolves `$dynamicRef: "#name"` to the node with that `$dynamicAnchor`, `$recursiveRef: "#"` to
   * the root: within one document whose resources declare the anchor once, where evaluation
   * starts at the root, that is where the dynamic scope lands. Otherwise (an anchor declared in
   * several resources, a `$recursiveRef` inside an embedded resource) the outermost resource in
   * scope depends on the path taken: undefined, so the constraint stays ajv's to decide.
   */
  resolveDynamic(keyword: "$dynamicRef" | "$recursiveRef", ref: string, from?: Json): Json | undefined {
    const embedded = from !== null && typeof from === "object" && this.scopes.has(from);
    if (keyword === "$recursiveRef") return ref === "#" && !embedded ? this.root : undefined;
    if (!ref.startsWith("#") || ref.startsWith("#/")) return this.resolve(ref, from);
    const name = ref.slice(1);
    if (this.ambiguousAnchors.has(name)) return undefined;
    return this.dynamicAnchors.get(name) ?? this.resolve(ref, from);
  }

  /** Validates a value against the node at `pointer` with ajv (the same engine that checks witnesses). */
  validatesAt(pointer: string, value: Json): boolean | undefined {
    const validate = this.fragment(pointer);
    if (!validate) return undefined;
    try {
      return validate(value) === true;
    } catch {
      // ajv can overflow the stack on some dynamic-scope schemas: "cannot tell", not a crash.
      return undefined;
    }
  }

  private fragment(pointer: string): ValidateFunction | null {
    let validate = this.fragmentValidators.get(pointer);
    if (validate !== undefined) return validate;
    validate = null;
    try {
      if (!this.registered && !this.registrationFailed) {
        // A renamed copy, so fragments are addressed under a key of this document's own.
        const copy = isObject(this.root) ? { ...this.root, $id: this.ajvKey } : this.root;
        this.ajv = isolatedAjvFor(this.draft, copy);
        this.ajv.addSchema(copy as object, this.ajvKey);
        this.registered = true;
      }
      if (this.registered && this.ajv)
        validate =
          (this.ajv.getSchema(`${this.ajvKey}${encodeFragment(pointer)}`) as ValidateFunction) ?? null;
    } catch {
      this.registrationFailed = !this.registered;
      validate = null;
    }
    this.fragmentValidators.set(pointer, validate);
    return validate;
  }

  private absolute(id: string, base = this.rootId): string {
    try {
      return base ? new URL(id, base).href : id;
    } catch {
      return id;
    }
  }

  /**
   * Canonical text of a sub-schema that contains no reference or identifier (so it means the same
   * wherever it stands), used to skip comparing identical sub-schemas; undefined otherwise.
   */
  shapeOf(node: Json): string | undefined {
    if (node === null || typeof node !== "object") return JSON.stringify(node);
    return this.shapes.get(node);
  }

  private readonly meanings = new WeakMap<object, string | null>();
  private readonly expanding = new WeakSet<object>();

  /**
   * Canonical text of a sub-schema with every local `$ref` replaced by the text of its target, so
   * equal texts accept equal sets in any document of the same draft. Undefined for recursive
   * references, dynamic references, or texts past a size limit. `holds` says what `node` is: a
   * schema, an array of schemas (a `oneOf`), a map of names to schemas (`dependentSchemas`), or
   * data (a keyword's value ajv never reads as schema).
   */
  meaningOf(node: Json, holds: Holds = "schema"): string | undefined {
    if (holds === "data") return valueKey(node);
    if (holds === "schemas") return Array.isArray(node) ? this.expandAll(node) : undefined;
    if (holds === "map") return isObject(node) ? this.expandMap(node) : undefined;
    const shape = this.shapeOf(node);
    if (shape !== undefined) return shape;
    if (node === null || typeof node !== "object") return undefined;
    const known = this.meanings.get(node);
    if (known !== undefined) return known ?? undefined;
    if (this.expanding.has(node)) return undefined;
    this.expanding.add(node);
    let text: string | undefined;
    try {
      text = this.expand(node);
    } finally {
      this.expanding.delete(node);
    }
    if (text !== undefined && text.length > MAX_MEANING_LENGTH) text = undefined;
    this.meanings.set(node, text ?? null);
    return text;
  }

  /** A schema's keys are keywords; a map's are names (a property named `$id` is a property). */
  private expand(node: object): string | undefined {
    if (Array.isArray(node)) return undefined;
    const object = node as JsonObject;
    const parts: string[] = [];
    for (const key of Object.keys(object).sort()) {
      const child = object[key] as Json;
      if (IDENTITY.has(key)) continue;
      let text: string | undefined;
      if (REFERENCES.has(key)) {
        // A dynamic reference means what it lands on, as the normaliser reads it: within one
        // document the dynamic scope holds only that document (resolveDynamic).
        const target =
          typeof child !== "string"
            ? undefined
            : key === "$ref"
              ? this.resolve(child, object)
              : this.resolveDynamic(key as "$dynamicRef" | "$recursiveRef", child, object);
        text = target === undefined ? undefined : this.meaningOf(target);
      } else {
        const holds = holdsOf(key, child);
        text =
          holds === "schema"
            ? this.meaningOf(child)
            : holds === "schemas"
              ? this.expandAll(child as Json[])
              : holds === "map"
                ? this.expandMap(child as JsonObject)
                : valueKey(child);
      }
      if (text === undefined) return undefined;
      parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(",")}}`;
  }

  private expandAll(schemas: readonly Json[]): string | undefined {
    const parts = schemas.map((child) => this.meaningOf(child));
    return parts.every((p) => p !== undefined) ? `[${parts.join(",")}]` : undefined;
  }

  /** Names to schemas (draft-07 `dependencies` also maps names to lists of names, which are data). */
  private expandMap(map: JsonObject): string | undefined {
    const parts: string[] = [];
    for (const name of Object.keys(map).sort()) {
      const child = map[name] as Json;
      const text = Array.isArray(child) ? valueKey(child) : this.meaningOf(child);
      if (text === undefined) return undefined;
      parts.push(`${JSON.stringify(name)}:${text}`);
    }
    return `{${parts.join(",")}}`;
  }

  /**
   * Records every node's pointer, anchors and ids; returns the node's shape (see shapeOf). A
   * schema's keys are keywords; the keys of `properties` and the other maps are names, so a
   * property named `$ref` or `default` is neither a reference nor data.
   */
  private index(node: Json, pointer: string, outer: Scope): string | undefined {
    if (node === null || typeof node !== "object") return JSON.stringify(node);
    if (this.pointers.has(node)) return this.shapes.get(node);
    this.pointers.set(node, pointer);
    let shape: string | undefined;
    if (Array.isArray(node)) {
      const parts = node.map((child, i) => this.index(child, `${pointer}/${i}`, outer));
      shape = parts.every((p) => p !== undefined) ? `[${parts.join(",")}]` : undefined;
    } else {
      const scope = this.record(node, pointer, outer);
      if (scope.resource !== this.root) this.scopes.set(node, scope);
      let referenced = false;
      const parts: string[] = [];
      for (const key of Object.keys(node).sort()) {
        const child = node[key] as Json;
        const at = `${pointer}/${escapeToken(key)}`;
        if (IDENTITY.has(key) || REFERENCES.has(key)) referenced = true;
        const holds = holdsOf(key, child);
        // Elsewhere (a vendor keyword, `required`) the value is walked like a schema, so that a
        // pointer into it resolves as ajv's does; its shape, like any shape, is equal only for
        // equal values, and undefined where a reference or identifier appears in it.
        const childShape =
          holds === "map"
            ? this.indexMap(child as JsonObject, at, scope)
            : holds === "data"
              ? valueKey(child)
              : this.index(child, at, scope);
        if (childShape === undefined) referenced = true;
        else parts.push(`${JSON.stringify(key)}:${childShape}`);
      }
      shape = referenced ? undefined : `{${parts.join(",")}}`;
    }
    if (shape !== undefined) this.shapes.set(node, shape);
    return shape;
  }

  /** A map of names to schemas: each schema is indexed, the names are data. */
  private indexMap(map: JsonObject, pointer: string, scope: Scope): string | undefined {
    this.pointers.set(map, pointer);
    const parts: string[] = [];
    let referenced = false;
    for (const name of Object.keys(map).sort()) {
      const child = map[name] as Json;
      const childShape = Array.isArray(child)
        ? valueKey(child)
        : this.index(child, `${pointer}/${escapeToken(name)}`, scope);
      if (childShape === undefined) referenced = true;
      else parts.push(`${JSON.stringify(name)}:${childShape}`);
    }
    return referenced ? undefined : `{${parts.join(",")}}`;
  }

  /** Records a node's anchors and `$id`; returns the scope its children are in. */
  private record(node: JsonObject, pointer: string, outer: Scope): Scope {
    const anchor = node.$anchor;
    if (typeof anchor === "string") this.anchors.set(anchor, node);
    const dynamicAnchor = node.$dynamicAnchor;
    if (typeof dynamicAnchor === "string" && this.dynamicAnchors.has(dynamicAnchor))
      this.ambiguousAnchors.add(dynamicAnchor);
    else if (typeof dynamicAnchor === "string") {
      this.dynamicAnchors.set(dynamicAnchor, node);
    }
    const id = node.$id;
    if (typeof id === "string" && pointer !== "#") {
      if (id.startsWith("#")) this.anchors.set(id.slice(1), node);
      else {
        const base = stripFragment(this.absolute(id, outer.base));
        this.ids.set(stripFragment(id), node);
        this.ids.set(base, node);
        return { resource: node, base };
      }
    }
    return outer;
  }
}

/** A schema resource (the document, or a node with its own `$id`) and its base URI. */
interface Scope {
  readonly resource: Json;
  readonly base: string | undefined;
}

/** Past this, a sub-schema's expanded text is not worth comparing (a shared DAG can grow fast). */
const MAX_MEANING_LENGTH = 20_000;

/** What a value is read as: a schema, an array of schemas, a map of names to schemas, or data. */
export type Holds = "schema" | "schemas" | "map" | "data";

/** Keywords that make a sub-schema's meaning depend on where it stands: references... */
const REFERENCES: ReadonlySet<string> = new Set(["$ref", "$dynamicRef", "$recursiveRef"]);
/** ...and the identifiers references land on. */
const IDENTITY: ReadonlySet<string> = new Set(["$id", "$anchor", "$dynamicAnchor", "$recursiveAnchor"]);

/**
 * What a keyword's value holds, by the shared vocabulary (schema/vocabulary.ts): one schema, an
 * array of schemas, a map of names to schemas, data, or (a keyword Accord does not know) a value
 * ajv never reads as schema.
 */
function holdsOf(key: string, value: Json): Holds | "other" {
  if (DATA_VALUED.has(key)) return "data";
  if (SCHEMA_MAP_VALUED.has(key)) return isObject(value) ? "map" : "data";
  if (SCHEMA_ARRAY_VALUED.has(key)) return Array.isArray(value) ? "schemas" : "data";
  if (SCHEMA_VALUED.has(key)) return Array.isArray(value) ? "schemas" : "schema";
  return "other";
}

function stripFragment(id: string): string {
  const hash = id.indexOf("#");
  return hash < 0 ? id : id.slice(0, hash);
}

function followPointer(node: Json | undefined, pointer: string): Json | undefined {
  if (pointer === "") return node;
  let current = node;
  for (const raw of pointer.slice(1).split("/")) {
    const token = unescapeToken(safeDecode(raw));
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current) && Object.hasOwn(current, token)) current = current[token];
    else return undefined;
  }
  return current;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function encodeFragment(pointer: string): string {
  const tokens = pointer.slice(1).split("/").slice(1);
  return `#${tokens.map((token) => `/${encodeURIComponent(token)}`).join("")}`;
}
