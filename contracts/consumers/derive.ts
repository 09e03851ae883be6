import { canonicalJson } from "../schema/canonical.js";
import { isJsonObject } from "../schema/json-value.js";
import { joinPointer, parsePointer, resolvePointer } from "../schema/pointer.js";
import type { LocalRef } from "../schema/refs.js";
import type { Draft, Json } from "../schema/types.js";
import { ANNOTATION_KEYWORDS, DEFINITION_KEYWORDS, IDENTITY_KEYWORDS } from "../schema/vocabulary.js";
import { walkSchema } from "../schema/walk.js";
import { EVERY, mergeTries, type ReadTrie } from "./reads.js";

/**
 * A consumer's reader schema, derived from the version it was built against and the paths it
 * reads. The consumer only sees the values at its read paths, so the reader keeps the version's
 * constraints on those values and on the way to them, and accepts anything else.
 *
 * The derivation must never miss a break: whenever it cannot narrow a keyword to the read values
 * without losing a constraint on them, it keeps the keyword whole (which may report a change to an
 * unread field as a break, but never the reverse). Node by node, on the way to a read path:
 *
 * - `properties`, `patternProperties`, `additionalProperties`: narrowed to the read names. A read
 *   name gets every constraint that applies to it: its `properties` entry, each pattern it matches,
 *   and, when neither applies, `additionalProperties` (so `false` there means "must be absent").
 *   With `*`, all of them are kept, each narrowed to what is read below.
 * - `required`: narrowed to the read names (kept whole under `*`); `dependentRequired` (and
 *   draft-07 array `dependencies`) keep the read dependents of every trigger.
 * - `items`, `prefixItems`, `additionalItems`: kept and narrowed when `*` is read, else dropped.
 * - `$ref`: followed; `allOf`: each conjunct narrowed; `anyOf`: each branch narrowed. `oneOf`:
 *   each branch narrowed (as `anyOf`) when its branches are provably disjoint (a property every
 *   branch requires with pairwise different `const`/`enum` values; a branch that is itself a union
 *   has all its branches' values), else kept whole, because narrowing branches that overlap
 *   changes which events match exactly one. Narrowed branches that come out equal are kept once.
 * - A node with `unevaluatedProperties`/`unevaluatedItems`, `$dynamicRef` or `$recursiveRef`
 *   is kept whole: what they allow depends on every other keyword around them.
 * - Every other keyword (`type`, `enum`, `const`, `not`, `if`/`then`/`else`, `dependentSchemas`,
 *   `propertyNames`, bounds, `format`, unknown keywords) is kept whole. Annotations are dropped.
 *
 * At a read path the version's schema is kept whole. Kept sub-schemas keep their `$ref`s, rewritten
 * to copies of their targets under the reader's `$defs` (`definitions` in draft-07).
 */

export type Derivation = { ok: true; schema: Json } | { ok: false; reason: string };

/**
 * Keywords a reader drops wherever they stand: those that give a sub-schema an identity or a base
 * URI (every `$ref` in the reader is rewritten to a pointer into the reader itself), and
 * annotations, which say nothing about validity (and would keep equal branches apart).
 */
const DROPPED: ReadonlySet<string> = new Set([
  ...IDENTITY_KEYWORDS,
  ...DEFINITION_KEYWORDS,
  ...ANNOTATION_KEYWORDS,
]);

/** Keywords the derivation narrows to the read values (see above). */
const NARROWED = new Set([
  "$ref",
  "allOf",
  "anyOf",
  "oneOf",
  "properties",
  "patternProperties",
  "additionalProperties",
  "required",
  "dependentRequired",
  "dependencies",
  "items",
  "prefixItems",
  "additionalItems",
]);

/** Keywords whose meaning depends on their neighbours in ways the derivation does not follow. */
const KEEP_NODE_WHOLE = ["unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef"];

