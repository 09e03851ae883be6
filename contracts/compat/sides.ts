/** The engine's view of one document, built once and reused across comparisons. */

import { validatorFor } from "../schema/ajv.js";
import type { Json, SchemaDocument } from "../schema/types.js";
import { SchemaDoc } from "./document.js";
import { formatsFor } from "./formats.js";
import { ValueFactory } from "./generate.js";
import { Normalizer } from "./normalize.js";

export interface Side {
  readonly document: SchemaDocument;
  readonly normalizer: Normalizer;
  readonly values: ValueFactory;
}

const sides = new WeakMap<object, Map<string, Side>>();

/**
 * One normaliser per document and reading, reused across comparisons (transitive checks, FULL's
 * two directions). `closeOpenObjects` is the writer-side reading under writersEmitOnlyDeclared:
 * objects without additionalProperties admit only what they declare.
 */
export function sideOf(
  document: SchemaDocument,
  closeOpenObjects = false,
  annotationKeywords: readonly string[] = [],
): Side {
  const key = typeof document.root === "object" && document.root !== null ? document.root : undefined;
  const variant = `${document.draft}|${closeOpenObjects}|${[...annotationKeywords].sort().join(",")}`;
  const byVariant = key ? (sides.get(key) ?? new Map<string, Side>()) : undefined;
  const known = byVariant?.get(variant);
  if (known) return known;
  const formats = formatsFor(document.draft);
  const normalizer = new Normalizer(new SchemaDoc(document), formats, closeOpenObjects, annotationKeywords);
  const side = { document, normalizer, values: new ValueFactory(normalizer, formats) };
  if (key && byVariant) {
    byVariant.set(variant, side);
    sides.set(key, byVariant);
  }
  return side;
}

/**
 * An event valid under the schema (checked with ajv), built by the same generator that makes
 * the engine's examples; undefined when none could be built (e.g. an unsatisfiable schema).
 */
export function exampleEvent(document: SchemaDocument): Json | undefined {
  const root = document.root;
  const known =
    typeof root === "object" && root !== null ? examples.get(root)?.get(document.draft) : undefined;
  if (known) return known.value;
  const side = sideOf(document);
  const built = side.values.valid(side.normalizer.normalize(root));
  const value = built !== undefined && validatorFor(root, document.draft)(built) ? built : undefined;
  if (typeof root === "object" && root !== null) {
    const byDraft = examples.get(root) ?? new Map<string, { value: Json | undefined }>();
    byDraft.set(document.draft, { value });
    examples.set(root, byDraft);
  }
  return value;
}

/** Examples per schema object and draft: identical versions (one interned root) share theirs. */
const examples = new WeakMap<object, Map<string, { value: Json | undefined }>>();
