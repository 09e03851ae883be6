/**
 * arrays: minItems/maxItems (rows of bounds.ts: min-items-increased, min-items-decreased,
 * max-items-decreased, max-items-increased), positional items (prefixItems / draft-07 tuples) and
 * tail items (tuple-items-changed where the reader forbids a position), uniqueItems
 * (unique-items-added, unique-items-removed), contains (contains-changed).
 */
import type { Json } from "../../schema/types.js";
import { acceptsBranch, acceptsNormal } from "../accepts.js";
import { checkBounds, effectiveMaxItems } from "../bounds.js";
import { type InclusionContext, pointer } from "../engine.js";
import { emptyOutcome, type Gap, isClean, merge, type Outcome, under } from "../gaps.js";
import { itemAt } from "../intersect.js";
import type { ArrayBranch, ContainsRule, Normal } from "../normal-form.js";
import { valueKey } from "../values.js";

export function checkArray(ctx: InclusionContext, writer: ArrayBranch, reader: ArrayBranch): Outcome {
  const outcome = emptyOutcome();
  const writerMax = effectiveMaxItems(writer);
  merge(outcome, checkBounds(ctx, "array", writer, reader));
  merge(outcome, checkItems(ctx, writer, reader, writerMax));
  if (
    reader.unique &&
    (!writer.unique || writer.uniqueLoose === true) &&
    (writerMax === undefined || writerMax >= 2)
  ) {
    merge(
      outcome,
      ctx.gapOrUnknown(
        writer,
        reader,
        "uniqueItems",
        reader.origin,
        "uniqueItems",
        (v) => hasDuplicates(v as Json[]),
        {
          writerValue: false,
          readerValue: true,
        },
      ),
    );
  }
  for (const rule of reader.contains) merge(outcome, checkContains(ctx, writer, reader, rule));
  return outcome;
}

function checkItems(
  ctx: InclusionContext,
  writer: ArrayBranch,
  reader: ArrayBranch,
  writerMax: number | undefined,
): Outcome {
  const outcome = emptyOutcome();
  const positions = Math.max(writer.prefix.length, reader.prefix.length);
  const tupleKeyword = reader.origin.doc.draft === "2020-12" ? "prefixItems" : "items";
  // The reader keyword that governs items past its own tuple.
  const tailKeyword =
    reader.itemsKeyword ??
    (reader.prefix.length > 0 && reader.origin.doc.draft !== "2020-12" ? "additionalItems" : "items");
  for (let index = 0; index < positions; index++) {
    if (writerMax !== undefined && index >= writerMax) return outcome;
    const inner = ctx.includeLazy(itemAt(writer, index), itemAt(reader, index));
    if (isClean(inner)) continue;
    const keyword = index < reader.prefix.length ? tupleKeyword : tailKeyword;
    merge(outcome, liftItemOutcome(ctx, writer, reader, inner, index, keyword));
  }
  if (writerMax !== undefined && writerMax <= positions) return outcome;
  const inner = ctx.includeLazy(writer.items, reader.items);
  if (!isClean(inner)) merge(outcome, liftItemOutcome(ctx, writer, reader, inner, positions, tailKeyword));
  return outcome;
}

/** Puts an item's example at its position in a writer array; a reader that forbids the position is a tuple change. */
function liftItemOutcome(
  ctx: InclusionContext,
  writer: ArrayBranch,
  reader: ArrayBranch,
  inner: Outcome,
  index: number,
  keyword: string,
): Outcome {
  const length = Math.max(writer.minItems, index + 1);
  const gaps: Gap[] = [];
  for (const gap of inner.gaps) {
    const example = ctx.writerValues.arrayOfLength(writer, length, 0, { index, value: gap.example });
    if (example === undefined) continue;
    const forbidden = gap.kind === "false";
    gaps.push({
      ...gap,
      kind: forbidden ? "tuple" : gap.kind,
      readerPath: forbidden ? pointer(reader.origin, keyword) : gap.readerPath,
      example,
      at: under(index, gap),
    });
  }
  const lost = inner.gaps.length - gaps.length;
  const unknowns = [...inner.unknowns];
  if (lost > 0)
    unknowns.push({
      kind: "tuple",
      writerPath: pointer(writer.origin, keyword),
      readerPath: pointer(reader.origin, keyword),
    });
  return { gaps, unknowns };
}

function checkContains(
  ctx: InclusionContext,
  writer: ArrayBranch,
  reader: ArrayBranch,
  rule: ContainsRule,
): Outcome {
  const schema = rule.schema.get();
  const guaranteed =
    rule.max === undefined &&
    (writer.contains.some(
      (own) => own.min >= rule.min && own.max === undefined && isClean(ctx.include(own.schema.get(), schema)),
    ) ||
      (writer.minItems >= rule.min &&
        writer.prefix.length === 0 &&
        isClean(ctx.include(writer.items.get(), schema))));
  if (guaranteed) return emptyOutcome();
  if (
    writer.contains.some(
      (own) =>
        own.schema.shape !== undefined &&
        own.schema.shape === rule.schema.shape &&
        own.min === rule.min &&
        own.max === rule.max,
    )
  ) {
    return emptyOutcome();
  }
  const breaks = (value: Json) => {
    const count = (value as Json[]).filter((item) => acceptsNormal(schema, item, ctx.formats)).length;
    return count < rule.min || (rule.max !== undefined && count > rule.max);
  };
  // Arrays made of the writer's own `contains` items, pushed towards the reader's limits.
  for (const example of containsSeeds(ctx, writer, schema, rule)) {
    if (acceptsBranch(writer, example, ctx.formats) && breaks(example)) {
      return {
        gaps: [
          {
            kind: "contains",
            writerPath: pointer(writer.origin, "contains"),
            readerPath: pointer(rule.origin, "contains"),
            example,
          },
        ],
        unknowns: [],
      };
    }
  }
  return ctx.gapOrUnknown(writer, reader, "contains", rule.origin, "contains", breaks);
}

function* containsSeeds(
  ctx: InclusionContext,
  writer: ArrayBranch,
  readerSchema: Normal,
  rule: ContainsRule,
): Generator<Json> {
  const items: Json[] = [];
  for (const own of writer.contains) {
    for (const branch of own.schema.get().branches) {
      const hint = readerSchema.branches.find((b) => b.type === branch.type);
      let taken = 0;
      for (const candidate of ctx.writerValues.candidates(branch, hint)) {
        if (!acceptsBranch(branch, candidate, ctx.formats)) continue;
        items.push(candidate);
        if (++taken >= 6) break;
      }
    }
  }
  const counts = [...new Set([1, Math.max(rule.min - 1, 1), (rule.max ?? 0) + 1, writer.minItems])];
  for (const item of items) {
    for (const count of counts)
      if (count > 0) yield Array.from({ length: Math.max(count, writer.minItems) }, () => item);
  }
}

function hasDuplicates(array: Json[]): boolean {
  return new Set(array.map(valueKey)).size !== array.length;
}
