/**
 * objects: properties (open and closed content models), patternProperties, additionalProperties,
 * required, min/maxProperties, propertyNames, dependentRequired. Under plain JSON Schema an
 * object without `additionalProperties` is open: the writer may already emit any undeclared name
 * with any value. The `writersEmitOnlyDeclared` option closes such writer objects.
 */
import { acceptsNormal } from "../accepts.js";
import { type BoundSearch, checkBounds } from "../bounds.js";
import { type InclusionContext, pointer } from "../engine.js";
import { emptyOutcome, type Gap, type GapKind, isClean, merge, type Outcome, under } from "../gaps.js";
import { freshNames, patternSamples } from "../generate.js";
import type { Normal, ObjectBranch } from "../normal-form.js";
import { schemaForName, writerIsClosed } from "../object-shape.js";

export function checkObject(ctx: InclusionContext, writer: ObjectBranch, reader: ObjectBranch): Outcome {
  const outcome = emptyOutcome();
  const closed = writerIsClosed(writer);
  const names = new Set([...writer.properties.keys(), ...reader.properties.keys()]);
  for (const name of names) merge(outcome, checkProperty(ctx, writer, reader, name, closed));
  merge(outcome, checkUndeclared(ctx, writer, reader, closed));
  merge(outcome, checkRequired(ctx, writer, reader));
  merge(outcome, checkBounds(ctx, "object", writer, reader, countSearch));
  merge(outcome, checkPropertyNames(ctx, writer, reader, closed));
  merge(outcome, checkDependencies(ctx, writer, reader));
  return outcome;
}

/** The schema the writer may use for a name; nothing when a closed writer never emits it. */
function writerSchemaFor(
  ctx: InclusionContext,
  writer: ObjectBranch,
  name: string,
  closed: boolean,
): Normal | undefined {
  const lazy = schemaForName(writer, name, ctx.writer);
  if (closed && lazy === writer.additional) return undefined;
  const normal = lazy.get();
  return normal.branches.length === 0 ? undefined : normal;
}

/**
 * A property either side names: its schemas compared (child gaps lifted under it), or, declared
 * on one side only, property-added-to-open-model / property-removed-from-open-model,
 * additional-properties-narrowed / additional-properties-widened, and where the reader forbids it
 * property-removed-from-closed-model / property-added-to-closed-model.
 */
function checkProperty(
  ctx: InclusionContext,
  writer: ObjectBranch,
  reader: ObjectBranch,
  name: string,
  closed: boolean,
): Outcome {
  const writerLazy = schemaForName(writer, name, ctx.writer);
  if (
    writer.properties.has(name) &&
    isClean(ctx.includeLazy(writerLazy, schemaForName(reader, name, ctx.reader)))
  ) {
    return emptyOutcome();
  }
  const writerSchema = writerSchemaFor(ctx, writer, name, closed);
  if (!writerSchema) return emptyOutcome();
  const readerLazy = schemaForName(reader, name, ctx.reader);
  const readerSchema = readerLazy.get();
  const inner = ctx.include(writerSchema, readerSchema);
  if (isClean(inner)) return inner;
  const writerPath = pointer(writer.origin, "properties", name);
  const readerPath = pointer(reader.origin, "properties", name);
  const declaredByWriter = writer.properties.has(name);
  const declaredByReader = reader.properties.has(name);
  if (readerSchema.branches.length === 0) {
    return single(
      ctx,
      writer,
      {
        kind: "closed-property",
        writerPath,
        readerPath: pointer(reader.origin, additionalKeyword(reader)),
        subject: name,
      },
      name,
      writerSchema,
    );
  }
  if (!declaredByWriter && declaredByReader) {
    return collapse(
      ctx,
      writer,
      inner,
      {
        kind: "open-property",
        writerPath: pointer(writer.origin, additionalKeyword(writer)),
        readerPath,
        subject: name,
      },
      name,
    );
  }
  if (declaredByWriter && !declaredByReader) {
    return collapse(
      ctx,
      writer,
      inner,
      {
        kind: "additional",
        writerPath,
        readerPath: pointer(reader.origin, additionalKeyword(reader)),
        subject: name,
      },
      name,
    );
  }
  return lift(ctx, writer, inner, name);
}

/**
 * Names neither side declares: the writer's additionalProperties (and patterns) against the
 * reader's (additional-properties-narrowed, additional-properties-widened).
 */
