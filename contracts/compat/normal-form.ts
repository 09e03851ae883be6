/**
 * The engine's internal dialect. A schema is normalised into a union of branches, one instance
 * type per branch, each branch a conjunction of that type's constraints. Drafts 07, 2019-09 and
 * 2020-12 all land here (prefixItems, dependentRequired, `$ref` as a conjunct), so the keyword
 * checkers never see draft differences.
 */
import type { Json } from "../schema/types.js";
import type { SchemaDoc } from "./document.js";

export type InstanceType = "null" | "boolean" | "number" | "string" | "array" | "object";

export const INSTANCE_TYPES: readonly InstanceType[] = [
  "null",
  "boolean",
  "number",
  "string",
  "array",
  "object",
];

/** Where a constraint came from: the document and the JSON Pointer of the schema node. */
export interface Origin {
  readonly doc: SchemaDoc;
  readonly pointer: string;
}

/** A sub-schema normalised on demand, so recursive `$ref`s never unfold eagerly. */
export interface Lazy {
  readonly key: string;
  /** The raw sub-schema's shape (SchemaDoc.shapeOf): equal shapes in one draft accept equal sets. */
  readonly shape?: string;
  /** For a conjunction (Normalizer.lazyAll), its atoms: nested conjunctions flatten into one. */
  readonly members?: readonly Lazy[];
  get(): Normal;
}

/**
 * A constraint the engine does not fold into the normal form (`not` of a complex schema,
 * if/then/else, overlapping oneOf, unknown keywords, dependentSchemas). On the writer side it is
 * dropped (a larger writer set keeps inclusion proofs sound); on the reader side it must be met
 * by an identical constraint on the writer, or be broken by a verified example, or it stays
 * undetermined.
 */
export interface Opaque {
  readonly kind:
    | "not"
    | "condition"
    | "one-of"
    | "unknown-keyword"
    | "dependent-schema"
    | "dynamic-ref"
    | "unevaluated"
    | "combination";
  /** Canonical text of the constraint, to recognise the same constraint on both sides. */
  readonly key: string;
  readonly origin: Origin;
  /** The keyword(s) it stands for, for messages. */
  readonly keyword: string;
  /** Validates a concrete value against the constraint (ajv on the original node). */
  readonly accepts: (value: Json) => boolean;
  /** The sub-schemas it is made of, normalised in its own document, for reasoning about it. */
  readonly parts: OpaqueParts;
}

export interface OpaqueParts {
  /** if/then/else, named so no object carries a `then` (which would make it look like a promise). */
  readonly condition?: Lazy;
  readonly consequent?: Lazy;
  readonly alternative?: Lazy;
  readonly not?: Lazy;
  readonly members?: readonly Lazy[];
  readonly dependents?: readonly { readonly name: string; readonly schema: Lazy }[];
}

export interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
  readonly origin: Origin;
}

interface BranchBase {
  readonly origin: Origin;
  /** A finite set of allowed values (enum/const), already filtered by the branch's other constraints. */
  readonly values?: readonly Json[];
  /** Values excluded by a `not` of an enum or const. */
  readonly notValues: readonly Json[];
  readonly opaque: readonly Opaque[];
}

export interface NullBranch extends BranchBase {
  readonly type: "null";
}

export interface BooleanBranch extends BranchBase {
  readonly type: "boolean";
}

export interface NumberBranch extends BranchBase {
  readonly type: "number";
  readonly integer: boolean;
  readonly min?: Bound;
  readonly max?: Bound;
  readonly multipleOf: readonly { readonly value: number; readonly origin: Origin }[];
}

export interface StringBranch extends BranchBase {
  readonly type: "string";
  readonly minLength: number;
  readonly maxLength?: number;
  readonly patterns: readonly { readonly source: string; readonly origin: Origin }[];
  readonly formats: readonly { readonly name: string; readonly origin: Origin }[];
  readonly lengthOrigin?: Origin;
}

export interface ContainsRule {
  readonly schema: Lazy;
  readonly min: number;
  readonly max?: number;
  readonly origin: Origin;
}

export interface ArrayBranch extends BranchBase {
  readonly type: "array";
  readonly prefix: readonly Lazy[];
  /** Items after the prefix. */
  readonly items: Lazy;
  readonly minItems: number;
  readonly maxItems?: number;
  readonly unique: boolean;
  /**
   * ajv tests uniqueItems loosely here: with `items` typed (primitive types) it skips items of
   * other types, which prefixItems positions may hold, so it accepts some duplicate arrays.
   */
  readonly uniqueLoose?: boolean;
  readonly contains: readonly ContainsRule[];
  /** The keyword `items` stands for, when it is not the draft's own (unevaluatedItems). */
  readonly itemsKeyword?: "unevaluatedItems";
}

export interface ObjectBranch extends BranchBase {
  readonly type: "object";
  readonly properties: ReadonlyMap<string, Lazy>;
  readonly patternProperties: readonly { readonly pattern: string; readonly schema: Lazy }[];
  /** Schema for properties matched by neither `properties` nor `patternProperties`. */
  readonly additional: Lazy;
  /** The keyword `additional` stands for, when it is not additionalProperties. */
  readonly additionalKeyword?: "unevaluatedProperties";
  readonly required: ReadonlySet<string>;
  readonly minProperties: number;
  readonly maxProperties?: number;
  readonly propertyNames?: Lazy;
  readonly dependentRequired: ReadonlyMap<string, readonly string[]>;
}

export type Branch = NullBranch | BooleanBranch | NumberBranch | StringBranch | ArrayBranch | ObjectBranch;

/** A normalised schema: the union of its branches. No branches = the false schema. */
export interface Normal {
  readonly id: number;
  readonly shape?: string;
  readonly origin: Origin;
  readonly branches: readonly Branch[];
}