export function deriveReader(
  root: Json,
  draft: Draft,
  refs: readonly LocalRef[],
  reads: ReadTrie,
): Derivation {
  const derivation = new ReaderDerivation(root, draft, refs);
  const derived = derivation.derive("#", root, reads, new Set());
  const definitions = derivation.finish();
  if (derivation.problem !== undefined) return { ok: false, reason: derivation.problem };
  const body: Record<string, Json> =
    derived === true ? {} : derived === false ? { not: {} } : isJsonObject(derived) ? derived : {};
  const schema: Record<string, Json> = { $schema: META_URI[draft], ...body };
  if (Object.keys(definitions).length > 0) schema[derivation.definitionsKeyword] = definitions;
  return { ok: true, schema };
}

const META_URI: Record<Draft, string> = {
  "draft-07": "http://json-schema.org/draft-07/schema#",
  "2019-09": "https://json-schema.org/draft/2019-09/schema",
  "2020-12": "https://json-schema.org/draft/2020-12/schema",
};

class ReaderDerivation {
  readonly definitionsKeyword: string;
  problem: string | undefined;
  private readonly targets = new Map<string, string>();
  private readonly schemaPositions = new Set<string>();
  private readonly names = new Map<string, string>();
  private readonly definitions: Record<string, Json> = {};
  private readonly pending: string[] = [];

  constructor(
    private readonly root: Json,
    draft: Draft,
    refs: readonly LocalRef[],
  ) {
    this.definitionsKeyword = draft === "draft-07" ? "definitions" : "$defs";
    for (const ref of refs) this.targets.set(ref.pointer, ref.target);
    walkSchema(root, undefined, (visit) => {
      if (visit.certain) this.schemaPositions.add(visit.pointer);
    });
  }

  /** The reader for `node` (at `pointer` in the version) given what is read from here down. */
  derive(pointer: string, node: Json, reads: ReadTrie, following: ReadonlySet<string>): Json {
    if (reads.whole) return this.copy(node, pointer);
    if (typeof node === "boolean" || !isJsonObject(node)) return node;
    if (KEEP_NODE_WHOLE.some((keyword) => keyword in node)) return this.copy(node, pointer);

    const kept: Record<string, Json> = {};
    const conjuncts: Json[] = [];
    for (const key of Object.keys(node)) {
      if (DROPPED.has(key)) continue;
      if (!NARROWED.has(key)) kept[key] = this.copy(node[key] as Json, joinPointer(pointer, key));
    }
    const ref = this.targets.get(joinPointer(pointer, "$ref"));
    if (ref !== undefined) conjuncts.push(this.follow(ref, reads, following));
    const at = (keyword: string, ...rest: (string | number)[]) => joinPointer(pointer, keyword, ...rest);
    if (Array.isArray(node.allOf)) {
      node.allOf.forEach((branch, i) => {
        conjuncts.push(this.derive(at("allOf", i), branch, reads, following));
      });
    }
    if (Array.isArray(node.anyOf)) {
      conjuncts.push(anyOf(node.anyOf.map((b, i) => this.derive(at("anyOf", i), b, reads, following))));
    }
    if (Array.isArray(node.oneOf)) {
      if (this.disjoint(node.oneOf, at("oneOf"))) {
        conjuncts.push(anyOf(node.oneOf.map((b, i) => this.derive(at("oneOf", i), b, reads, following))));
      } else {
        kept.oneOf = this.copy(node.oneOf, at("oneOf"));
      }
    }
    Object.assign(kept, this.objectPart(node, pointer, reads, following));
    Object.assign(kept, this.arrayPart(node, pointer, reads, following));
    return conjoin(kept, conjuncts);
  }

  /** A `$ref` on the way: the target narrowed, unless the same target is already being narrowed for the same reads. */
  private follow(target: string, reads: ReadTrie, following: ReadonlySet<string>): Json {
    const key = `${target}\u0000${trieKey(reads)}`;
    if (following.has(key)) return { $ref: this.refTo(target) };
    const node = resolvePointer(this.root, target);
    if (node === undefined) return { $ref: this.refTo(target) };
    return this.derive(target, node, reads, new Set([...following, key]));
  }

