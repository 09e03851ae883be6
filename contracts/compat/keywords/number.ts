/** number and integer: type (integer within number), bounds with integer rounding, multipleOf. */
import type { Json } from "../../schema/types.js";
import type { InclusionContext } from "../engine.js";
import { emptyOutcome, merge, type Outcome } from "../gaps.js";
import type { Bound, NumberBranch } from "../normal-form.js";
import { isMultipleOf } from "../values.js";

export function checkNumber(ctx: InclusionContext, writer: NumberBranch, reader: NumberBranch): Outcome {
  const outcome = emptyOutcome();
  const integerOnly = isEffectivelyInteger(writer);
  if (reader.integer && !integerOnly) {
    merge(
      outcome,
      ctx.gapOrUnknown(writer, reader, "integer", reader.origin, "type", (v) => !Number.isInteger(v), {
        writerValue: "number",
        readerValue: "integer",
        subject: "number",
      }),
    );
  }
  if (reader.min && lowerIsLooser(writer.min, reader.min, integerOnly)) {
    const min = reader.min;
    merge(
      outcome,
      ctx.gapOrUnknown(
        writer,
        reader,
        "minimum",
        min.origin,
        keywordOf(min, "minimum"),
        (v) => !aboveLower(v as number, min),
        {
          writerValue: describeBound(writer.min),
          readerValue: describeBound(min),
        },
      ),
    );
  }
  if (reader.max && upperIsLooser(writer.max, reader.max, integerOnly)) {
    const max = reader.max;
    merge(
      outcome,
      ctx.gapOrUnknown(
        writer,
        reader,
        "maximum",
        max.origin,
        keywordOf(max, "maximum"),
        (v) => !belowUpper(v as number, max),
        {
          writerValue: describeBound(writer.max),
          readerValue: describeBound(max),
        },
      ),
    );
  }
  for (const step of reader.multipleOf) {
    if (multipleOfImplied(writer, step.value)) continue;
    merge(
      outcome,
      ctx.gapOrUnknown(
        writer,
        reader,
        "multipleOf",
        step.origin,
        "multipleOf",
        (v) => !isMultipleOf(v as number, step.value),
        {
          writerValue: writer.multipleOf.map((m) => m.value) as Json,
          readerValue: step.value,
          reason:
            "ajv tests multipleOf in floating point, which parts from exact arithmetic for decimal steps and for quotients of 1e21 or more (bounding the value with minimum and maximum, or keeping the same multipleOf, decides it)",
        },
      ),
    );
  }
  return outcome;
}

/** Beyond this, doubles are not all integers apart and ajv's `v / step` is no longer exact. */
const EXACT_INTEGER_LIMIT = 2 ** 53 - 1;

/**
 * Whether every writer value passes the reader's `multipleOf: step` under both readings: the
 * specification's (exact arithmetic) and ajv's (`v / step` in floating point, an integer by
 * `parseInt(String(q))`, which fails for quotients of 1e21 and more). The same step passes the
 * same values under either. Otherwise only integer writers whose every value is an exact double
 * (|v| < 2^53) carry divisibility over, since there both readings agree; decimal steps
 * (0.2 vs 0.01: 3.4000000000000004 / 0.01 is not an integer in floating point) are left to the
 * example search, and undetermined when it finds none.
 */
function multipleOfImplied(writer: NumberBranch, step: number): boolean {
  if (writer.multipleOf.some((own) => own.value === step)) return true;
  if (!Number.isInteger(step) || !writer.integer) return false;
  const low = writer.min?.value;
  const high = writer.max?.value;
  if (low === undefined || high === undefined) return false;
  if (low < -EXACT_INTEGER_LIMIT || high > EXACT_INTEGER_LIMIT) return false;
  return step === 1 || writer.multipleOf.some((own) => Number.isInteger(own.value) && own.value % step === 0);
}

/**
 * Integer-typed: only integers can occur. A whole-number multipleOf does not say as much under
 * ajv's arithmetic: `5e-324 / 2` underflows to 0, an integer, so ajv takes 5e-324 as a multiple.
 */
function isEffectivelyInteger(branch: NumberBranch): boolean {
  return branch.integer;
}

/** Lower bound as the smallest allowed integer (for integer writers) or as given. */
function integerLow(bound: Bound): number {
  return bound.exclusive ? Math.floor(bound.value) + 1 : Math.ceil(bound.value);
}

function integerHigh(bound: Bound): number {
  return bound.exclusive ? Math.ceil(bound.value) - 1 : Math.floor(bound.value);
}

/** Past 2^53 doubles are integers far apart: `1e21 + 1 === 1e21`, so rounding bounds proves nothing. */
function exactIntegers(...bounds: Bound[]): boolean {
  return bounds.every((bound) => Math.abs(bound.value) < 2 ** 53);
}

/** Whether the writer's lower bound lets through values under the reader's. */
function lowerIsLooser(writer: Bound | undefined, reader: Bound, integerOnly: boolean): boolean {
  if (!writer) return true;
  if (integerOnly && exactIntegers(writer, reader)) return integerLow(writer) < integerLow(reader);
  if (writer.value !== reader.value) return writer.value < reader.value;
  return reader.exclusive && !writer.exclusive;
}

function upperIsLooser(writer: Bound | undefined, reader: Bound, integerOnly: boolean): boolean {
  if (!writer) return true;
  if (integerOnly && exactIntegers(writer, reader)) return integerHigh(writer) > integerHigh(reader);
  if (writer.value !== reader.value) return writer.value > reader.value;
  return reader.exclusive && !writer.exclusive;
}

function aboveLower(value: number, bound: Bound): boolean {
  return bound.exclusive ? value > bound.value : value >= bound.value;
}

function belowUpper(value: number, bound: Bound): boolean {
  return bound.exclusive ? value < bound.value : value <= bound.value;
}

function keywordOf(bound: Bound, inclusive: "minimum" | "maximum"): string {
  if (!bound.exclusive) return inclusive;
  return inclusive === "minimum" ? "exclusiveMinimum" : "exclusiveMaximum";
}

function describeBound(bound: Bound | undefined): Json {
  if (!bound) return "none";
  return bound.exclusive ? `${bound.value} (exclusive)` : bound.value;
}
