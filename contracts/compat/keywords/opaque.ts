/**
 * Constraints the normal form keeps whole (if/then/else, `not` of a complex schema, overlapping
 * oneOf, dependentSchemas), as the reader's. Each is met when the writer provably satisfies it
 * (the same constraint, or an inclusion or disjointness that settles it); otherwise the engine
 * looks for an example among values built from the constraint's own sub-schemas. The gap kind is
 * the constraint's: condition-changed, not-changed, one-of-overlap, dependent-schema-changed,
 * unknown-keyword-changed, recursive-ref-changed, unevaluated-changed, and any-of-branch-removed /
 * any-of-branch-added for alternatives kept whole (rules.ts).
 */
import { isJsonObject } from "../../schema/json-value.js";
import type { Json } from "../../schema/types.js";
import { acceptsBranch } from "../accepts.js";
import { areDisjoint } from "../disjoint.js";
import type { InclusionContext } from "../engine.js";
import { emptyOutcome, type GapKind, isClean, type Outcome } from "../gaps.js";
import type { Branch, Lazy, Normal, ObjectBranch, Opaque } from "../normal-form.js";
import { schemaForName } from "../object-shape.js";
import { setOwn } from "../values.js";

let branchNormalCounter = 0;

export function checkOpaque(
  ctx: InclusionContext,
  writer: Branch,
  reader: Branch,
  constraint: Opaque,
): Outcome {
  if (writer.opaque.some((own) => own.key === constraint.key)) return emptyOutcome();
  const self: Normal = { id: -++branchNormalCounter, origin: writer.origin, branches: [writer] };
  if (isSettled(ctx, writer, self, constraint)) return emptyOutcome();
  const kind: GapKind = constraint.kind;
  const seeds = seedValues(ctx, writer, constraint);
  for (const seed of seeds) {
    if (acceptsBranch(writer, seed, ctx.formats) && !constraint.accepts(seed)) {
      return {
        gaps: [{ ...where(writer, constraint), kind, subject: constraint.keyword, example: seed }],
        unknowns: [],
      };
    }
  }
  return ctx.gapOrUnknown(writer, reader, kind, constraint.origin, "", (v) => !constraint.accepts(v), {
    subject: constraint.keyword,
  });
}

function where(writer: Branch, constraint: Opaque) {
  return { writerPath: writer.origin.pointer, readerPath: constraint.origin.pointer };
}

function included(ctx: InclusionContext, writer: Normal, reader: Lazy | undefined): boolean {
  return reader === undefined || isClean(ctx.include(writer, reader.get()));
}

/** Whether the writer branch certainly satisfies the reader's constraint. */
function isSettled(ctx: InclusionContext, writer: Branch, self: Normal, constraint: Opaque): boolean {
  const parts = constraint.parts;
  switch (constraint.kind) {
    case "condition": {
      if (!parts.condition) return true;
      // The same `if` on both sides: each outcome may only narrow.
      const own = writer.opaque.find(
        (o) =>
          o.kind === "condition" &&
          o.parts.condition?.shape !== undefined &&
          o.parts.condition.shape === parts.condition?.shape,
      );
      if (
        own &&
        sameOrNarrower(ctx, own.parts.consequent, parts.consequent) &&
        sameOrNarrower(ctx, own.parts.alternative, parts.alternative)
      )
        return true;
      if (included(ctx, self, parts.consequent) && included(ctx, self, parts.alternative)) return true;
      const condition = parts.condition.get();
      if (areDisjoint(self, condition, ctx.formats)) return included(ctx, self, parts.alternative);
      if (isClean(ctx.include(self, condition))) return included(ctx, self, parts.consequent);
      return false;
    }
    case "not":
      return parts.not !== undefined && areDisjoint(self, parts.not.get(), ctx.formats);
    case "one-of": {
      const members = (parts.members ?? []).map((m) => m.get());
      const holding = members.filter((m) => isClean(ctx.include(self, m)));
      return (
        holding.length === 1 && members.every((m) => holding.includes(m) || areDisjoint(self, m, ctx.formats))
      );
    }
    case "dependent-schema":
      return (parts.dependents ?? []).every(({ name, schema }) => {
        if (writer.type !== "object") return true;
        // The writer's own dependent schema for the same name, when at least as strict, settles it.
        const ownNarrower = ownDependents(writer, name).some((own) => isClean(ctx.includeLazy(own, schema)));
        return ownNarrower || isClean(ctx.include(self, schema.get()));
      });
    default:
      return false;
  }
}

