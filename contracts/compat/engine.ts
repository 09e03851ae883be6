/**
 * The inclusion check: is every instance of the writer's normal form an instance of the
 * reader's? It recurses by instance type into the keyword families (keywords/*.ts), memoises
 * (writer, reader) pairs, and assumes a pair already being checked holds (co-induction), which
 * is what ends recursive `$ref`s. Every "no" carries a local example; every "cannot tell" is kept.
 */
import { escapePointerToken as escapeToken } from "../schema/pointer.js";
import type { Json } from "../schema/types.js";
import { acceptsBranch, acceptsNormal, type FormatChecker } from "./accepts.js";
import { areDisjoint, discriminated } from "./disjoint.js";
import { firstGapOfFewest } from "./fewest-gaps.js";
import { emptyOutcome, type Gap, type GapKind, isClean, merge, type Outcome } from "./gaps.js";
import type { ValueFactory } from "./generate.js";
import { checkArray } from "./keywords/array.js";
import { checkNumber } from "./keywords/number.js";
import { checkObject } from "./keywords/object.js";
import { checkOpaque } from "./keywords/opaque.js";
import { checkString } from "./keywords/string.js";
import type { Branch, Lazy, Normal, Origin } from "./normal-form.js";
import type { Normalizer } from "./normalize.js";
import type { CompareOptions } from "./types.js";
import { isMultipleOf, valueKey, valueKeySet } from "./values.js";

export interface InclusionContext {
  readonly writer: Normalizer;
  readonly reader: Normalizer;
  readonly writerValues: ValueFactory;
  /** Builds values of the reader's sub-schemas (seeds for examples that break a reader constraint). */
  readonly readerValues: ValueFactory;
  readonly formats: FormatChecker;
  readonly options: CompareOptions;
  /** Records a sub-schema pair an automaton decided (regex.ts), for the report's `reasoning`. */
  noteAutomaton(writerPath: string, readerPath: string, what: string): void;
  include(writer: Normal, reader: Normal): Outcome;
  includeLazy(writer: Lazy, reader: Lazy): Outcome;
  /** A value the writer branch accepts that satisfies `breaks` (i.e. the reader rejects it). */
  findExample(writer: Branch, reader: Branch | undefined, breaks: (value: Json) => boolean): Json | undefined;
  /** A gap with an example when `findExample` finds one, else an unknown at the same place. */
  gapOrUnknown(
    writer: Branch,
    reader: Branch | undefined,
    kind: GapKind,
    readerOrigin: Origin,
    keyword: string,
    breaks: (value: Json) => boolean,
    extra?: Partial<Gap>,
  ): Outcome;
}

/** Automaton decisions listed in one report, at most. */
const MAX_NOTED = 50;

export function pointer(origin: Origin, ...tokens: (string | number)[]): string {
  return [origin.pointer, ...tokens.map((t) => escapeToken(String(t)))].join("/");
}

export class Inclusion implements InclusionContext {
  private readonly memo = new Map<string, Outcome>();
  /** Sub-schema pairs compared keyword by keyword (each once: the memo holds the rest). */
  structural = 0;
  readonly automata: { writerPath: string; readerPath: string; what: string }[] = [];

  noteAutomaton(writerPath: string, readerPath: string, what: string): void {
    if (this.automata.length < MAX_NOTED) this.automata.push({ writerPath, readerPath, what });
  }
  private readonly inProgress = new Set<string>();

  constructor(
    readonly writer: Normalizer,
    readonly reader: Normalizer,
    readonly writerValues: ValueFactory,
    readonly readerValues: ValueFactory,
    readonly formats: FormatChecker,
    readonly options: CompareOptions,
  ) {}

  /** Compares lazily: identical sub-schemas (same shape, same draft) are never normalised. */
  includeLazy(writer: Lazy, reader: Lazy): Outcome {
    if (this.sameShape(writer.shape, reader.shape)) return emptyOutcome();
    return this.include(writer.get(), reader.get());
  }

