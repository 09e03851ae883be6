import { AccordFailure, accordError } from "../contracts/errors.js";
import { canonicalJson, fingerprint } from "../contracts/schema/canonical.js";
import { MAX_NESTING_DEPTH } from "../contracts/schema/json-value.js";
import type { Json } from "../contracts/schema/types.js";
import type { DataContract, Metadata, RuleSet } from "./data-contracts.js";
import type { SchemaReference } from "./model.js";

/** The body of register, lookup and compatibility requests (unknown fields are refused by the route schema). */
export interface SchemaRequestBody {
  readonly schema: string;
  readonly schemaType?: string;
  readonly references?: readonly SchemaReference[];
  readonly id?: number;
  readonly version?: number;
  readonly metadata?: Metadata | null;
  readonly ruleSet?: RuleSet | null;
}

/** The loader's limit, checked here too because fingerprinting and storing happen before loading. */
export const MAX_SCHEMA_DEPTH = MAX_NESTING_DEPTH;

/** Checks `schemaType` and parses the schema text. Throws 42201 failures naming the problem. */
export function parseSchemaText(body: SchemaRequestBody): Json {
  checkSchemaType(body.schemaType);
  if (body.schema.trim() === "") throw invalid("the schema is empty");
  let value: Json;
  try {
    value = JSON.parse(body.schema) as Json;
  } catch (err) {
    throw invalid(`the schema is not valid JSON (${(err as Error).message})`);
  }
  if (typeof value !== "boolean" && (value === null || typeof value !== "object" || Array.isArray(value))) {
    throw invalid("a JSON Schema must be an object or a boolean");
  }
  if (depthExceeds(value, MAX_SCHEMA_DEPTH))
    throw invalid(`the schema nests deeper than ${MAX_SCHEMA_DEPTH} levels`);
  return value;
}

function checkSchemaType(schemaType: string | undefined): void {
  if (schemaType !== undefined && schemaType.toUpperCase() === "JSON") return;
  const shown =
    schemaType === undefined
      ? "is missing (Confluent clients mean AVRO by that) and"
      : JSON.stringify(schemaType);
  throw new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SCHEMA_TYPE_UNSUPPORTED", [shown]));
}

/** Refuses two references with one name: `$ref` could not tell them apart. */
export function checkReferenceNames(references: readonly SchemaReference[]): void {
  const seen = new Set<string>();
  for (const reference of references) {
    if (seen.has(reference.name)) throw invalid(`two references are named ${JSON.stringify(reference.name)}`);
    seen.add(reference.name);
  }
}

export interface SchemaIdentity {
  /** The text stored and returned to clients. */
  readonly text: string;
  readonly references: readonly SchemaReference[];
  /** Metadata and rule set as stored with the schema (after defaults and overrides). */
  readonly contract: DataContract;
  readonly fingerprint: string;
}

/**
 * Identity ignores layout and key order (the canonical form), so the same schema sent by two
 * clients gets one id. `normalize` also changes what is stored: sorted keys and sorted references,
 * as Confluent's normalize does; otherwise the client's key order is kept, minus whitespace.
 * Metadata and rule set are part of identity, as in Confluent: the same text with other metadata
 * is another schema. (They enter the fingerprint only when present, so schemas without them keep
 * the fingerprints they were stored with.)
 */
export function schemaIdentity(
  value: Json,
  references: readonly SchemaReference[],
  normalize: boolean,
  contract: DataContract = {},
): SchemaIdentity {
  const sorted = [...references].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const referenceJson: Json = sorted.map((reference) => ({ ...reference }));
  return {
    text: normalize ? canonicalJson(value) : JSON.stringify(value),
    references: normalize ? sorted : references,
    contract,
    fingerprint: fingerprint({
      schema: value,
      references: referenceJson,
      ...(contract as { [key: string]: Json }),
    }),
  };
}

function depthExceeds(value: Json, limit: number): boolean {
  const stack: [Json, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Json, number];
    if (node === null || typeof node !== "object") continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function invalid(reason: string): AccordFailure {
  return new AccordFailure(accordError("ACCORD_ERR_REGISTRY_SCHEMA_INVALID", [reason]));
}