function checkUndeclared(
  ctx: InclusionContext,
  writer: ObjectBranch,
  reader: ObjectBranch,
  closed: boolean,
): Outcome {
  if (writer.patternProperties.length === 0 && reader.patternProperties.length === 0 && closed)
    return emptyOutcome();
  const outcome = emptyOutcome();
  const samples = new Set<string>();
  const fresh = freshNames(writer, [reader])[0];
  if (fresh !== undefined && !closed) samples.add(fresh);
  for (const entry of [...writer.patternProperties, ...reader.patternProperties]) {
    const sample = sampleName(entry.pattern, writer, reader);
    if (sample !== undefined) samples.add(sample);
  }
  const where = (name: string | undefined) => ({
    kind: "additional" as GapKind,
    writerPath: pointer(
      writer.origin,
      writer.patternProperties.length > 0 ? "patternProperties" : additionalKeyword(writer),
    ),
    readerPath: pointer(
      reader.origin,
      reader.patternProperties.length > 0 ? "patternProperties" : additionalKeyword(reader),
    ),
    subject: name,
  });
  for (const name of samples) {
    const writerSchema = writerSchemaFor(ctx, writer, name, closed);
    if (!writerSchema) continue;
    const readerSchema = schemaForName(reader, name, ctx.reader).get();
    const inner = ctx.include(writerSchema, readerSchema);
    if (isClean(inner)) continue;
    merge(
      outcome,
      readerSchema.branches.length === 0
        ? single(ctx, writer, where(name), name, writerSchema)
        : collapse(ctx, writer, inner, where(name), name),
    );
  }
  // Sampled names prove gaps, never their absence: unless every schema an undeclared writer name
  // can have fits every reader schema it can meet, the rest stays undecided.
  if (outcome.gaps.length === 0 && !undeclaredNamesFit(ctx, writer, reader, closed))
    outcome.unknowns.push(where(undefined));
  return outcome;
}

/**
 * A sufficient condition: for each writer source of undeclared names (a pattern, or
 * additionalProperties when open) and each reader target it can meet, source ⊆ target. Two
 * patterns with the same source text always meet; a name matching a pattern both sides share
 * never falls to either side's additionalProperties.
 */
function undeclaredNamesFit(
  ctx: InclusionContext,
  writer: ObjectBranch,
  reader: ObjectBranch,
  closed: boolean,
): boolean {
  const readerPatterns = new Set(reader.patternProperties.map((p) => p.pattern));
  const writerPatterns = new Set(writer.patternProperties.map((p) => p.pattern));
  const sources = [
    ...writer.patternProperties.map((p) => ({ pattern: p.pattern as string | undefined, schema: p.schema })),
    ...(closed ? [] : [{ pattern: undefined, schema: writer.additional }]),
  ];
  const targets = [
    ...reader.patternProperties.map((p) => ({ pattern: p.pattern as string | undefined, schema: p.schema })),
    { pattern: undefined, schema: reader.additional },
  ];
  return sources.every((source) =>
    targets.every((target) => {
      if (source.pattern !== undefined && target.pattern === undefined && readerPatterns.has(source.pattern))
        return true;
      if (source.pattern === undefined && target.pattern !== undefined && writerPatterns.has(target.pattern))
        return true;
      return isClean(ctx.includeLazy(source.schema, target.schema));
    }),
  );
}

/** required-property-added (backward), required-property-removed (forward). */
function checkRequired(ctx: InclusionContext, writer: ObjectBranch, reader: ObjectBranch): Outcome {
  const outcome = emptyOutcome();
  for (const name of reader.required) {
    if (writer.required.has(name)) continue;
    const example = ctx.writerValues.objectWith(writer, {}, new Set([name]), 1);
    const where = {
      kind: "required" as GapKind,
      writerPath: pointer(writer.origin, "required"),
      readerPath: pointer(reader.origin, "required"),
      subject: name,
    };
    if (example === undefined || Object.hasOwn(example, name)) outcome.unknowns.push(where);
    else outcome.gaps.push({ ...where, example, at: [name] });
  }
  return outcome;
}

/**
 * minProperties/maxProperties (rows of bounds.ts: min-properties-increased,
 * min-properties-decreased, max-properties-decreased, max-properties-increased): the example is a
 * writer object built with as few properties as the writer allows, or one more than the reader's
 * maximum.
 */
const countSearch: BoundSearch<ObjectBranch> = (ctx, gap) => {
  const size = gap.row.side === "lower" ? (gap.own?.value ?? 0) : gap.bound.value + 1;
  const example = ctx.writerValues.objectWithCount(gap.writer, size, 1);
  if (example && gap.breaks(example)) return { gaps: [{ ...gap.site, example }], unknowns: [] };
  return { gaps: [], unknowns: [gap.site] };
};

