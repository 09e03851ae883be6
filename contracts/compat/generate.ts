/**
 * Builds concrete values for a normal form: valid values (to fill the rest of an example event)
 * and candidate values near the other side's limits (to find an event one side accepts and the
 * other rejects). Deterministic: the same schemas always give the same examples.
 */
import RandExp from "randexp";
import type { Json } from "../schema/types.js";
import { acceptsBranch, type FormatChecker } from "./accepts.js";
import { itemAt } from "./intersect.js";
import type { ArrayBranch, Branch, Normal, NumberBranch, ObjectBranch, StringBranch } from "./normal-form.js";
import type { Normalizer } from "./normalize.js";
import { matchesPattern, schemaForName } from "./object-shape.js";
import { patternWitness } from "./regex.js";
import { setOwn, typeOfValue } from "./values.js";

const MAX_DEPTH = 8;

/** Sample values per format; the first is the friendliest. */
export const FORMAT_SAMPLES: Readonly<Record<string, readonly string[]>> = {
  "date-time": ["2024-05-01T12:00:00Z", "2024-05-01T12:00:00.000+02:00"],
  "iso-date-time": ["2024-05-01T12:00:00Z"],
  date: ["2024-05-01"],
  time: ["12:00:00Z", "12:00:00+02:00"],
  "iso-time": ["12:00:00Z"],
  duration: ["P1D", "PT1H"],
  email: ["someone@example.com"],
  hostname: ["example.com"],
  ipv4: ["192.0.2.1"],
  ipv6: ["2001:db8::1"],
  uri: ["https://example.com/a"],
  "uri-reference": ["https://example.com/a", "/a"],
  "uri-template": ["https://example.com/{id}"],
  url: ["https://example.com/a"],
  uuid: ["123e4567-e89b-42d3-a456-426614174000"],
  "json-pointer": ["/a/b"],
  "relative-json-pointer": ["0/a"],
  regex: ["^a+$"],
  byte: ["aGVsbG8="],
  int32: ["1"],
  int64: ["1"],
  float: ["1.5"],
  double: ["1.5"],
  password: ["secret"],
  binary: ["abc"],
};

export class ValueFactory {
  constructor(
    private readonly normalizer: Normalizer,
    private readonly formats: FormatChecker,
  ) {}

  /** Valid values are deterministic per normal form; examples share them (they are never mutated). */
  private readonly validCache = new Map<number, Json | undefined>();

