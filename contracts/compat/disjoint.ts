/**
 * Conservative disjointness: true only when no value can match both schemas. Used to tell a
 * oneOf whose branches never overlap (then it means anyOf) from one that rejects the overlap.
 */
import { acceptsBranch, type FormatChecker } from "./accepts.js";
import { formatLanguage } from "./format-languages.js";
import type { Branch, Normal, NumberBranch, ObjectBranch, StringBranch } from "./normal-form.js";
import { schemaPartsForName } from "./object-shape.js";
import { patternIncluded } from "./regex.js";
import { valueKey } from "./values.js";

const MAX_DEPTH = 4;

export function areDisjoint(a: Normal, b: Normal, formats: FormatChecker, depth = 0): boolean {
  return a.branches.every((left) =>
    b.branches.every((right) => branchesDisjoint(left, right, formats, depth)),
  );
}

function branchesDisjoint(left: Branch, right: Branch, formats: FormatChecker, depth: number): boolean {
  if (left.type !== right.type) return true;
  if (left.values && right.values) {
    const keys = new Set(right.values.map(valueKey));
    return !left.values.some((v) => keys.has(valueKey(v)));
  }
  // A finite side is disjoint from the other when none of its values is accepted there.
  if (left.values) return !left.values.some((v) => acceptsBranch(right, v, formats));
  if (right.values) return !right.values.some((v) => acceptsBranch(left, v, formats));
  if (left.type === "number") return numbersDisjoint(left, right as NumberBranch);
  if (left.type === "string") return stringsDisjoint(left, right as StringBranch);
  if (left.type === "object" && right.type === "object" && depth < MAX_DEPTH) {
    // A name one side requires and the other forbids: a webhook's `team` as either the full
    // object or a closed `{id, name, deleted}` stub, which has no `node_id`.
    if (requiresForbidden(left, right as ObjectBranch) || requiresForbidden(right as ObjectBranch, left))
      return true;
    // A discriminator: a property both require whose schemas share no value. Value lists (a
    // webhook's `action`) are asked first: they settle it at once, where nested objects and
    // patterns take a walk or an automaton each.
    const pairs = sharedRequired(left, right);
    if (valueListsDisjoint(pairs, formats)) return true;
    for (const [leftSchema, rightSchema] of pairs)
      if (!isValueList(leftSchema) && !isValueList(rightSchema))
        if (areDisjoint(leftSchema, rightSchema, formats, depth + 1)) return true;
  }
  return false;
}

/** Some name `required` requires that `other` rejects outright (its schema for the name is false). */
function requiresForbidden(required: ObjectBranch, other: ObjectBranch): boolean {
  for (const name of required.required)
    if (schemaPartsForName(other, name).some((part) => part.get().branches.length === 0)) return true;
  return false;
}

/** The schemas of each property both object branches require, side by side. */
function sharedRequired(left: ObjectBranch, right: ObjectBranch): [Normal, Normal][] {
  const pairs: [Normal, Normal][] = [];
  for (const name of left.required) {
    if (!right.required.has(name)) continue;
    const leftSchema = left.properties.get(name);
    const rightSchema = right.properties.get(name);
    if (leftSchema && rightSchema) pairs.push([leftSchema.get(), rightSchema.get()]);
  }
  return pairs;
}

/** Some pair has a value list on one side that the other side takes none of (no nested walk). */
function valueListsDisjoint(pairs: readonly [Normal, Normal][], formats: FormatChecker): boolean {
  return pairs.some(
    ([leftSchema, rightSchema]) =>
      (isValueList(leftSchema) || isValueList(rightSchema)) &&
      areDisjoint(leftSchema, rightSchema, formats, MAX_DEPTH),
  );
}

/**
 * Object branches told apart by a value list: a property both require, one side's schema a list
 * of values the other side takes none of. A cheap, partial areDisjoint (no nested walk, no
 * automaton), for the questions asked of every alternative of a union.
 */
export function discriminated(left: Branch, right: Branch, formats: FormatChecker): boolean {
  return (
    left.type === "object" &&
    right.type === "object" &&
    valueListsDisjoint(sharedRequired(left, right as ObjectBranch), formats)
  );
}

function isValueList(normal: Normal): boolean {
  return normal.branches.length > 0 && normal.branches.every((branch) => branch.values !== undefined);
}

/**
 * Strings whose patterns, formats (as regular supersets) and lengths admit no common string: the
 * automata find the intersection empty. Both sides must say something for this to be worth asking.
 */
function stringsDisjoint(left: StringBranch, right: StringBranch): boolean {
  const languages = [left, right].map((branch) => [
    ...branch.patterns.map((p) => p.source),
    ...branch.formats.flatMap((f) => formatLanguage(f.name, branch.origin.doc.draft)?.pattern ?? []),
  ]);
  if (languages.some((language) => language.length === 0)) return false;
  const max = [left.maxLength, right.maxLength].filter((n) => n !== undefined);
  const lengths = {
    min: Math.max(left.minLength, right.minLength),
    ...(max.length > 0 ? { max: Math.min(...(max as number[])) } : {}),
  };
  // Every string of the intersection falls inside the pattern that matches nothing: it is empty.
  return patternIncluded(languages.flat(), "[]", lengths).kind === "yes";
}

function numbersDisjoint(left: NumberBranch, right: NumberBranch): boolean {
  return below(left, right) || below(right, left);
}

/** Every value of `low` is under every value of `high`. */
function below(low: NumberBranch, high: NumberBranch): boolean {
  if (!low.max || !high.min) return false;
  if (low.max.value < high.min.value) return true;
  return low.max.value === high.min.value && (low.max.exclusive || high.min.exclusive);
}
