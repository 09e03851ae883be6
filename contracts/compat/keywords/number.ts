/** number and integer: type (integer within number), bounds with integer rounding, multipleOf. */
import type { Json } from "../../schema/types.js";
import type { InclusionContext } from "../engine.js";
import { emptyOutcome, merge, type Outcome } from "../gaps.js";
import type { Bound, NumberBranch } from "../normal-form.js";
import { isMultipleOf, multipleImplies } from "../values.js";

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
    const implied =
      writer.multipleOf.some((own) => multipleImplies(own.value, step.value)) ||
      (integerOnly && multipleImplies(1, step.value));
    if (implied) continue;
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
        },
      ),
    );
  }
  return outcome;
}

/** Integer-typed, or stepping by a whole number: only integers can occur. */
function isEffectivelyInteger(branch: NumberBranch): boolean {
  return branch.integer || branch.multipleOf.some((m) => Number.isInteger(m.value));
}

/** Lower bound as the smallest allowed integer (for integer writers) or as given. */
function integerLow(bound: Bound): number {
  return bound.exclusive ? Math.floor(bound.value) + 1 : Math.ceil(bound.value);
}

function integerHigh(bound: Bound): number {
  return bound.exclusive ? Math.ceil(bound.value) - 1 : Math.floor(bound.value);
}

/** Whether the writer's lower bound lets through values under the reader's. */
function lowerIsLooser(writer: Bound | undefined, reader: Bound, integerOnly: boolean): boolean {
  if (!writer) return true;
  if (integerOnly) return integerLow(writer) < integerLow(reader);
  if (writer.value !== reader.value) return writer.value < reader.value;
  return reader.exclusive && !writer.exclusive;
}

function upperIsLooser(writer: Bound | undefined, reader: Bound, integerOnly: boolean): boolean {
  if (!writer) return true;
  if (integerOnly) return integerHigh(writer) > integerHigh(reader);
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
