import type { Draft, Json } from "../../../contracts/schema/types.js";

/** What a generated schema may use in each draft: keyword spellings differ, and some families are newer. */
export interface DraftShape {
  readonly draft: Draft;
  /** `$schema` at the root; draft-07 leaves it out, as most real schemas do (Accord assumes draft-07). */
  readonly uri?: string;
  readonly defsKey: "definitions" | "$defs";
  /** draft-07 and 2019-09: `items: [..]` + `additionalItems`; 2020-12: `prefixItems` + `items`. */
  readonly tuple: "items-array" | "prefixItems";
  /** `dependentRequired`/`dependentSchemas` (2019-09 on) rather than `dependencies`. */
  readonly dependent: boolean;
  /** `unevaluatedProperties`/`unevaluatedItems`, `minContains`/`maxContains`. */
  readonly modern: boolean;
}

export const DRAFT_SHAPES: readonly DraftShape[] = [
  { draft: "draft-07", defsKey: "definitions", tuple: "items-array", dependent: false, modern: false },
  {
    draft: "2019-09",
    uri: "https://json-schema.org/draft/2019-09/schema",
    defsKey: "$defs",
    tuple: "items-array",
    dependent: true,
    modern: true,
  },
  {
    draft: "2020-12",
    uri: "https://json-schema.org/draft/2020-12/schema",
    defsKey: "$defs",
    tuple: "prefixItems",
    dependent: true,
    modern: true,
  },
];

export function shapeOf(draft: Draft): DraftShape {
  const shape = DRAFT_SHAPES.find((candidate) => candidate.draft === draft);
  if (!shape) throw new Error(`no draft shape for ${draft}`);
  return shape;
}

/** The root as written to a file: `$schema` first for the newer drafts. */
export function withDraft(shape: DraftShape, schema: Json): Json {
  if (!shape.uri || schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const { $schema: _ignored, ...rest } = schema;
  return { $schema: shape.uri, ...rest };
}
