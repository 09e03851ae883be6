/** JSON Schema drafts Accord reads. Without `$schema`, draft-07 is assumed (as Confluent and Karapace do). */
export type Draft = "draft-07" | "2019-09" | "2020-12";

export const DRAFTS: readonly Draft[] = ["draft-07", "2019-09", "2020-12"];

export const DEFAULT_DRAFT: Draft = "draft-07";

/** A JSON value as parsed from a schema or event. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object (not null, not an array). */
export type JsonObject = { [key: string]: Json };

/**
 * A parsed, meta-validated schema with only local `$ref`s: what the compatibility engine, the
 * registry and generators take as input.
 */
export interface SchemaDocument {
  /** The schema itself (an object or a boolean schema). */
  readonly root: Json;
  readonly draft: Draft;
  /** True when the document had no `$schema` and `draft` is the configured default. */
  readonly draftAssumed: boolean;
  /** A label for messages: a file path, or `subject v3`. */
  readonly source: string;
  /** Line and column (1-based) of the node at a JSON Pointer, when the text is known. */
  readonly locate?: (pointer: string) => { line: number; column: number } | undefined;
}