  private objectPart(
    node: Record<string, Json>,
    pointer: string,
    reads: ReadTrie,
    following: ReadonlySet<string>,
  ): Record<string, Json> {
    const out: Record<string, Json> = {};
    const properties = isJsonObject(node.properties) ? node.properties : {};
    const patterns = isJsonObject(node.patternProperties) ? node.patternProperties : {};
    const additional = node.additionalProperties;
    const every = reads.children.get(EVERY);
    const names = [...reads.children.keys()].filter((name) => name !== EVERY);
    const outProperties: Record<string, Json> = {};

    // Everything that constrains the value of property `name`, narrowed to `below`.
    const constraintsOn = (name: string, below: ReadTrie): Json[] => {
      const found: Json[] = [];
      if (Object.hasOwn(properties, name)) {
        found.push(
          this.derive(joinPointer(pointer, "properties", name), properties[name] as Json, below, following),
        );
      }
      let matched = false;
      for (const pattern of Object.keys(patterns)) {
        if (!new RegExp(pattern, "u").test(name)) continue;
        matched = true;
        found.push(
          this.derive(
            joinPointer(pointer, "patternProperties", pattern),
            patterns[pattern] as Json,
            below,
            following,
          ),
        );
      }
      if (!Object.hasOwn(properties, name) && !matched && additional !== undefined) {
        found.push(this.derive(joinPointer(pointer, "additionalProperties"), additional, below, following));
      }
      return found;
    };

    if (every) {
      for (const name of Object.keys(properties)) {
        const below = mergeTries(reads.children.get(name), every) as ReadTrie;
        outProperties[name] = this.derive(
          joinPointer(pointer, "properties", name),
          properties[name] as Json,
          below,
          following,
        );
      }
      if (Object.keys(patterns).length > 0) {
        out.patternProperties = Object.fromEntries(
          Object.keys(patterns).map((pattern) => [
            pattern,
            this.derive(
              joinPointer(pointer, "patternProperties", pattern),
              patterns[pattern] as Json,
              every,
              following,
            ),
          ]),
        );
      }
      if (additional !== undefined) {
        out.additionalProperties = this.derive(
          joinPointer(pointer, "additionalProperties"),
          additional,
          every,
          following,
        );
      }
      for (const name of names) {
        if (Object.hasOwn(properties, name)) continue;
        const found = constraintsOn(name, mergeTries(reads.children.get(name), every) as ReadTrie);
        if (found.length > 0) outProperties[name] = conjoin({}, found);
      }
      if (node.required !== undefined)
        out.required = this.copy(node.required, joinPointer(pointer, "required"));
    } else {
      for (const name of names) {
        const found = constraintsOn(name, reads.children.get(name) as ReadTrie);
        if (found.length > 0) outProperties[name] = conjoin({}, found);
      }
      const required = Array.isArray(node.required)
        ? node.required.filter((name) => names.includes(String(name)))
        : [];
      if (required.length > 0) out.required = required;
    }
    if (Object.keys(outProperties).length > 0) out.properties = outProperties;

    const read = (name: string) => every !== undefined || names.includes(name);
    const dependentRequired = narrowDependencies(node.dependentRequired, read);
    if (dependentRequired) out.dependentRequired = dependentRequired;
    if (isJsonObject(node.dependencies)) {
      // draft-07 `dependencies` mixes both forms: name lists are narrowed, schemas kept whole.
      const lists = narrowDependencies(node.dependencies, read) ?? {};
      const schemas = Object.fromEntries(
        Object.entries(node.dependencies)
          .filter(([, value]) => !Array.isArray(value))
          .map(([name, value]) => [name, this.copy(value, joinPointer(pointer, "dependencies", name))]),
      );
      if (Object.keys(lists).length + Object.keys(schemas).length > 0)
        out.dependencies = { ...lists, ...schemas };
    }
    return out;
  }

