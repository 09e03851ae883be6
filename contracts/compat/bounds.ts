/**
 * Every bound keyword is a row of one table, checked by one checker: a reader bound the writer's
 * own bounds do not imply lets some writer value through to the reader's rejection. A row names
 * its gap kind, which side it bounds, its two rule ids (tightened: breaks backward; loosened:
 * breaks forward; the compiler checks them against rules.ts), how to read the bound off a branch
 * and how to measure a value. Integer-typed number writers compare bounds as the integers they
 * admit. A family whose values need exact reasoning passes its own search (string lengths are
 * decided on automata first, object counts built directly); the rest search for an example.
 */
import type { Json } from "../schema/types.js";
import { codePointLength } from "./accepts.js";
import { type InclusionContext, pointer } from "./engine.js";
import { emptyOutcome, type GapKind, type GapSite, merge, type Outcome } from "./gaps.js";
import type {
  ArrayBranch,
  Bound,
  Branch,
  NumberBranch,
  ObjectBranch,
  Origin,
  StringBranch,
} from "./normal-form.js";
import { writerIsClosed } from "./object-shape.js";
import type { CompatRuleId, RuleOf } from "./rules.js";

/** A bound as a number line sees it. */
export interface Extent {
  readonly value: number;
  readonly exclusive: boolean;
}

/** A bound as a branch declares it: the keyword it was written as, and where. */
export interface Limit extends Extent {
  readonly keyword: string;
  readonly origin: Origin;
}

type BoundKind =
  | "minimum"
  | "maximum"
  | "minLength"
  | "maxLength"
  | "minItems"
  | "maxItems"
  | "minProperties"
  | "maxProperties";

interface BoundRow<B extends Branch> {
  readonly kind: BoundKind;
  /** lower: values under the bound break it; upper: values over it. */
  readonly side: "lower" | "upper";
  /** Added or tightened: the new schema rejects old events (breaks backward). */
  readonly tightened: CompatRuleId;
  /** Removed or loosened: old readers reject new events (breaks forward). */
  readonly loosened: CompatRuleId;
  /** The bound the branch states (a reader's bound; a writer's, as messages show it). */
  readonly declared: (branch: B) => Limit | undefined;
  /** What limits a writer's values, when the branch implies more than it states. */
  readonly effective?: (branch: B) => Extent | undefined;
  /** The quantity the bound limits: a string's length, an array's or object's size, a number. */
  readonly measure: (value: Json) => number;
  /** Whether the writer holds only integers, so bounds compare as the integers they admit. */
  readonly integral?: (writer: B) => boolean;
}

/** A row whose rule ids the compiler checks against the records in rules.ts. */
function row<B extends Branch, K extends BoundKind>(
  spec: BoundRow<B> & { kind: K; tightened: RuleOf<K, "backward">; loosened: RuleOf<K, "forward"> },
): BoundRow<B> {
  return spec;
}

/** A count keyword (lengths, items, properties): never exclusive, 0 or absent when unset. */
function count(value: number | undefined, keyword: string, origin: Origin): Limit | undefined {
  return value === undefined ? undefined : { value, exclusive: false, keyword, origin };
}

/** minimum/exclusiveMinimum (maximum/exclusiveMaximum) as the normal form merged them. */
function numeric(bound: Bound | undefined, inclusive: "minimum" | "maximum"): Limit | undefined {
  if (!bound) return undefined;
  const exclusive = inclusive === "minimum" ? "exclusiveMinimum" : "exclusiveMaximum";
  return { ...bound, keyword: bound.exclusive ? exclusive : inclusive };
}

/** The most items a writer array can hold (a closed tuple caps it at the prefix length). */
export function effectiveMaxItems(branch: ArrayBranch): number | undefined {
  const tailClosed = branch.items.key === "false";
  const tupleMax = tailClosed ? branch.prefix.length : undefined;
  if (branch.maxItems === undefined) return tupleMax;
  return tupleMax === undefined ? branch.maxItems : Math.min(branch.maxItems, tupleMax);
}

