/**
 * Membership of a concrete value in a normal form. It mirrors ajv's rules (code-point string
 * lengths, `u`-flag patterns, ajv's multipleOf arithmetic) so the engine's reasoning about
 * enums and examples agrees with the validator that has the last word.
 */
import type { Json } from "../schema/types.js";
import { itemAt } from "./intersect.js";
import type { ArrayBranch, Branch, Normal, NumberBranch, ObjectBranch, StringBranch } from "./normal-form.js";
import { matchesPattern, schemaPartsForName } from "./object-shape.js";
import { isMultipleOf, typeOfValue, valueKey, valueKeySet } from "./values.js";

export interface FormatChecker {
  readonly checkFormat: (name: string, value: string) => boolean;
}

export interface AcceptOptions {
  /** Skip the enum/const list (used while filtering that very list). */
  readonly ignoreValues?: boolean;
}

export function acceptsNormal(normal: Normal, value: Json, formats: FormatChecker): boolean {
  return normal.branches.some((branch) => acceptsBranch(branch, value, formats));
}

/**
 * Answers for objects and arrays, by checker, value and branch. The engine asks the same question
 * again and again: a gap's example against each alternative of a union, a seed value against each
 * opaque constraint, with members shared between a whole event and its repairs (on a catalog of
 * webhook payloads nine asks in ten are repeats). Values are never changed once built.
 */
const answers = new WeakMap<FormatChecker, WeakMap<object, WeakMap<Branch, boolean>>>();

export function acceptsBranch(
  branch: Branch,
  value: Json,
  formats: FormatChecker,
  options: AcceptOptions = {},
): boolean {
  if (typeOfValue(value) !== branch.type) return false;
  if (value === null || typeof value !== "object" || options.ignoreValues)
    return decide(branch, value, formats, options);
  const known = answersFor(formats, value);
  let answer = known.get(branch);
  if (answer === undefined) {
    answer = decide(branch, value, formats, options);
    known.set(branch, answer);
  }
  return answer;
}

function answersFor(formats: FormatChecker, value: object): WeakMap<Branch, boolean> {
  let byValue = answers.get(formats);
  if (!byValue) {
    byValue = new WeakMap();
    answers.set(formats, byValue);
  }
  let byBranch = byValue.get(value);
  if (!byBranch) {
    byBranch = new WeakMap();
    byValue.set(value, byBranch);
  }
  return byBranch;
}

function decide(branch: Branch, value: Json, formats: FormatChecker, options: AcceptOptions): boolean {
  const key = branch.values || branch.notValues.length > 0 ? valueKey(value) : "";
  if (!options.ignoreValues && branch.values && !valueKeySet(branch.values).has(key)) return false;
  if (branch.notValues.length > 0 && valueKeySet(branch.notValues).has(key)) return false;
  if (!acceptsTyped(branch, value, formats)) return false;
  return branch.opaque.every((constraint) => constraint.accepts(value));
}

function acceptsTyped(branch: Branch, value: Json, formats: FormatChecker): boolean {
  switch (branch.type) {
    case "number":
      return acceptsNumber(branch, value as number);
    case "string":
      return acceptsString(branch, value as string, formats);
    case "array":
      return acceptsArray(branch, value as Json[], formats);
    case "object":
      return acceptsObject(branch, value as { [key: string]: Json }, formats);
    default:
      return true;
  }
}

function acceptsNumber(branch: NumberBranch, value: number): boolean {
  if (branch.integer && !Number.isInteger(value)) return false;
  const { min, max } = branch;
  if (min && (min.exclusive ? value <= min.value : value < min.value)) return false;
  if (max && (max.exclusive ? value >= max.value : value > max.value)) return false;
  return branch.multipleOf.every((m) => isMultipleOf(value, m.value));
}

export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

function acceptsString(branch: StringBranch, value: string, formats: FormatChecker): boolean {
  const length = codePointLength(value);
  if (length < branch.minLength) return false;
  if (branch.maxLength !== undefined && length > branch.maxLength) return false;
  if (!branch.patterns.every((p) => matchesPattern(p.source, value))) return false;
  return branch.formats.every((f) => formats.checkFormat(f.name, value));
}

function acceptsArray(branch: ArrayBranch, value: Json[], formats: FormatChecker): boolean {
  if (value.length < branch.minItems) return false;
  if (branch.maxItems !== undefined && value.length > branch.maxItems) return false;
  for (let i = 0; i < value.length; i++) {
    if (!acceptsNormal(itemAt(branch, i).get(), value[i] as Json, formats)) return false;
  }
  if (branch.unique && new Set(value.map(valueKey)).size !== value.length) return false;
  for (const rule of branch.contains) {
    const schema = rule.schema.get();
    const count = value.filter((item) => acceptsNormal(schema, item, formats)).length;
    if (count < rule.min || (rule.max !== undefined && count > rule.max)) return false;
  }
  return true;
}

function acceptsObject(
  branch: ObjectBranch,
  value: { [key: string]: Json },
  formats: FormatChecker,
): boolean {
  const names = Object.keys(value);
  if (names.length < branch.minProperties) return false;
  if (branch.maxProperties !== undefined && names.length > branch.maxProperties) return false;
  for (const name of branch.required) if (!Object.hasOwn(value, name)) return false;
  for (const [name, needs] of branch.dependentRequired) {
    if (Object.hasOwn(value, name) && !needs.every((n) => Object.hasOwn(value, n))) return false;
  }
  const propertyNames = branch.propertyNames?.get();
  // Scalar members first: a union's alternatives are usually told apart by one (a webhook's
  // `action`), and a member object can be most of a large event, walked in vain for each
  // alternative that a later scalar rejects. The answer is the same in any order.
  for (const name of names) {
    if (propertyNames && !acceptsNormal(propertyNames, name, formats)) return false;
    const member = value[name] as Json;
    if (!isStructured(member) && !acceptsMember(branch, name, member, formats)) return false;
  }
  for (const name of names) {
    const member = value[name] as Json;
    if (isStructured(member) && !acceptsMember(branch, name, member, formats)) return false;
  }
  return true;
}

function isStructured(value: Json): boolean {
  return value !== null && typeof value === "object";
}

function acceptsMember(branch: ObjectBranch, name: string, member: Json, formats: FormatChecker): boolean {
  for (const part of schemaPartsForName(branch, name))
    if (!acceptsNormal(part.get(), member, formats)) return false;
  return true;
}