  /** A value valid under the normal form, or undefined when none could be built. */
  valid(normal: Normal, depth = 0): Json | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (this.validCache.has(normal.id)) return this.validCache.get(normal.id);
    let found: Json | undefined;
    for (const branch of normal.branches) {
      found = this.validForBranch(branch, depth);
      if (found !== undefined) break;
    }
    // A miss caused by the depth limit may succeed from a shallower start: cache hits only.
    if (found !== undefined) this.validCache.set(normal.id, found);
    return found;
  }

  validForBranch(branch: Branch, depth = 0): Json | undefined {
    for (const candidate of this.candidates(branch, undefined, depth)) {
      if (acceptsBranch(branch, candidate, this.formats)) return candidate;
    }
    return undefined;
  }

  /**
   * Values of the branch's type worth trying: its own limits and those of `hint` (the other
   * side's branch), so a value just past the other side's limit is among them.
   */
  *candidates(branch: Branch, hint: Branch | undefined, depth = 0): Generator<Json> {
    if (branch.values) {
      yield* branch.values;
      return;
    }
    // The schema's own examples and default read best in a report.
    yield* documentedValues(branch);
    const fromHint = hint?.values ?? [];
    switch (branch.type) {
      case "null":
        yield null;
        return;
      case "boolean":
        yield* [true, false];
        return;
      case "number":
        yield* numberCandidates(branch, hint?.type === "number" ? hint : undefined);
        yield* fromHint;
        return;
      case "string":
        yield* this.stringCandidates(branch, hint?.type === "string" ? hint : undefined);
        yield* fromHint;
        return;
      case "array":
        yield* this.arrayCandidates(branch, hint?.type === "array" ? hint : undefined, depth);
        return;
      case "object":
        yield* this.objectCandidates(branch, hint?.type === "object" ? hint : undefined, depth);
        return;
    }
  }

  private stringCandidates(branch: StringBranch, hint: StringBranch | undefined): string[] {
    const result: string[] = [];
    for (const format of branch.formats) result.push(...(FORMAT_SAMPLES[format.name] ?? []));
    if (branch.patterns.length > 0) {
      // The shortest string every pattern (and the lengths) accept, from their automata.
      const witness = patternWitness(
        branch.patterns.map((p) => p.source),
        { min: branch.minLength, max: branch.maxLength },
      );
      if (witness !== undefined) result.push(witness);
    }
    for (const pattern of branch.patterns) result.push(...patternSamples(pattern.source));
    const lengths = new Set<number>([branch.minLength, Math.max(branch.minLength, 1), 3, 8]);
    if (branch.maxLength !== undefined) lengths.add(branch.maxLength);
    if (hint) {
      if (hint.minLength > 0) lengths.add(hint.minLength - 1);
      if (hint.maxLength !== undefined) lengths.add(hint.maxLength + 1);
    }
    const plain = [...lengths].filter((n) => n >= 0 && n <= 10_000).sort((a, b) => a - b);
    result.push("example");
    for (const length of plain) result.push("a".repeat(length), "1".repeat(length), "A".repeat(length));
    // Stretch or cut samples that fit the pattern but not the lengths.
    for (const sample of [...result]) {
      for (const length of plain) {
        if (sample.length > 0 && length > sample.length)
          result.push(sample + sample.slice(-1).repeat(length - sample.length));
      }
    }
    if (hint) {
      for (const format of hint.formats) result.push(...(FORMAT_SAMPLES[format.name] ?? []));
      for (const pattern of hint.patterns) result.push(...patternSamples(pattern.source));
      result.push("not a value", "-", " ");
    }
    return [...new Set(result)];
  }

  private *arrayCandidates(
    branch: ArrayBranch,
    hint: ArrayBranch | undefined,
    depth: number,
  ): Generator<Json> {
    const lengths = new Set<number>([branch.minItems, Math.max(branch.minItems, 1), 2]);
    if (branch.maxItems !== undefined) lengths.add(branch.maxItems);
    if (branch.prefix.length > 0) lengths.add(branch.prefix.length);
    if (hint) {
      if (hint.minItems > 0) lengths.add(hint.minItems - 1);
      if (hint.maxItems !== undefined) lengths.add(hint.maxItems + 1);
      lengths.add(hint.prefix.length + 1);
    }
    for (const length of [...lengths].sort((a, b) => a - b)) {
      if (length > 1_000) continue;
      const array = this.arrayOfLength(branch, length, depth);
      if (array) yield array;
      const repeated = this.repeatedArray(branch, length, depth);
      if (repeated) yield repeated;
    }
    yield* this.containingArrays(branch, depth);
  }

  /** Arrays whose items meet each `contains` rule: plain valid items rarely do. */
  private *containingArrays(branch: ArrayBranch, depth: number): Generator<Json> {
    for (const rule of branch.contains) {
      const item = this.valid(
        this.normalizer.conjoin([rule.schema.get(), branch.items.get()], branch.origin),
        depth + 1,
      );
      if (item === undefined) continue;
      const count = Math.max(rule.min, 1);
      const length = Math.max(count, branch.minItems, branch.prefix.length);
      if (length > 1_000) continue;
      const array = this.arrayOfLength(branch, length, depth);
      if (array) {
        const from = Math.max(branch.prefix.length, length - count);
        for (let i = from; i < length; i++) array[i] = item;
        yield array;
      }
      yield Array.from({ length: Math.max(count, branch.minItems) }, () => item);
    }
  }

  /** An array of `length` valid items (distinct where the generator can manage it). */
  arrayOfLength(
    branch: ArrayBranch,
    length: number,
    depth: number,
    replace?: { index: number; value: Json },
  ): Json[] | undefined {
    const array: Json[] = [];
    for (let i = 0; i < length; i++) {
      if (replace && replace.index === i) {
        array.push(replace.value);
        continue;
      }
      const schema = itemAt(branch, i).get();
      const value = this.valid(schema, depth + 1);
      if (value === undefined) return undefined;
      array.push(value);
    }
    return array;
  }

  private repeatedArray(branch: ArrayBranch, length: number, depth: number): Json[] | undefined {
    if (length < 2) return undefined;
    const first = this.valid(itemAt(branch, 0).get(), depth + 1);
    if (first === undefined) return undefined;
    return Array.from({ length }, () => first);
  }

  private *objectCandidates(
    branch: ObjectBranch,
    hint: ObjectBranch | undefined,
    depth: number,
  ): Generator<Json> {
    const minimal = this.objectWith(branch, {}, new Set(), depth);
    if (minimal) yield minimal;
    const full = this.objectWithCount(branch, branch.properties.size, depth);
    if (full) yield full;
    if (hint) {
      for (const count of [hint.minProperties - 1, (hint.maxProperties ?? -2) + 1]) {
        if (count < 0) continue;
        const sized = this.objectWithCount(branch, count, depth);
        if (sized) yield sized;
      }
    }
  }

  /**
   * An object valid under the branch, except that `overrides` are set as given and `omit` names
   * are left out: the frame an example event is built in.
   */
  objectWith(
    branch: ObjectBranch,
    overrides: Record<string, Json>,
    omit: ReadonlySet<string>,
    depth: number,
  ): { [key: string]: Json } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const result: { [key: string]: Json } = {};
    const pending = [...branch.required];
    while (pending.length > 0) {
      const name = pending.shift() as string;
      if (omit.has(name) || Object.hasOwn(result, name) || Object.hasOwn(overrides, name)) continue;
      const value = this.valid(schemaForName(branch, name, this.normalizer).get(), depth + 1);
      if (value === undefined) return undefined;
      setOwn(result, name, value);
      pending.push(...(branch.dependentRequired.get(name) ?? []));
    }
    for (const [name, value] of Object.entries(overrides)) {
      setOwn(result, name, value);
      for (const needed of branch.dependentRequired.get(name) ?? []) {
        if (omit.has(needed) || Object.hasOwn(result, needed)) continue;
        const filler = this.valid(schemaForName(branch, needed, this.normalizer).get(), depth + 1);
        if (filler !== undefined) setOwn(result, needed, filler);
      }
    }
    return this.padTo(branch, result, branch.minProperties, omit, depth);
  }

  /** An object valid under the branch with exactly `count` properties, when one can be built. */
  objectWithCount(branch: ObjectBranch, count: number, depth: number): { [key: string]: Json } | undefined {
    const base = this.objectWith(branch, {}, new Set(), depth);
    if (!base || Object.keys(base).length > count) return undefined;
    return this.padTo(branch, base, count, new Set(), depth);
  }

  private padTo(
    branch: ObjectBranch,
    object: { [key: string]: Json },
    count: number,
    omit: ReadonlySet<string>,
    depth: number,
  ): { [key: string]: Json } | undefined {
    const names = [...branch.properties.keys(), ...freshNames(branch)];
    for (const name of names) {
      if (Object.keys(object).length >= count) break;
      if (omit.has(name) || Object.hasOwn(object, name)) continue;
      const value = this.valid(schemaForName(branch, name, this.normalizer).get(), depth + 1);
      if (value !== undefined) setOwn(object, name, value);
    }
    return object;
  }
}

