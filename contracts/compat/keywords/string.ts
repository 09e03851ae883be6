/**
 * string: minLength/maxLength in code points (rows of bounds.ts: min-length-increased,
 * min-length-decreased, max-length-decreased, max-length-increased, decided here on automata when
 * the writer has patterns or formats), format as an assertion as ajv-formats makes it
 * (format-changed), pattern (pattern-changed).
 */
import type { Json } from "../../schema/types.js";
import { acceptsBranch } from "../accepts.js";
import { type BoundSearch, checkBounds, searchBound } from "../bounds.js";
import { type InclusionContext, pointer } from "../engine.js";
import { formatLanguage } from "../format-languages.js";
import { emptyOutcome, merge, type Outcome } from "../gaps.js";
import type { Origin, StringBranch } from "../normal-form.js";
import { matchesPattern } from "../object-shape.js";
import { patternIncluded, type RegexAnswer } from "../regex.js";

export function checkString(ctx: InclusionContext, writer: StringBranch, reader: StringBranch): Outcome {
  const outcome = emptyOutcome();
  const language = writerLanguage(writer);
  merge(outcome, checkBounds(ctx, "string", writer, reader, lengthSearch(language)));
  for (const format of reader.formats) {
    if (writer.formats.some((own) => own.name === format.name)) continue;
    // Only a format known exactly can contain the writer: a superset proves nothing about it.
    const exact = formatLanguage(format.name, reader.origin.doc.draft);
    const answer =
      exact?.exact === true ? patternIncluded(language, exact.pattern, lengthsOf(writer)) : undefined;
    if (answer?.kind === "yes") {
      note(ctx, writer, format.origin, `format ${format.name}`);
      continue;
    }
    merge(
      outcome,
      withWitness(ctx, writer, answer, () =>
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
      ),
    );
  }
  for (const pattern of reader.patterns) {
    if (writer.patterns.some((own) => own.source === pattern.source)) continue;
    merge(outcome, checkPattern(ctx, writer, reader, pattern, language));
  }
  return outcome;
}

/**
 * A reader length bound the writer's own bounds do not imply (a row of bounds.ts): proven on
 * automata when the writer has patterns or formats (no date-time is empty), else broken by a
 * witness or a searched example.
 */
function lengthSearch(language: readonly string[]): BoundSearch<StringBranch> {
  return (ctx, gap) => {
    const { bound, writer } = gap;
    const lengths = gap.row.side === "lower" ? `${bound.value},` : `0,${bound.value}`;
    const answer = automataAnswer(language, writer, `^[\\s\\S]{${lengths}}$`);
    if (answer?.kind === "yes") {
      note(ctx, writer, bound.origin, `${bound.keyword} ${bound.value}`);
      return emptyOutcome();
    }
    return withWitness(ctx, writer, answer, () => searchBound(ctx, gap));
  };
}

/**
 * The writer's strings as patterns for the automata: its own patterns and, for each format, a
 * regular language containing every string ajv accepts for it (format-languages.ts). A format
 * without one is left out, which only makes the writer larger: inclusion proofs stay sound.
 */
function writerLanguage(writer: StringBranch): string[] {
  const formats = writer.formats
    .map((format) => formatLanguage(format.name, writer.origin.doc.draft)?.pattern)
    .filter((pattern): pattern is string => pattern !== undefined);
  return [...writer.patterns.map((p) => p.source), ...formats];
}

function note(ctx: InclusionContext, writer: StringBranch, readerOrigin: Origin, what: string): void {
  ctx.noteAutomaton(writer.origin.pointer, readerOrigin.pointer, what);
}

function lengthsOf(writer: StringBranch) {
  return { min: writer.minLength, max: writer.maxLength };
}

/**
 * Whether every writer string (patterns, formats, lengths) matches `pattern`, asked of the
 * automata only when the writer has patterns or formats (plain lengths compare as numbers).
 */
function automataAnswer(
  language: readonly string[],
  writer: StringBranch,
  pattern: string,
): RegexAnswer | undefined {
  return language.length === 0 ? undefined : patternIncluded(language, pattern, lengthsOf(writer));
}

/** A gap from the automata's witness when the writer accepts it, else the example search. */
function withWitness(
  ctx: InclusionContext,
  writer: StringBranch,
  answer: RegexAnswer | undefined,
  search: () => Outcome,
): Outcome {
  const found = search();
  if (found.gaps.length > 0 || answer?.kind !== "no" || !acceptsBranch(writer, answer.witness, ctx.formats))
    return found;
  return { gaps: found.unknowns.map((site) => ({ ...site, example: answer.witness })), unknowns: [] };
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
  language: readonly string[],
): Outcome {
  const answer = patternIncluded(language, pattern.source, lengthsOf(writer));
  if (answer.kind === "yes") {
    note(ctx, writer, pattern.origin, `pattern ${pattern.source}`);
    return emptyOutcome();
  }
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
