/** string: minLength/maxLength (code points), format (an assertion, as ajv-formats makes it), pattern. */
import type { Json } from "../../schema/types.js";
import { codePointLength } from "../accepts.js";
import type { InclusionContext } from "../engine.js";
import { emptyOutcome, merge, type Outcome } from "../gaps.js";
import type { StringBranch } from "../normal-form.js";
import { matchesPattern } from "../object-shape.js";

/** Patterns that match every string: dropping or adding one changes nothing. */
const MATCH_ALL = new Set(["", ".*", "^.*$", "^.*", ".*$", "[\\s\\S]*", "^[\\s\\S]*$"]);

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
    if (MATCH_ALL.has(pattern.source) || writer.patterns.some((own) => own.source === pattern.source))
      continue;
    merge(
      outcome,
      ctx.gapOrUnknown(
        writer,
        reader,
        "pattern",
        pattern.origin,
        "pattern",
        (v) => !matchesPattern(pattern.source, v as string),
        {
          writerValue: (writer.patterns.map((p) => p.source).join(" and ") || "none") as Json,
          readerValue: pattern.source,
        },
      ),
    );
  }
  return outcome;
}