/** `examples`, `example` and `default` of the schema node a branch comes from, of its type. */
function documentedValues(branch: Branch): Json[] {
  const node = branch.origin.doc.resolve(branch.origin.pointer);
  if (node === null || typeof node !== "object" || Array.isArray(node)) return [];
  const values = [
    ...(Array.isArray(node.examples) ? node.examples : []),
    ...(node.example !== undefined ? [node.example] : []),
    ...(node.default !== undefined ? [node.default] : []),
  ];
  return values.filter((value) => typeOfValue(value) === branch.type);
}

/** Property names declared nowhere in the branch, for filling open objects. */
export function freshNames(branch: ObjectBranch, avoid: readonly ObjectBranch[] = []): string[] {
  const names: string[] = [];
  const all = [branch, ...avoid];
  for (let i = 0; names.length < 8 && i < 64; i++) {
    const name = i === 0 ? "extra" : `extra${i}`;
    const taken = all.some(
      (b) => b.properties.has(name) || b.patternProperties.some((p) => matchesPattern(p.pattern, name)),
    );
    if (!taken) names.push(name);
  }
  return names;
}

function numberCandidates(branch: NumberBranch, hint: NumberBranch | undefined): number[] {
  const points = new Set<number>([
    0,
    1,
    -1,
    2,
    3,
    10,
    100,
    0.5,
    1.5,
    -0.5,
    1_000_000,
    -1_000_000,
    2 ** 53,
    1e21,
    -1e21,
    1e22,
  ]);
  const bounds = [branch.min, branch.max, hint?.min, hint?.max].filter((b) => b !== undefined);
  for (const bound of bounds) {
    const b = bound.value;
    for (const delta of [0, 1, -1, 0.5, -0.5, 0.001, -0.001, 2, -2]) points.add(b + delta);
    points.add(Math.floor(b));
    points.add(Math.ceil(b));
  }
  const steps = [...branch.multipleOf, ...(hint?.multipleOf ?? [])].map((m) => m.value);
  for (const step of steps) {
    // Products in floating point (17 * 0.2 is 3.4000000000000004) and quotients past ajv's
    // exact range (1e21 and above) are where two steps' multiples part ways.
    for (let k = -3; k <= 40; k++) points.add(step * k);
    for (const k of [1e21, 2 ** 53 + 2]) points.add(step * k);
    for (const bound of bounds) {
      const q = Math.floor(bound.value / step);
      for (const k of [q - 1, q, q + 1, q + 2]) points.add(step * k);
    }
  }
  return [...points]
    .filter((n) => Number.isFinite(n))
    .sort((a, b) => simplicity(a) - simplicity(b) || Math.abs(a) - Math.abs(b) || b - a);
}

/** Integers before decimals, and both before huge numbers, so examples read naturally. */
function simplicity(n: number): number {
  if (Math.abs(n) >= 2 ** 53) return 2;
  return Number.isInteger(n) ? 0 : 1;
}

const patternSampleCache = new Map<string, string[]>();

/** Strings matching a pattern, when randexp can read it (deterministic, computed once per pattern). */
export function patternSamples(source: string): string[] {
  let cached = patternSampleCache.get(source);
  if (!cached) {
    cached = generatePatternSamples(source);
    patternSampleCache.set(source, cached);
  }
  return cached;
}

function generatePatternSamples(source: string): string[] {
  const samples: string[] = [];
  try {
    const generator = new RandExp(source);
    let seed = 7;
    generator.randInt = (low: number, high: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return low + (seed % (high - low + 1));
    };
    generator.max = 6;
    for (let i = 0; i < 4; i++) samples.push(generator.gen());
  } catch {
    // randexp cannot read every ECMAScript pattern; the other candidates still apply.
  }
  return samples.filter((s) => matchesPattern(source, s));
}
