/** The conjunction of two same-type branches (allOf, `$ref` siblings, anyOf distributed over allOf). */

import { acceptsNormal } from "./accepts.js";
import type {
  ArrayBranch,
  Bound,
  Branch,
  Lazy,
  NumberBranch,
  ObjectBranch,
  Opaque,
  StringBranch,
} from "./normal-form.js";
import { type LazyConjoiner, matchesPattern, schemaForName, schemaPartsForName } from "./object-shape.js";
import { valueKey } from "./values.js";

export function conjoinBranches(left: Branch, right: Branch, conjoiner: LazyConjoiner): Branch | undefined {
  if (left.type !== right.type) return undefined;
  const common = {
    origin: left.origin,
    values: conjoinValues(left.values, right.values),
    notValues: [...left.notValues, ...right.notValues],
    opaque: dedupeOpaque([...left.opaque, ...right.opaque]),
  };
  if (common.values && common.values.length === 0) return undefined;
  let merged: Branch;
  switch (left.type) {
    case "null":
    case "boolean":
      merged = { ...common, type: left.type };
      break;
    case "number":
      merged = { ...common, ...conjoinNumbers(left, right as NumberBranch) };
      break;
    case "string":
      merged = { ...common, ...conjoinStrings(left, right as StringBranch) };
      break;
    case "array":
      merged = { ...common, ...conjoinArrays(left, right as ArrayBranch, conjoiner) };
      break;
    case "object":
      merged = { ...common, ...conjoinObjects(left, right as ObjectBranch, conjoiner) };
      break;
  }
  return isEmpty(merged) ? undefined : merged;
}

function conjoinValues(left: readonly unknown[] | undefined, right: readonly unknown[] | undefined) {
  if (!left) return right as Branch["values"];
  if (!right) return left as Branch["values"];
  const keys = new Set(right.map((v) => valueKey(v as never)));
  return (left as Branch["values"] & object).filter((v) => keys.has(valueKey(v)));
}

function dedupeOpaque(opaque: readonly Opaque[]): Opaque[] {
  return [...new Map(opaque.map((o) => [o.key, o])).values()];
}

function conjoinNumbers(left: NumberBranch, right: NumberBranch) {
  return {
    type: "number" as const,
    integer: left.integer || right.integer,
    min: tighter(left.min, right.min, 1),
    max: tighter(left.max, right.max, -1),
    multipleOf: [...new Map([...left.multipleOf, ...right.multipleOf].map((m) => [m.value, m])).values()],
  };
}

/** The stricter of two bounds; `direction` 1 for lower bounds (larger wins), -1 for upper bounds. */
function tighter(a: Bound | undefined, b: Bound | undefined, direction: 1 | -1): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.value === b.value) return a.exclusive ? a : b;
  return (a.value - b.value) * direction > 0 ? a : b;
}

function conjoinStrings(left: StringBranch, right: StringBranch) {
  const maxLength =
    left.maxLength === undefined
      ? right.maxLength
      : right.maxLength === undefined
        ? left.maxLength
        : Math.min(left.maxLength, right.maxLength);
  return {
    type: "string" as const,
    minLength: Math.max(left.minLength, right.minLength),
    maxLength,
    lengthOrigin: left.lengthOrigin ?? right.lengthOrigin,
    patterns: [...new Map([...left.patterns, ...right.patterns].map((p) => [p.source, p])).values()],
    formats: [...new Map([...left.formats, ...right.formats].map((f) => [f.name, f])).values()],
  };
}

function conjoinArrays(left: ArrayBranch, right: ArrayBranch, conjoiner: LazyConjoiner) {
  const length = Math.max(left.prefix.length, right.prefix.length);
  const prefix: Lazy[] = [];
  for (let i = 0; i < length; i++) {
    prefix.push(conjoiner.lazyAll([itemAt(left, i), itemAt(right, i)]));
  }
  return {
    type: "array" as const,
    prefix,
    items: conjoiner.lazyAll([left.items, right.items]),
    minItems: Math.max(left.minItems, right.minItems),
    maxItems: minDefined(left.maxItems, right.maxItems),
    unique: left.unique || right.unique,
    // Loose only when no side tests uniqueness exactly.
    uniqueLoose: ![left, right].some((side) => side.unique && side.uniqueLoose !== true),
    contains: [...left.contains, ...right.contains],
    itemsKeyword: left.itemsKeyword ?? right.itemsKeyword,
  };
}

export function itemAt(branch: ArrayBranch, index: number): Lazy {
  return branch.prefix[index] ?? branch.items;
}