  private arrayPart(
    node: Record<string, Json>,
    pointer: string,
    reads: ReadTrie,
    following: ReadonlySet<string>,
  ): Record<string, Json> {
    const every = reads.children.get(EVERY);
    if (!every) return {};
    const out: Record<string, Json> = {};
    const one = (keyword: string, value: Json) =>
      this.derive(joinPointer(pointer, keyword), value, every, following);
    const many = (keyword: string, values: Json[]) =>
      values.map((value, i) => this.derive(joinPointer(pointer, keyword, i), value, every, following));
    if (Array.isArray(node.prefixItems)) out.prefixItems = many("prefixItems", node.prefixItems);
    if (Array.isArray(node.items)) out.items = many("items", node.items);
    else if (node.items !== undefined) out.items = one("items", node.items);
    if (node.additionalItems !== undefined)
      out.additionalItems = one("additionalItems", node.additionalItems);
    return out;
  }

  /**
   * True when no event can match two of the branches: some property is required by every branch
   * and pinned to pairwise disjoint values (`const` or `enum`), the usual discriminated union. A
   * branch may itself be a union (its values are its branches' together) or behind `$ref`s.
   */
  private disjoint(branches: readonly Json[], pointer: string): boolean {
    const names = new Set<string>();
    branches.forEach((branch, i) => {
      for (const name of this.pinnedNames(branch, joinPointer(pointer, i), 0)) names.add(name);
    });
    for (const name of names) {
      const seen = new Set<string>();
      let disjoint = true;
      for (const [i, branch] of branches.entries()) {
        const values = this.pinnedValuesOf(branch, joinPointer(pointer, i), name, 0);
        if (!values || [...values].some((value) => seen.has(value))) {
          disjoint = false;
          break;
        }
        for (const value of values) seen.add(value);
      }
      if (disjoint) return true;
    }
    return false;
  }

  /** Candidate discriminators: property names some (resolved) branch declares. */
  private pinnedNames(branch: Json, pointer: string, depth: number): string[] {
    const node = this.resolved(branch, pointer, depth);
    if (!node) return [];
    if (isJsonObject(node.node.properties)) return Object.keys(node.node.properties);
    const inner = Array.isArray(node.node.oneOf)
      ? "oneOf"
      : Array.isArray(node.node.anyOf)
        ? "anyOf"
        : undefined;
    const first = inner ? (node.node[inner] as Json[])[0] : undefined;
    return first === undefined || inner === undefined
      ? []
      : this.pinnedNames(first, joinPointer(node.pointer, inner, 0), depth + 1);
  }

  /**
   * Every value `name` can take in events the branch accepts, when the branch requires it and pins
   * it (`const`/`enum`), directly or in each of its own union's branches; undefined otherwise.
   * A superset is enough: disjoint supersets mean disjoint branches.
   */
  private pinnedValuesOf(
    branch: Json,
    pointer: string,
    name: string,
    depth: number,
  ): Set<string> | undefined {
    const found = this.resolved(branch, pointer, depth);
    if (!found) return undefined;
    const { node } = found;
    const required = Array.isArray(node.required) && node.required.includes(name);
    const own = required && isJsonObject(node.properties) ? pinnedValues(node.properties[name]) : undefined;
    if (own) return own;
    for (const keyword of ["oneOf", "anyOf"]) {
      const inner = node[keyword];
      if (!Array.isArray(inner) || inner.length === 0) continue;
      const union = new Set<string>();
      for (const [i, sub] of inner.entries()) {
        const values = this.pinnedValuesOf(sub, joinPointer(found.pointer, keyword, i), name, depth + 1);
        if (!values) return undefined;
        for (const value of values) union.add(value);
      }
      return union;
    }
    return undefined;
  }

  /** A branch with `$ref`-only wrappers followed (a few levels), and where it ended up. */
  private resolved(
    branch: Json,
    pointer: string,
    depth: number,
  ): { node: Record<string, Json>; pointer: string } | undefined {
    let node = branch;
    let at = pointer;
    for (let hops = 0; depth + hops < 8; hops++) {
      if (!isJsonObject(node)) return undefined;
      const target = this.targets.get(joinPointer(at, "$ref"));
      if (target === undefined) return { node, pointer: at };
      node = resolvePointer(this.root, target) ?? false;
      at = target;
    }
    return undefined;
  }

