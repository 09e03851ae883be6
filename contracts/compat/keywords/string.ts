/** string: minLength/maxLength (code points), format (an assertion, as ajv-formats makes it), pattern. */
import type { Json } from "../../schema/types.js";
import { acceptsBranch, codePointLength } from "../accepts.js";
import { type InclusionContext, pointer } from "../engine.js";
import { emptyOutcome, merge, type Outcome } from "../gaps.js";
import type { StringBranch } from "../normal-form.js";
import { matchesPattern } from "../object-shape.js";
import { patternIncluded } from "../regex.js";

export function checkString(ctx: InclusionContext, writer: StringBranch, reader: StringBranch): Outcome {
  const outcome = emptyOutcome();
  const origin = reader.lengthOrigin ?? reader.origin;
  if (reader.minLength > writer.minLength) {
    merge(
      outcome,
      ctx.gapOrUnknown(
        writer,
        reader,
        "minLength",
        origin,
        "minLength",
        (v) => codePointLength(v as string) < reader.minLength,
        {
          writerValue: writer.minLength,
          readerValue: reader.minLength,
        },
      ),
    );
  }
  const readerMax = reader.maxLength;
  if (readerMax !== undefined && (writer.maxLength === undefined || writer.maxLength > readerMax)) {
    merge(
      outcome,
      ctx.gapOrUnknown(
        writer,
        reader,
        "maxLength",
        origin,
        "maxLength",
        (v) => codePointLength(v as string) > readerMax,
        {
          writerValue: writer.maxLength ?? "none",
          readerValue: readerMax,
        },
      ),
    );
  }
  for (const format of reader.formats) {
    if (writer.formats.some((own) => own.name === format.name)) continue;
    merge(
      outcome,
      ctx.gapOrUnknown(
        writer,
        reader,
        "format",
        format.origin,
        "format",
        (v) => !ctx.formats.checkFormat(format.name, v as string),
        {
          writerValue: (writer.formats.map((f) => f.name).join(", ") || "none") as Json,
          readerValue: format.name,
        },
      ),
    );
  }
  for (const pattern of reader.patterns) {
    if (writer.patterns.some((own) => own.source === pattern.source)) continue;
    merge(outcome, checkPattern(ctx, writer, reader, pattern));
  }
  return outcome;
}

/**
 * A reader pattern, decided on automata (regex.ts): the writer's patterns and lengths either fall
 * inside it, or a witness string falls outside. Formats on the writer side are not automata: a
 * witness must also pass them, else the example search goes on, and finds one or stays unknown.
 */
function checkPattern(
  ctx: InclusionContext,
  writer: StringBranch,
  reader: StringBranch,
  pattern: StringBranch["patterns"][number],
): Outcome {
  const answer = patternIncluded(
    writer.patterns.map((p) => p.source),
    pattern.source,
    { min: writer.minLength, max: writer.maxLength },
  );
  if (answer.kind === "yes") return emptyOutcome();
  const where = {
    kind: "pattern" as const,
    writerPath: pointer(writer.origin, "pattern"),
    readerPath: pointer(pattern.origin, "pattern"),
    writerValue: (writer.patterns.map((p) => p.source).join(" and ") || "none") as Json,
    readerValue: pattern.source,
  };
  if (answer.kind === "no" && acceptsBranch(writer, answer.witness, ctx.formats))
    return { gaps: [{ ...where, example: answer.witness }], unknowns: [] };
  return ctx.gapOrUnknown(
    writer,
    reader,
    "pattern",
    pattern.origin,
    "pattern",
    (v) => !matchesPattern(pattern.source, v as string),
    {
      writerValue: where.writerValue,
      readerValue: where.readerValue,
      ...(answer.kind === "unknown" ? { reason: answer.reason } : {}),
    },
  );
}