function conjoinObjects(left: ObjectBranch, right: ObjectBranch, conjoiner: LazyConjoiner) {
  const properties = new Map<string, Lazy>();
  for (const name of new Set([...left.properties.keys(), ...right.properties.keys()])) {
    properties.set(
      name,
      conjoiner.lazyAll([schemaForName(left, name, conjoiner), schemaForName(right, name, conjoiner)]),
    );
  }
  const inexact: ObjectBranch[] = [];
  const patternProperties = [
    ...left.patternProperties.map((p) => crossPattern(p, right, conjoiner, inexact)),
    ...right.patternProperties.map((p) => crossPattern(p, left, conjoiner, inexact)),
  ];
  const dependentRequired = new Map<string, string[]>();
  for (const source of [left.dependentRequired, right.dependentRequired]) {
    for (const [name, needs] of source)
      dependentRequired.set(name, [...(dependentRequired.get(name) ?? []), ...needs]);
  }
  const propertyNames =
    left.propertyNames && right.propertyNames
      ? conjoiner.lazyAll([left.propertyNames, right.propertyNames])
      : (left.propertyNames ?? right.propertyNames);
  return {
    type: "object" as const,
    // A side whose additionalProperties could not be carried over exactly stays whole, checked by ajv.
    opaque: dedupeOpaque([
      ...left.opaque,
      ...right.opaque,
      ...inexact.map((branch) => conjoiner.wholeBranch(branch)),
    ]),
    properties,
    patternProperties,
    additional: conjoiner.lazyAll([left.additional, right.additional]),
    additionalKeyword: left.additionalKeyword ?? right.additionalKeyword,
    required: new Set([...left.required, ...right.required]),
    minProperties: Math.max(left.minProperties, right.minProperties),
    maxProperties: minDefined(left.maxProperties, right.maxProperties),
    propertyNames,
    dependentRequired,
  };
}

/**
 * A name matching one side's pattern is, on the other side, a declared property, a pattern match,
 * or an additional property. Only in the last case does the other side's additionalProperties
 * apply, and a pattern entry cannot say "but not those names": the cross term is exact only when
 * the other side's additionalProperties accepts everything, shares the very same pattern, or has
 * neither patterns nor declared names the pattern matches. Otherwise the cross term is left out
 * (a larger set) and the other side is recorded in `inexact`, to be kept whole as a constraint.
 */
function crossPattern(
  entry: { readonly pattern: string; readonly schema: Lazy },
  other: ObjectBranch,
  conjoiner: LazyConjoiner,
  inexact: ObjectBranch[],
) {
  if (other.additional.key === "true" || other.patternProperties.some((q) => q.pattern === entry.pattern))
    return entry;
  const meets =
    other.patternProperties.length > 0 ||
    [...other.properties.keys()].some((name) => matchesPattern(entry.pattern, name));
  if (!meets) return { pattern: entry.pattern, schema: conjoiner.lazyAll([entry.schema, other.additional]) };
  if (!inexact.includes(other)) inexact.push(other);
  return entry;
}

/**
 * A required name no value can be given (its schema is `false`) or that propertyNames rejects.
 * Formats in propertyNames count as met: emptiness is claimed only when certain.
 */
function requiredNameImpossible(branch: ObjectBranch, name: string): boolean {
  if (schemaPartsForName(branch, name).some((part) => part.key === "false")) return true;
  const names = branch.propertyNames;
  if (names === undefined || names.key === "true") return false;
  return !acceptsNormal(names.get(), name, ANY_FORMAT);
}

const ANY_FORMAT = { checkFormat: () => true };

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/** Branches that provably admit no value are dropped. */
export function isEmpty(branch: Branch): boolean {
  if (branch.values && branch.values.length === 0) return true;
  switch (branch.type) {
    case "number":
      return integerRangeEmpty(branch);
    case "string":
      return branch.maxLength !== undefined && branch.minLength > branch.maxLength;
    case "array":
      return branch.maxItems !== undefined && branch.minItems > branch.maxItems;
    case "object":
      return objectEmpty(branch);
    default:
      return false;
  }
}

function integerRangeEmpty(branch: NumberBranch): boolean {
  const { min, max } = branch;
  if (!min || !max) return false;
  if (min.value > max.value) return true;
  if (min.value === max.value && (min.exclusive || max.exclusive)) return true;
  if (branch.integer && Math.abs(min.value) < 2 ** 53 && Math.abs(max.value) < 2 ** 53) {
    const low = min.exclusive ? Math.floor(min.value) + 1 : Math.ceil(min.value);
    const high = max.exclusive ? Math.ceil(max.value) - 1 : Math.floor(max.value);
    return low > high;
  }
  return false;
}

function objectEmpty(branch: ObjectBranch): boolean {
  const least = Math.max(branch.minProperties, branch.required.size);
  if (branch.maxProperties !== undefined && least > branch.maxProperties) return true;
  if ([...branch.required].some((name) => requiredNameImpossible(branch, name))) return true;
  // A closed object with no patterns holds only its declared names.
  if (branch.additional.key !== "false" || branch.patternProperties.length > 0) return false;
  return least > branch.properties.size || [...branch.required].some((name) => !branch.properties.has(name));
}