  include(writer: Normal, reader: Normal): Outcome {
    if (this.sameShape(writer.shape, reader.shape)) return emptyOutcome();
    const key = `${writer.id}:${reader.id}`;
    const known = this.memo.get(key);
    if (known) return known;
    if (this.inProgress.has(key)) return emptyOutcome();
    this.inProgress.add(key);
    this.structural++;
    try {
      const outcome = emptyOutcome();
      for (const branch of writer.branches) merge(outcome, this.branchIn(branch, reader));
      this.memo.set(key, outcome);
      return outcome;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private sameShape(writer: string | undefined, reader: string | undefined): boolean {
    return writer !== undefined && writer === reader && this.writer.doc.draft === this.reader.doc.draft;
  }

  findExample(
    writer: Branch,
    reader: Branch | undefined,
    breaks: (value: Json) => boolean,
  ): Json | undefined {
    for (const candidate of this.writerValues.candidates(writer, reader)) {
      if (acceptsBranch(writer, candidate, this.formats) && breaks(candidate)) return candidate;
    }
    return undefined;
  }

  private branchIn(writer: Branch, reader: Normal): Outcome {
    if (reader.branches.length === 0) {
      return this.gapOrUnknown(writer, undefined, "false", reader.origin, "", () => true, {
        subject: writer.type,
      });
    }
    const sameType = reader.branches.filter((branch) => branch.type === writer.type);
    if (sameType.length === 0) {
      return this.gapOrUnknown(writer, undefined, "type", reader.origin, "type", () => true, {
        subject: typeLabel(writer),
      });
    }
    if (sameType.length === 1) {
      const only = sameType[0] as Branch;
      const outcome = this.branchInBranch(writer, only);
      return isAlternativeMovedOrLost(writer, only) ? asLostAlternative(outcome) : outcome;
    }
    return this.branchInUnion(writer, sameType, reader);
  }

  /** Several reader alternatives of the writer's type: one must take it all, or each value must find one. */
  private branchInUnion(writer: Branch, alternatives: readonly Branch[], reader: Normal): Outcome {
    // The alternative at the writer's own place first: it usually takes it all, and then the
    // others need no check (each check may search for examples, which is the costly part).
    const candidates = [
      ...alternatives.filter((c) => c.origin.pointer === writer.origin.pointer),
      ...alternatives.filter((c) => c.origin.pointer !== writer.origin.pointer),
    ];
    const counterparts = candidates.filter((candidate) => candidate.origin.pointer === writer.origin.pointer);
    const outcomes: Outcome[] = [];
    // A gap's example is a writer value: an alternative a value list tells apart from the writer
    // (another `action` of a webhook; the cheap part of disjointness) cannot take it.
    let takersOnce: Branch[] | undefined;
    const takers = () =>
      (takersOnce ??= candidates.filter((candidate) => !discriminated(writer, candidate, this.formats)));
    let counterpartGap: Gap | undefined;
    let counterpartsJudged = false;
    for (const [i, candidate] of candidates.entries()) {
      // Once a counterpart's gap is real (its example is a writer value no alternative takes), it
      // is the one reported, and a disjoint alternative cannot change that: skip its check.
      if (i === counterparts.length && !writer.values) {
        counterpartGap = this.fewestRealGaps(outcomes, takers());
        counterpartsJudged = true;
      }
      if (counterpartGap && areDisjoint(this.single(writer), this.single(candidate), this.formats)) continue;
      const outcome = this.branchInBranch(writer, candidate);
      if (isClean(outcome)) return emptyOutcome();
      outcomes.push(outcome);
    }
    if (writer.values) {
      // A value no alternative takes: when the alternatives are value lists it is a removed enum
      // value, wherever the list sits (a plain enum or const branches of an anyOf/oneOf).
      const enumerated = candidates.every((candidate) => candidate.values !== undefined);
      const outcome = emptyOutcome();
      for (const value of writer.values) {
        if (!acceptsNormal(reader, value, this.formats)) {
          const kind = enumerated ? "enum" : "branch";
          outcome.gaps.push({
            ...site(writer, reader.origin, kind, enumerated ? "" : "anyOf"),
            subject: valueKey(value),
            writerValue: writer.values as Json[],
            example: value,
          });
        }
      }
      return outcome;
    }
    // Keep the gaps whose example no alternative accepts; a gap another alternative covers proves nothing.
    // The alternative at the writer's own place names the change (a property became required in
    // it, a bound moved), as it would without the union: one change, one rule id wherever it sits.
    // Among the others, the one with the fewest such gaps. Only the chosen gap is reported, so each
    // outcome's gaps are tested (a walk of the whole reader per example, the costly part on large
    // events) only until they can no longer win.
    const best =
      counterpartGap ??
      (counterpartsJudged
        ? undefined
        : this.fewestRealGaps(outcomes.slice(0, counterparts.length), takers())) ??
      this.fewestRealGaps(outcomes.slice(counterparts.length), takers());
    // A writer alternative with no counterpart at its place is an alternative added or removed.
    const lost = counterparts.length === 0 && ALTERNATIVE.test(writer.origin.pointer);
    if (best)
      return {
        gaps: [
          {
            ...best,
            kind: OPAQUE_KINDS.has(best.kind) || !(lost || best.kind === "type") ? best.kind : "branch",
          },
        ],
        unknowns: [],
      };
    return { gaps: [], unknowns: [site(writer, reader.origin, "branch", "anyOf")] };
  }

  /** A branch as a normal form of its own (for the questions asked of whole normal forms). */
  private single(branch: Branch): Normal {
    return { id: -++singleCounter, origin: branch.origin, branches: [branch] };
  }

  /**
   * The gap a union reports among `outcomes` (fewest-gaps.ts): only examples no alternative of
   * `takers` accepts count, those being every alternative that can take a writer value.
   */
  private fewestRealGaps(outcomes: readonly Outcome[], takers: readonly Branch[]): Gap | undefined {
    if (outcomes.length === 0) return undefined;
    return firstGapOfFewest(
      outcomes,
      (gap) => !takers.some((taker) => acceptsBranch(taker, gap.example, this.formats)),
    );
  }

  private branchInBranch(writer: Branch, reader: Branch): Outcome {
    if (writer.values) return this.finiteIn(writer, reader);
    const outcome = emptyOutcome();
    if (reader.values) {
      const finite = enumerate(writer);
      if (finite) return this.finiteIn({ ...writer, values: finite } as Branch, reader);
      const allowed = valueKeySet(reader.values);
      return this.gapOrUnknown(
        writer,
        reader,
        "enum",
        reader.origin,
        "enum",
        (v) => !allowed.has(valueKey(v)),
        {
          readerValue: reader.values as Json[],
        },
      );
    }
    switch (writer.type) {
      case "number":
        merge(outcome, checkNumber(this, writer, reader as typeof writer));
        break;
      case "string":
        merge(outcome, checkString(this, writer, reader as typeof writer));
        break;
      case "array":
        merge(outcome, checkArray(this, writer, reader as typeof writer));
        break;
      case "object":
        merge(outcome, checkObject(this, writer, reader as typeof writer));
        break;
      default:
        break;
    }
    for (const excluded of reader.notValues) {
      if (acceptsBranch(writer, excluded, this.formats)) {
        outcome.gaps.push({
          ...site(writer, reader.origin, "not", "not"),
          subject: valueKey(excluded),
          example: excluded,
        });
      }
    }
    for (const constraint of reader.opaque) merge(outcome, checkOpaque(this, writer, reader, constraint));
    return outcome;
  }

  /** A writer with a finite set of values: each value is checked directly. */
  private finiteIn(writer: Branch, reader: Branch): Outcome {
    const outcome = emptyOutcome();
    for (const value of writer.values ?? []) {
      if (acceptsBranch(reader, value, this.formats)) continue;
      const kind = reader.values ? "enum" : this.explainRejection(writer, reader, value);
      outcome.gaps.push({
        ...site(writer, reader.origin, kind, kind === "enum" ? "enum" : kind),
        subject: valueKey(value),
        writerValue: writer.values as Json[],
        readerValue: reader.values as Json[] | undefined,
        example: value,
      });
    }
    return outcome;
  }

  /** Which keyword family rejects a single value: asks the families with that value as the whole writer. */
  private explainRejection(writer: Branch, reader: Branch, value: Json): GapKind {
    const single = { ...writer, values: undefined } as Branch;
    const probe = this.branchInBranch(single, reader);
    const match = probe.gaps.find((gap) => valueKey(gap.example) === valueKey(value)) ?? probe.gaps[0];
    return match?.kind ?? "enum";
  }

  /** Looks for an example; a gap when found, an unknown when not. */
  gapOrUnknown(
    writer: Branch,
    reader: Branch | undefined,
    kind: GapKind,
    readerOrigin: Origin,
    keyword: string,
    breaks: (value: Json) => boolean,
    extra: Partial<Gap> = {},
  ): Outcome {
    const example = this.findExample(writer, reader, breaks);
    const where = { ...site(writer, readerOrigin, kind, keyword), ...extra };
    if (example === undefined) return { gaps: [], unknowns: [where] };
    return { gaps: [{ ...where, example }], unknowns: [] };
  }
}

/**
 * A writer alternative (an anyOf/oneOf member) checked against a reader branch standing
 * elsewhere: the alternative itself has no counterpart, which says more than its keyword gaps.
 */
function isAlternativeMovedOrLost(writer: Branch, reader: Branch): boolean {
  return ALTERNATIVE.test(writer.origin.pointer) && writer.origin.pointer !== reader.origin.pointer;
}

let singleCounter = 0;

const ALTERNATIVE = /\/(anyOf|oneOf)\/\d+$/;

function asLostAlternative(outcome: Outcome): Outcome {
  const first = outcome.gaps[0];
  if (!first || OPAQUE_KINDS.has(first.kind)) return outcome;
  return { gaps: [{ ...first, kind: "branch", subject: undefined }], unknowns: outcome.unknowns };
}

/** Every value of a writer branch with few enough of them (null, booleans, a short integer range). */
function enumerate(branch: Branch): Json[] | undefined {
  if (branch.type === "null") return [null];
  if (branch.type === "boolean") return [true, false];
  if (branch.type !== "number" || !branch.min || !branch.max) return undefined;
  // Only integer-typed branches hold only integers (ajv takes 5e-324 as a multiple of 2), and only
  // below 2^53 does counting by one reach every integer.
  if (!branch.integer) return undefined;
  if (Math.abs(branch.min.value) >= 2 ** 53 || Math.abs(branch.max.value) >= 2 ** 53) return undefined;
  const low = branch.min.exclusive ? Math.floor(branch.min.value) + 1 : Math.ceil(branch.min.value);
  const high = branch.max.exclusive ? Math.ceil(branch.max.value) - 1 : Math.floor(branch.max.value);
  if (high - low > 1_000) return undefined;
  const values: Json[] = [];
  for (let n = low; n <= high; n++)
    if (branch.multipleOf.every((m) => isMultipleOf(n, m.value))) values.push(n);
  return values;
}

const OPAQUE_KINDS = new Set<GapKind>([
  "one-of",
  "not",
  "condition",
  "dependent-schema",
  "unknown-keyword",
  "dynamic-ref",
  "unevaluated",
]);

function site(writer: Branch, readerOrigin: Origin, kind: GapKind, keyword: string) {
  const suffix = keyword ? [keyword] : [];
  return {
    kind,
    writerPath: pointer(writer.origin, ...suffix),
    readerPath: pointer(readerOrigin, ...suffix),
  };
}

function typeLabel(branch: Branch): string {
  if (branch.type === "number") return branch.integer ? "integer" : "number";
  return branch.type;
}
