import type { Json } from "../contracts/schema/types.js";

/** A registered schema a reference points at, with its own references already resolved. */
export interface ReferencedSchema {
  /** Identifies the subject version, so a schema referenced twice is embedded once. */
  readonly key: string;
  readonly root: Json;
  /** Reference name (what `$ref` uses) → the schema it names. */
  readonly references: ReadonlyMap<string, ReferencedSchema>;
}

// Keywords whose values are data, not schemas: a `$ref` inside them is not a reference.
const DATA_KEYWORDS = new Set(["enum", "const", "examples", "default"]);

/**
 * Turns a schema with Confluent references into one self-contained document: every referenced
 * schema is embedded under the definitions keyword, and each `$ref` naming a reference is
 * rewritten to a local pointer. The loader (which refuses remote `$ref`s) and the compatibility
 * engine then see ordinary local references, so nothing is ever fetched.
 *
 * Limits: an embedded schema's own `$id` and `$schema` are dropped (its internal `#/...` pointers
 * are rewritten relative to its new place instead), and `$anchor`/plain-name fragments inside an
 * embedded schema are not relocated.
 */
export function bundleReferences(root: Json, references: ReadonlyMap<string, ReferencedSchema>): Json {
  if (references.size === 0 || root === null || typeof root !== "object" || Array.isArray(root)) return root;

  const defsKeyword = usesDefinitions(root) ? "definitions" : "$defs";
  const names = new Map<string, string>();
  const queue: ReferencedSchema[] = [];
  const enqueue = (schema: ReferencedSchema) => {
    if (names.has(schema.key)) return;
    names.set(schema.key, `accord-ref-${names.size + 1}`);
    queue.push(schema);
  };
  for (const schema of references.values()) enqueue(schema);

  const embedded: Record<string, Json> = {};
  for (let index = 0; index < queue.length; index++) {
    const schema = queue[index] as ReferencedSchema;
    for (const target of schema.references.values()) enqueue(target);
    const place = `#/${defsKeyword}/${names.get(schema.key)}`;
    const rewritten = rewrite(schema.root, { local: place, targets: targetsOf(schema.references) });
    embedded[names.get(schema.key) as string] = withoutKeys(rewritten, ["$id", "$schema"]);
  }

  const top = rewrite(root, { local: null, targets: targetsOf(references) }) as { [key: string]: Json };
  const existing = top[defsKeyword];
  const defs = existing !== null && typeof existing === "object" && !Array.isArray(existing) ? existing : {};
  return { ...top, [defsKeyword]: { ...defs, ...embedded } };

  function targetsOf(map: ReadonlyMap<string, ReferencedSchema>): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, schema] of map) out.set(name, `#/${defsKeyword}/${names.get(schema.key)}`);
    return out;
  }
}

interface RewriteContext {
  /** Where this document now sits (`#/$defs/...`), or null for the top document. */
  readonly local: string | null;
  /** Reference name → local pointer of the embedded schema. */
  readonly targets: ReadonlyMap<string, string>;
}

function rewrite(node: Json, context: RewriteContext): Json {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, context));
  if (node === null || typeof node !== "object") return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") out[key] = rewriteRef(value, context);
    else if (DATA_KEYWORDS.has(key)) out[key] = value;
    else out[key] = rewrite(value, context);
  }
  return out;
}

function rewriteRef(ref: string, context: RewriteContext): string {
  if (ref.startsWith("#")) {
    // A pointer inside an embedded schema now needs its new prefix.
    if (context.local === null || !(ref === "#" || ref.startsWith("#/"))) return ref;
    return `${context.local}${ref.slice(1)}`;
  }
  const hash = ref.indexOf("#");
  const base = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  const target =
    context.targets.get(base) ?? context.targets.get(`./${base}`) ?? context.targets.get(stripDot(base));
  if (target === undefined) return ref;
  return fragment === "" || fragment.startsWith("/") ? `${target}${fragment}` : ref;
}

function stripDot(name: string): string {
  return name.startsWith("./") ? name.slice(2) : name;
}

/** Draft-07 (and no `$schema`, which Accord reads as draft-07) keeps `definitions`; later drafts use `$defs`. */
function usesDefinitions(root: { [key: string]: Json }): boolean {
  const declared = root.$schema;
  return typeof declared !== "string" || !/2019-09|2020-12/.test(declared);
}

function withoutKeys(node: Json, keys: readonly string[]): Json {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
  const out = { ...node };
  for (const key of keys) delete out[key];
  return out;
}
