/** The engine's view of one document, built once and reused across comparisons. */

import { validatorFor } from "../schema/ajv.js";
import type { Json, SchemaDocument } from "../schema/types.js";
import { WeakMemo } from "../schema/weak-memo.js";
import { SchemaDoc } from "./document.js";
import { formatsFor } from "./formats.js";
import { ValueFactory } from "./generate.js";
import { Normalizer } from "./normalize.js";

export interface Side {
  readonly document: SchemaDocument;
  readonly normalizer: Normalizer;
  readonly values: ValueFactory;
}

const sides = new WeakMemo<Side>();

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
  const variant = `${document.draft}|${closeOpenObjects}|${[...annotationKeywords].sort().join(",")}`;
  const build = (): Side => {
    const formats = formatsFor(document.draft);
    const normalizer = new Normalizer(new SchemaDoc(document), formats, closeOpenObjects, annotationKeywords);
    return { document, normalizer, values: new ValueFactory(normalizer, formats) };
  };
  const root = document.root;
  return typeof root === "object" && root !== null ? sides.remember(root, variant, build) : build();
}

/**
 * An event valid under the schema (checked with ajv), built by the same generator that makes
 * the engine's examples; undefined when none could be built (e.g. an unsatisfiable schema).
 */
export function exampleEvent(document: SchemaDocument): Json | undefined {
  const root = document.root;
  const build = (): Json | undefined => {
    const side = sideOf(document);
    const built = side.values.valid(side.normalizer.normalize(root));
    return built !== undefined && validatorFor(root, document.draft)(built) ? built : undefined;
  };
  // Identical versions (one interned root) share their example.
  return typeof root === "object" && root !== null ? examples.remember(root, document.draft, build) : build();
}

const examples = new WeakMemo<Json | undefined>();