  /** A copy of a sub-schema of the version, with its `$ref`s pointing at copies of their targets. */
  private copy(value: Json, pointer: string): Json {
    if (Array.isArray(value)) return value.map((item, i) => this.copy(item, joinPointer(pointer, i)));
    if (!isJsonObject(value)) return value;
    const schema = this.schemaPositions.has(pointer);
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value)) {
      const at = joinPointer(pointer, key);
      if (schema) {
        if (key === "$dynamicRef" || key === "$recursiveRef") {
          this.problem ??= `it reads through ${key} at ${pointer}, which a derived reader cannot carry over; give the consumer its own reader schema (schema:)`;
        }
        if (DROPPED.has(key)) continue;
        const target = key === "$ref" ? this.targets.get(at) : undefined;
        if (target !== undefined) {
          out.$ref = this.refTo(target);
          continue;
        }
      }
      out[key] = this.copy(value[key] as Json, at);
    }
    return out;
  }

  private refTo(target: string): string {
    let name = this.names.get(target);
    if (name === undefined) {
      const tokens = parsePointer(target) ?? [];
      const named = tokens[0] === "$defs" || tokens[0] === "definitions" ? tokens.slice(1) : tokens;
      const base = named.length === 0 ? "root" : named.join(".");
      name = base;
      for (let n = 2; Object.hasOwn(this.definitions, name); n++) name = `${base}.${n}`;
      this.names.set(target, name);
      this.definitions[name] = true;
      this.pending.push(target);
    }
    return joinPointer("#", this.definitionsKeyword, name);
  }

  /** Copies every `$ref` target the reader points at (copies may point at more targets). */
  finish(): Record<string, Json> {
    while (this.pending.length > 0) {
      const target = this.pending.shift() as string;
      const node = resolvePointer(this.root, target);
      this.definitions[this.names.get(target) as string] =
        node === undefined ? true : this.copy(node, target);
    }
    return this.definitions;
  }
}

/**
 * The union of narrowed branches. Branches that differ only in what is not read narrow to the same
 * schema (every branch of a discriminated union has the same `/id`): equal ones are kept once, and
 * a union of one is that schema, which keeps the reader as simple as what the consumer reads.
 */
function anyOf(branches: readonly Json[]): Json {
  if (branches.some((branch) => branch === true)) return true;
  const unique = new Map<string, Json>();
  for (const branch of branches) {
    const key = canonicalJson(branch);
    if (!unique.has(key)) unique.set(key, branch);
  }
  const list = [...unique.values()];
  return list.length === 1 ? (list[0] as Json) : { anyOf: list };
}

function conjoin(kept: Record<string, Json>, conjuncts: readonly Json[]): Json {
  const parts = conjuncts.filter(
    (part) => part !== true && !(isJsonObject(part) && Object.keys(part).length === 0),
  );
  if (parts.includes(false)) return false;
  if (parts.length === 0) return kept;
  if (Object.keys(kept).length === 0 && parts.length === 1) return parts[0] as Json;
  return { ...kept, allOf: [...parts] };
}

function narrowDependencies(
  value: Json | undefined,
  read: (name: string) => boolean,
): Record<string, Json> | undefined {
  if (!isJsonObject(value)) return undefined;
  const out: Record<string, Json> = {};
  for (const [trigger, dependents] of Object.entries(value)) {
    if (!Array.isArray(dependents)) continue;
    const kept = dependents.filter((name) => read(String(name)));
    if (kept.length > 0) out[trigger] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function pinnedValues(schema: Json | undefined): Set<string> | undefined {
  if (!isJsonObject(schema)) return undefined;
  if ("const" in schema) return new Set([canonicalJson(schema.const as Json)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map((value) => canonicalJson(value)));
  return undefined;
}

/** Identity of a trie's content, for the `$ref` cycle guard. */
function trieKey(reads: ReadTrie): string {
  const children = [...reads.children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([token, child]) => `${JSON.stringify(token)}:${trieKey(child)}`);
  return `${reads.whole ? "!" : ""}{${children.join(",")}}`;
}