function sameOrNarrower(ctx: InclusionContext, writer: Lazy | undefined, reader: Lazy | undefined): boolean {
  if (reader === undefined) return true;
  if (writer === undefined) return reader.get().branches.length === 6 && reader.shape === "true";
  return isClean(ctx.includeLazy(writer, reader));
}

/** Values built from the constraint's sub-schemas, framed in a writer value of the same type. */
function seedValues(ctx: InclusionContext, writer: Branch, constraint: Opaque): Json[] {
  const parts = constraint.parts;
  const sources: (Lazy | undefined)[] = [
    parts.condition,
    parts.consequent,
    parts.alternative,
    parts.not,
    ...(parts.members ?? []),
  ];
  const seeds: Json[] = [];
  for (const source of sources) {
    if (!source) continue;
    for (const branch of source.get().branches) {
      if (branch.type !== writer.type) continue;
      const value = ctx.readerValues.validForBranch(branch);
      if (value !== undefined) seeds.push(value);
    }
  }
  // Writer values the constraint's outcomes reject: a narrowed `then` or `else` shows here.
  const self: Normal = { id: -++branchNormalCounter, origin: writer.origin, branches: [writer] };
  for (const outcome of [parts.consequent, parts.alternative]) {
    if (outcome) seeds.push(...ctx.include(self, outcome.get()).gaps.map((gap) => gap.example));
  }
  const frame = ctx.writerValues.validForBranch(writer);
  seeds.push(...extendedValues(frame));
  if (writer.type !== "object") return seeds;
  const framed = seeds
    .filter(isJsonObject)
    .map((seed) => ({ ...(isJsonObject(frame) ? frame : {}), ...seed }) as Json);
  for (const { name } of parts.dependents ?? []) {
    const value = ctx.writerValues.valid(schemaForName(writer as ObjectBranch, name, ctx.writer).get());
    if (value === undefined) continue;
    const base = ctx.writerValues.objectWith(writer as ObjectBranch, { [name]: value }, new Set(), 1);
    if (!base) continue;
    framed.push(base);
    // The writer's own dependent schema may require more names once `name` is present: fill them
    // with values of the writer's own property schemas.
    for (const own of ownDependents(writer, name)) {
      const objectBranch = own.get().branches.find((b) => b.type === "object");
      if (objectBranch?.type !== "object") continue;
      const overrides: { [key: string]: Json } = { [name]: value };
      for (const needed of objectBranch.required) {
        const filler = ctx.writerValues.valid(
          schemaForName(writer as ObjectBranch, needed, ctx.writer).get(),
        );
        if (filler !== undefined) setOwn(overrides, needed, filler);
      }
      const filled = ctx.writerValues.objectWith(writer as ObjectBranch, overrides, new Set(), 1);
      if (filled) framed.push(filled);
    }
  }
  return [...framed, ...seeds];
}

function ownDependents(writer: Branch, name: string): Lazy[] {
  return writer.opaque
    .filter((o) => o.kind === "dependent-schema")
    .flatMap((o) => (o.parts.dependents ?? []).filter((d) => d.name === name).map((d) => d.schema));
}

/** Plain values of each type, to add where a constraint may care about what else an event holds. */
const FILLERS: readonly Json[] = ["x", 0, true, null, {}, []];

/**
 * A valid writer value with one more member: a fresh property or one more item. Constraints on
 * what the rest of an event holds (unevaluated*, unknown keywords) differ exactly there.
 */
function extendedValues(frame: Json | undefined): Json[] {
  if (Array.isArray(frame)) return FILLERS.map((filler) => [...frame, filler]);
  if (!isJsonObject(frame)) return [];
  const name = ["extra", "extra1", "extra2"].find((candidate) => !Object.hasOwn(frame, candidate));
  if (name === undefined) return [];
  return FILLERS.map((filler) => {
    const copy = { ...frame };
    setOwn(copy, name, filler);
    return copy;
  });
}