/** A closed object without patternProperties holds at most its declared properties. */
function effectiveMaxProperties(branch: ObjectBranch): number | undefined {
  const closedMax =
    writerIsClosed(branch) && branch.patternProperties.length === 0 ? branch.properties.size : undefined;
  if (branch.maxProperties === undefined) return closedMax;
  return closedMax === undefined ? branch.maxProperties : Math.min(branch.maxProperties, closedMax);
}

const extent = (value: number | undefined): Extent | undefined =>
  value === undefined ? undefined : { value, exclusive: false };

const numberOf = (value: Json) => value as number;
const lengthOf = (value: Json) => codePointLength(value as string);
const sizeOf = (value: Json) => (value as Json[]).length;
const propertyCount = (value: Json) => Object.keys(value as object).length;

/**
 * Integer-typed writers only: a whole-number multipleOf does not say as much under ajv's
 * arithmetic (`5e-324 / 2` underflows to 0, an integer, so ajv takes 5e-324 as a multiple of 2).
 */
const integerTyped = (writer: NumberBranch) => writer.integer;

export const BOUNDS = {
  number: [
    row({
      kind: "minimum",
      side: "lower",
      tightened: "minimum-increased",
      loosened: "minimum-decreased",
      declared: (b: NumberBranch) => numeric(b.min, "minimum"),
      measure: numberOf,
      integral: integerTyped,
    }),
    row({
      kind: "maximum",
      side: "upper",
      tightened: "maximum-decreased",
      loosened: "maximum-increased",
      declared: (b: NumberBranch) => numeric(b.max, "maximum"),
      measure: numberOf,
      integral: integerTyped,
    }),
  ],
  string: [
    row({
      kind: "minLength",
      side: "lower",
      tightened: "min-length-increased",
      loosened: "min-length-decreased",
      declared: (b: StringBranch) => count(b.minLength, "minLength", b.lengthOrigin ?? b.origin),
      measure: lengthOf,
    }),
    row({
      kind: "maxLength",
      side: "upper",
      tightened: "max-length-decreased",
      loosened: "max-length-increased",
      declared: (b: StringBranch) => count(b.maxLength, "maxLength", b.lengthOrigin ?? b.origin),
      measure: lengthOf,
    }),
  ],
  array: [
    row({
      kind: "minItems",
      side: "lower",
      tightened: "min-items-increased",
      loosened: "min-items-decreased",
      declared: (b: ArrayBranch) => count(b.minItems, "minItems", b.origin),
      measure: sizeOf,
    }),
    row({
      kind: "maxItems",
      side: "upper",
      tightened: "max-items-decreased",
      loosened: "max-items-increased",
      declared: (b: ArrayBranch) => count(b.maxItems, "maxItems", b.origin),
      effective: (b) => extent(effectiveMaxItems(b)),
      measure: sizeOf,
    }),
  ],
  object: [
    row({
      kind: "minProperties",
      side: "lower",
      tightened: "min-properties-increased",
      loosened: "min-properties-decreased",
      declared: (b: ObjectBranch) => count(b.minProperties, "minProperties", b.origin),
      // Required names count: a writer object has at least as many properties.
      effective: (b) => extent(Math.max(b.minProperties, b.required.size)),
      measure: propertyCount,
    }),
    row({
      kind: "maxProperties",
      side: "upper",
      tightened: "max-properties-decreased",
      loosened: "max-properties-increased",
      declared: (b: ObjectBranch) => count(b.maxProperties, "maxProperties", b.origin),
      effective: (b) => extent(effectiveMaxProperties(b)),
      measure: propertyCount,
    }),
  ],
} as const;

type Families = typeof BOUNDS;
type BranchOf<F extends keyof Families> = Families[F][number] extends BoundRow<infer B> ? B : never;

