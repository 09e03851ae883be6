import { exampleEvent } from "../compat/sides.js";
import { validatorFor } from "../schema/ajv.js";
import type { Json, SchemaDocument } from "../schema/types.js";
import type { ExampleEvent } from "./types.js";

export interface ExampleResult {
  readonly example?: ExampleEvent;
  /** Own examples that the schema itself rejects: shown to owners, never shown as the example. */
  readonly invalidOwnExamples: number;
}

/**
 * The example event of a version: the first of the schema's own `examples` that is valid under it,
 * else one the engine's generator builds (itself checked with ajv). An example that contradicts
 * its schema would teach readers the wrong shape, so own examples are validated too.
 */
export function exampleFor(document: SchemaDocument): ExampleResult {
  const root = document.root;
  const own: readonly Json[] =
    root !== null && typeof root === "object" && !Array.isArray(root) && Array.isArray(root.examples)
      ? root.examples
      : [];
  let invalid = 0;
  let chosen: Json | undefined;
  if (own.length > 0) {
    const validate = validatorFor(root, document.draft);
    for (const candidate of own) {
      if (!validate(candidate)) invalid++;
      else if (chosen === undefined) chosen = candidate;
    }
  }
  if (chosen !== undefined)
    return { example: { origin: "schema", event: chosen }, invalidOwnExamples: invalid };
  const generated = exampleEvent(document);
  return generated === undefined
    ? { invalidOwnExamples: invalid }
    : { example: { origin: "generated", event: generated }, invalidOwnExamples: invalid };
}
