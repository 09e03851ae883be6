/**
 * A schema document as the engine sees it: every node's JSON Pointer, local `$ref` resolution
 * (pointers, anchors, embedded `$id`s) and ajv validators for any node, used to check the
 * engine's reasoning on concrete values. Only local references exist here: the loader has
 * already rejected remote ones, and nothing is ever fetched.
 */
import type { ValidateFunction } from "ajv";
import { ajvFor } from "../schema/ajv.js";
import type { Draft, Json, SchemaDocument } from "../schema/types.js";

type JsonObject = { [key: string]: Json };

let documentCounter = 0;

export class SchemaDoc {
  readonly root: Json;
  readonly draft: Draft;
  /** ajv's key for this document; fragments are `${key}#/pointer`. */
  private readonly ajvKey: string;
  private readonly pointers = new WeakMap<object, string>();
  private readonly anchors = new Map<string, Json>();
  private readonly ids = new Map<string, Json>();
  private readonly rootId: string | undefined;
  private registered = false;
  private registrationFailed = false;
  private readonly fragmentValidators = new Map<string, ValidateFunction | null>();

  constructor(document: Pick<SchemaDocument, "root" | "draft">) {
    this.root = document.root;
    this.draft = document.draft;
    this.ajvKey = `accord-engine://doc/${++documentCounter}`;
    const id = isObject(this.root) ? this.root.$id : undefined;
    this.rootId = typeof id === "string" ? stripFragment(id) : undefined;
    this.index(this.root, "#");
  }

  pointerOf(node: Json): string | undefined {
    return isObject(node) || Array.isArray(node) ? this.pointers.get(node) : undefined;
  }

  /** Resolves a local `$ref`; undefined when it points nowhere in this document. */
  resolve(ref: string): Json | undefined {
    const hash = ref.indexOf("#");
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? "" : ref.slice(hash + 1);
    let resource: Json | undefined = this.root;
    if (base !== "" && base !== this.rootId) {
      resource = this.ids.get(base) ?? this.ids.get(this.absolute(base));
      if (resource === undefined) return undefined;
    }
    if (fragment === "" || fragment.startsWith("/")) return followPointer(resource, fragment);
    return this.anchors.get(fragment);
  }

  /** Validates a value against the node at `pointer` with ajv (the same engine that checks witnesses). */
  validatesAt(pointer: string, value: Json): boolean | undefined {
    const validate = this.fragment(pointer);
    if (!validate) return undefined;
    return validate(value) === true;
  }

  private fragment(pointer: string): ValidateFunction | null {
    let validate = this.fragmentValidators.get(pointer);
    if (validate !== undefined) return validate;
    validate = null;
    try {
      const ajv = ajvFor(this.draft);
      if (!this.registered && !this.registrationFailed) {
        // A renamed copy: the document's own $id may clash with the other side's in the shared instance.
        const copy = isObject(this.root) ? { ...this.root, $id: this.ajvKey } : this.root;
        ajv.addSchema(copy as object, this.ajvKey);
        this.registered = true;
      }
      if (this.registered)
        validate = (ajv.getSchema(`${this.ajvKey}${encodeFragment(pointer)}`) as ValidateFunction) ?? null;
    } catch {
      this.registrationFailed = !this.registered;
      validate = null;
    }
    this.fragmentValidators.set(pointer, validate);
    return validate;
  }

  private absolute(id: string): string {
    try {
      return this.rootId ? new URL(id, this.rootId).href : id;
    } catch {
      return id;
    }
  }

  private index(node: Json, pointer: string): void {
    if (Array.isArray(node)) {
      if (this.pointers.has(node)) return;
      this.pointers.set(node, pointer);
      node.forEach((child, i) => {
        this.index(child, `${pointer}/${i}`);
      });
      return;
    }
    if (!isObject(node) || this.pointers.has(node)) return;
    this.pointers.set(node, pointer);
    const anchor = node.$anchor;
    if (typeof anchor === "string") this.anchors.set(anchor, node);
    const id = node.$id;
    if (typeof id === "string" && pointer !== "#") {
      if (id.startsWith("#")) this.anchors.set(id.slice(1), node);
      else {
        this.ids.set(stripFragment(id), node);
        this.ids.set(stripFragment(this.absolute(id)), node);
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === "enum" || key === "const" || key === "examples" || key === "default") continue;
      this.index(child, `${pointer}/${escapeToken(key)}`);
    }
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
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