/** property-names-changed: a name the writer may emit that the reader's propertyNames rejects. */
function checkPropertyNames(
  ctx: InclusionContext,
  writer: ObjectBranch,
  reader: ObjectBranch,
  closed: boolean,
): Outcome {
  if (!reader.propertyNames) return emptyOutcome();
  const readerNames = reader.propertyNames.get();
  const where = {
    kind: "propertyNames" as GapKind,
    writerPath: pointer(writer.origin, "propertyNames"),
    readerPath: pointer(reader.origin, "propertyNames"),
  };
  const outcome = emptyOutcome();
  for (const name of writer.properties.keys()) {
    if (acceptsNormal(readerNames, name, ctx.formats)) continue;
    if (writer.propertyNames && !acceptsNormal(writer.propertyNames.get(), name, ctx.formats)) continue;
    const value = ctx.writerValues.valid(schemaForName(writer, name, ctx.writer).get());
    const example =
      value === undefined ? undefined : ctx.writerValues.objectWith(writer, { [name]: value }, new Set(), 1);
    if (example) outcome.gaps.push({ ...where, subject: name, example, at: [name] });
    else outcome.unknowns.push({ ...where, subject: name });
  }
  if (closed && writer.patternProperties.length === 0) return outcome;
  const writerNames = writer.propertyNames?.get() ?? ctx.writer.normalize({ type: "string" });
  const inner = ctx.include(writerNames, readerNames);
  for (const gap of inner.gaps) {
    const name = gap.example;
    if (typeof name !== "string") continue;
    const value = ctx.writerValues.valid(schemaForName(writer, name, ctx.writer).get());
    const example =
      value === undefined ? undefined : ctx.writerValues.objectWith(writer, { [name]: value }, new Set(), 1);
    if (example) outcome.gaps.push({ ...where, subject: name, example, at: [name] });
    else outcome.unknowns.push({ ...where, subject: name });
  }
  for (const unknown of inner.unknowns) outcome.unknowns.push({ ...where, subject: unknown.subject });
  return outcome;
}

/** dependent-required-added (backward), dependent-required-removed (forward). */
function checkDependencies(ctx: InclusionContext, writer: ObjectBranch, reader: ObjectBranch): Outcome {
  const outcome = emptyOutcome();
  for (const [name, needs] of reader.dependentRequired) {
    for (const needed of needs) {
      if (writer.required.has(needed) || writer.dependentRequired.get(name)?.includes(needed)) continue;
      const where = {
        kind: "dependentRequired" as GapKind,
        writerPath: pointer(writer.origin, dependencyKeyword(writer)),
        readerPath: pointer(reader.origin, dependencyKeyword(reader)),
        subject: `${name} -> ${needed}`,
      };
      const nameSchema = writerSchemaFor(ctx, writer, name, writerIsClosed(writer));
      // A writer that can never carry the name never triggers the dependency.
      if (nameSchema === undefined) continue;
      const value = ctx.writerValues.valid(nameSchema);
      if (value === undefined) {
        outcome.unknowns.push(where);
        continue;
      }
      const example = ctx.writerValues.objectWith(writer, { [name]: value }, new Set([needed]), 1);
      if (example && !Object.hasOwn(example, needed)) outcome.gaps.push({ ...where, example, at: [needed] });
      else outcome.unknowns.push(where);
    }
  }
  return outcome;
}

/** Child gaps become gaps of this object, each example placed under the property. */
function lift(ctx: InclusionContext, writer: ObjectBranch, inner: Outcome, name: string): Outcome {
  const gaps: Gap[] = [];
  const unknowns = [...inner.unknowns];
  for (const gap of inner.gaps) {
    const example = ctx.writerValues.objectWith(writer, { [name]: gap.example }, new Set(), 1);
    if (example) gaps.push({ ...gap, example, at: under(name, gap) });
    else unknowns.push(gap);
  }
  return { gaps, unknowns };
}

/** The whole property is the finding (declared on one side only): one gap, the first child example. */
function collapse(
  ctx: InclusionContext,
  writer: ObjectBranch,
  inner: Outcome,
  where: Omit<Gap, "example">,
  name: string,
): Outcome {
  const first = inner.gaps[0];
  if (first) {
    const example = ctx.writerValues.objectWith(writer, { [name]: first.example }, new Set(), 1);
    if (example) return { gaps: [{ ...where, example, at: under(name, first) }], unknowns: [] };
  }
  return { gaps: [], unknowns: [where] };
}

/** The reader forbids the name outright: any writer value for it is the example. */
function single(
  ctx: InclusionContext,
  writer: ObjectBranch,
  where: Omit<Gap, "example">,
  name: string,
  writerSchema: Normal,
): Outcome {
  const value = ctx.writerValues.valid(writerSchema);
  const example =
    value === undefined ? undefined : ctx.writerValues.objectWith(writer, { [name]: value }, new Set(), 1);
  if (example) return { gaps: [{ ...where, example, at: [name] }], unknowns: [] };
  return { gaps: [], unknowns: [where] };
}

function sampleName(pattern: string, writer: ObjectBranch, reader: ObjectBranch): string | undefined {
  for (const candidate of patternSamples(pattern)) {
    if (!writer.properties.has(candidate) && !reader.properties.has(candidate)) return candidate;
  }
  return undefined;
}

/** draft-07 spells dependentRequired as (array-valued) dependencies. */
function dependencyKeyword(branch: ObjectBranch): string {
  return branch.origin.doc.draft === "draft-07" ? "dependencies" : "dependentRequired";
}

/** The keyword a branch's `additional` schema was written as. */
function additionalKeyword(branch: ObjectBranch): string {
  return branch.additionalKeyword ?? "additionalProperties";
}