/** One reader bound the writer does not imply, as a family's search sees it. */
export interface BoundGap<B extends Branch> {
  readonly row: BoundRow<B>;
  readonly writer: B;
  readonly reader: B;
  /** The reader's bound. */
  readonly bound: Limit;
  /** The writer's bound on the same side, as it limits the writer's values (undefined: none). */
  readonly own: Extent | undefined;
  /** Whether a value of the branch's type falls outside the reader's bound. */
  readonly breaks: (value: Json) => boolean;
  /** The gap's place and both declared settings, for the message. */
  readonly site: GapSite;
}

/** How a family finds an example past a reader bound: a gap with it, or an unknown. */
export type BoundSearch<B extends Branch> = (ctx: InclusionContext, gap: BoundGap<B>) => Outcome;

/** The default: candidate writer values, the first the reader's bound rejects. */
export function searchBound<B extends Branch>(ctx: InclusionContext, gap: BoundGap<B>): Outcome {
  const { writerValue, readerValue } = gap.site;
  return ctx.gapOrUnknown(
    gap.writer,
    gap.reader,
    gap.row.kind,
    gap.bound.origin,
    gap.bound.keyword,
    gap.breaks,
    {
      writerValue,
      readerValue,
    },
  );
}

/** Checks every bound of a family, in table order (lower, then upper). */
export function checkBounds<F extends keyof Families>(
  ctx: InclusionContext,
  family: F,
  writer: BranchOf<F>,
  reader: BranchOf<F>,
  search: BoundSearch<BranchOf<F>> = searchBound,
): Outcome {
  const outcome = emptyOutcome();
  for (const row of BOUNDS[family] as readonly BoundRow<BranchOf<F>>[]) {
    const bound = row.declared(reader);
    if (!bound) continue;
    const own = (row.effective ?? row.declared)(writer);
    if (!isLooser(row.side, own, bound, row.integral?.(writer) ?? false)) continue;
    const kind: GapKind = row.kind;
    merge(
      outcome,
      search(ctx, {
        row,
        writer,
        reader,
        bound,
        own,
        breaks: (value) => !within(row.side, row.measure(value), bound),
        site: {
          kind,
          writerPath: pointer(writer.origin, bound.keyword),
          readerPath: pointer(bound.origin, bound.keyword),
          writerValue: shown(row.declared(writer)),
          readerValue: shown(bound),
        },
      }),
    );
  }
  return outcome;
}

/** Whether the writer's bound (or its absence) lets through values past the reader's. */
function isLooser(
  side: "lower" | "upper",
  own: Extent | undefined,
  bound: Extent,
  integral: boolean,
): boolean {
  if (!own) return true;
  if (integral && exactIntegers(own, bound)) {
    return side === "lower"
      ? lowestInteger(own) < lowestInteger(bound)
      : highestInteger(own) > highestInteger(bound);
  }
  if (own.value !== bound.value) return side === "lower" ? own.value < bound.value : own.value > bound.value;
  return bound.exclusive && !own.exclusive;
}

function within(side: "lower" | "upper", measured: number, bound: Extent): boolean {
  if (side === "lower") return bound.exclusive ? measured > bound.value : measured >= bound.value;
  return bound.exclusive ? measured < bound.value : measured <= bound.value;
}

/** Past 2^53 doubles are integers far apart: `1e21 + 1 === 1e21`, so rounding bounds proves nothing. */
function exactIntegers(...bounds: Extent[]): boolean {
  return bounds.every((bound) => Math.abs(bound.value) < 2 ** 53);
}

/** The smallest integer a lower bound admits. */
function lowestInteger(bound: Extent): number {
  return bound.exclusive ? Math.floor(bound.value) + 1 : Math.ceil(bound.value);
}

function highestInteger(bound: Extent): number {
  return bound.exclusive ? Math.ceil(bound.value) - 1 : Math.floor(bound.value);
}

/** A bound as messages show it: "none", the value, or "the value (exclusive)". */
function shown(bound: Extent | undefined): Json {
  if (!bound) return "none";
  return bound.exclusive ? `${bound.value} (exclusive)` : bound.value;
}
