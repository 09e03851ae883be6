/**
 * number and integer: type (integer within number: type-narrowed, type-widened), the bounds
 * minimum/maximum with integer rounding (rows of bounds.ts: minimum-increased, minimum-decreased,
 * maximum-decreased, maximum-increased), multipleOf (multiple-of-changed).
 */
import type { Json } from "../../schema/types.js";
import { checkBounds } from "../bounds.js";
import type { InclusionContext } from "../engine.js";
import { emptyOutcome, merge, type Outcome } from "../gaps.js";
import type { NumberBranch } from "../normal-form.js";
import { isMultipleOf } from "../values.js";

export function checkNumber(ctx: InclusionContext, writer: NumberBranch, reader: NumberBranch): Outcome {
  const outcome = emptyOutcome();
  // Integer-typed writers hold only integers; a whole-number multipleOf does not say as much (bounds.ts).
  if (reader.integer && !writer.integer) {
    merge(
      outcome,
      ctx.gapOrUnknown(writer, reader, "integer", reader.origin, "type", (v) => !Number.isInteger(v), {
        writerValue: "number",
        readerValue: "integer",
        subject: "number",
      }),
    );
  }
  merge(outcome, checkBounds(ctx, "number", writer, reader));
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
