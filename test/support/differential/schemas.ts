import type { Rng } from "../../../bench/fixtures/event-schemas.js";
import type { Json, JsonObject } from "../../../contracts/schema/types.js";
import type { DraftShape } from "./drafts.js";

/**
 * Random base schemas over every keyword family the compatibility engine accepts. Each pair of the
 * differential test starts from one of these, focused on one family (so every family gets its
 * share of pairs), and evolves it with mutations.ts.
 */

export type { JsonObject };

/** The `then` keyword, by name: Biome rejects a literal `then` member (it would make a thenable). */
export const THEN = "then";

export const FAMILIES = [
  "type",
  "enum",
  "number",
  "string",
  "array",
  "object",
  "dependencies",
  "combinator",
  "ref",
  "boolean",
  "recursion",
  "unevaluated",
  "mixed",
] as const;

export type Family = (typeof FAMILIES)[number];

/** Families a draft can express (`unevaluated*` needs 2019-09 or later). */
export function familiesOf(shape: DraftShape): Family[] {
  return FAMILIES.filter((family) => family !== "unevaluated" || shape.modern);
}

export const NUMBERS = [0, 1, 2, 3, 2.5, 10, -1, -2.5, 0.1, 0.3, 100, 1e21, 9007199254740992];
export const MULTIPLES = [0.2, 0.01, 1e-3, 0.1, 0.5, 2, 3, 1e21, 1, 1.5];
/** Patterns with the features that trip regex reasoning: `.`, anchors, classes, alternation, none of them. */
export const PATTERNS = [
  "^.*$",
  "^a",
  "a$",
  "^[a-z]+$",
  "^[a-z]*$",
  "^(ab|cd)$",
  "b",
  "^\\d{2,4}$",
  ".",
  "^[^\\n]*$",
  "^a.c$",
  "^\\w+$",
  "^(foo|bar)+",
  "\\s",
  "^$",
  "^[A-Z][a-z]*$",
  "x|y",
  "^.{2,3}$",
  "^[\\s\\S]*$",
  "^\\S+$",
  "^[^a]*$",
  "^\\D+$",
  "^.$",
  "^\\p{L}+$",
  "^a{2,}$",
  "^(?:a|b)*c$",
  "\\bab\\b",
  "^(?=a)",
  "^(a)\\1$",
];
export const FORMATS = ["date-time", "uri", "email", "uuid", "date"];
/**
 * Property names, some spelled like keywords: a map's keys are names, and an engine that reads a
 * property named `$id` or `default` as the keyword compares the wrong thing.
 */
export const NAMES = ["a", "b", "c", "id", "not", "type", "x-y", "$id", "$ref", "default"];
export const TYPES = ["null", "boolean", "integer", "number", "string", "array", "object"];
export const LITERALS: Json[] = [null, true, false, 0, 1, 2.5, -1, "", "a", "b", "\n", [], {}, [1], { a: 1 }];

export interface GenContext {
  readonly rng: Rng;
  readonly shape: DraftShape;
  /** Definitions built so far; `$ref`s point into them. */
  readonly defs: JsonObject;
}

const ref = (ctx: GenContext, name: string): string => `#/${ctx.shape.defsKey}/${name}`;

/** A sub-schema for any position: mostly small leaves, sometimes a nested object or array. */
export function genLeaf(ctx: GenContext, depth: number): Json {
  const { rng } = ctx;
  if (depth <= 0 || rng.chance(0.55)) {
    return rng.pick([
      () => genType(ctx),
      () => genEnum(ctx),
      () => genNumber(ctx),
      () => genString(ctx),
      () => rng.pick<Json>([true, false, {}]),
    ])();
  }
  return rng.pick([
    () => genObject(ctx, depth - 1),
    () => genArray(ctx, depth - 1),
    () => genCombinator(ctx, depth - 1),
  ])();
}

export function genType(ctx: GenContext): JsonObject {
  const { rng } = ctx;
  return rng.chance(0.6) ? { type: rng.pick(TYPES) } : { type: rng.pickSome(TYPES, rng.int(2, 3)).sort() };
}

export function genEnum(ctx: GenContext): JsonObject {
  const { rng } = ctx;
  if (rng.chance(0.3)) return { const: rng.pick(LITERALS) };
  const values = uniqueJson(rng.pickSome(LITERALS, rng.int(1, 4)));
  return rng.chance(0.3)
    ? { type: "string", enum: ["a", "b", "c"].slice(0, rng.int(1, 3)) }
    : { enum: values };
}

export function genNumber(ctx: GenContext): JsonObject {
  const { rng } = ctx;
  const out: JsonObject = { type: rng.pick(["number", "integer", "number"]) };
  const low = rng.pick(NUMBERS);
  if (rng.chance(0.5)) out[rng.chance(0.7) ? "minimum" : "exclusiveMinimum"] = low;
  if (rng.chance(0.5))
    out[rng.chance(0.7) ? "maximum" : "exclusiveMaximum"] = low + rng.pick([1, 3, 10, 0.5]);
  if (rng.chance(0.45)) out.multipleOf = rng.pick(MULTIPLES);
  return out;
}

export function genString(ctx: GenContext): JsonObject {
  const { rng } = ctx;
  const out: JsonObject = { type: "string" };
  if (rng.chance(0.35)) out.minLength = rng.int(0, 3);
  if (rng.chance(0.35)) out.maxLength = rng.int(1, 8);
  if (rng.chance(0.45)) out.pattern = rng.pick(PATTERNS);
  if (rng.chance(0.3)) out.format = rng.pick(FORMATS);
  return out;
}

export function genArray(ctx: GenContext, depth: number): JsonObject {
  const { rng, shape } = ctx;
  const out: JsonObject = { type: "array" };
  if (rng.chance(0.4)) {
    const tuple = Array.from({ length: rng.int(1, 3) }, () => genLeaf(ctx, depth - 1));
    const rest = rng.pick<Json>([false, true, genLeaf(ctx, depth - 1)]);
    if (shape.tuple === "prefixItems") {
      out.prefixItems = tuple;
      if (rng.chance(0.7)) out.items = rest;
    } else {
      out.items = tuple;
      if (rng.chance(0.7)) out.additionalItems = rest;
    }
  } else if (rng.chance(0.8)) {
    out.items = genLeaf(ctx, depth - 1);
  }
  if (rng.chance(0.35)) {
    out.contains = genLeaf(ctx, 0);
    if (shape.modern && rng.chance(0.5)) out.minContains = rng.int(0, 2);
    if (shape.modern && rng.chance(0.4)) out.maxContains = rng.int(1, 3);
  }
  if (rng.chance(0.25)) out.uniqueItems = true;
  if (rng.chance(0.3)) out.minItems = rng.int(0, 2);
  if (rng.chance(0.3)) out.maxItems = rng.int(1, 4);
  return out;
}

export function genObject(ctx: GenContext, depth: number): JsonObject {
  const { rng } = ctx;
  const names = rng.pickSome(NAMES, rng.int(1, 3));
  const out: JsonObject = {
    type: "object",
    properties: Object.fromEntries(names.map((name) => [name, genLeaf(ctx, depth - 1)])),
  };
  if (rng.chance(0.6)) out.required = rng.pickSome(names, rng.int(1, names.length));
  if (rng.chance(0.4)) out.additionalProperties = rng.pick<Json>([false, true, genLeaf(ctx, 0)]);
  if (rng.chance(0.2))
    out.patternProperties = { [rng.pick(["^x", "^[a-c]$", "y", "^.*$"])]: genLeaf(ctx, 0) };
  if (rng.chance(0.15))
    out.propertyNames = rng.pick<Json>([{ pattern: rng.pick(PATTERNS) }, { maxLength: 2 }]);
  if (rng.chance(0.2)) out.minProperties = rng.int(0, 2);
  if (rng.chance(0.2)) out.maxProperties = rng.int(1, 4);
  return out;
}

export function genDependencies(ctx: GenContext, depth: number): JsonObject {
  const { rng, shape } = ctx;
  const out = genObject(ctx, depth);
  const [first = "a", second = "b"] = rng.pickSome(NAMES, 2);
  const names: Json = [second];
  const schema: Json = rng.pick<Json>([
    { required: [second] },
    { properties: { [second]: genLeaf(ctx, 0) } },
    false,
  ]);
  if (shape.dependent) {
    if (rng.chance(0.6)) out.dependentRequired = { [first]: names };
    if (rng.chance(0.6)) out.dependentSchemas = { [first]: schema };
  } else {
    out.dependencies = { [first]: rng.chance(0.5) ? names : schema };
  }
  return out;
}

export function genCombinator(ctx: GenContext, depth: number): JsonObject {
  const { rng } = ctx;
  const branches = () => Array.from({ length: rng.int(1, 3) }, () => genLeaf(ctx, depth - 1));
  return rng.pick([
    () => ({ allOf: branches() }),
    () => ({ anyOf: branches() }),
    () => ({ oneOf: branches() }),
    () => genTaggedUnion(ctx, depth),
    () => genUntypedOneOf(ctx, depth),
    () => ({ not: genLeaf(ctx, depth - 1) }),
    () => ({ ...genType(ctx), not: genLeaf(ctx, 0) }),
    () => {
      const out: JsonObject = { if: genLeaf(ctx, 0) };
      if (rng.chance(0.8)) out[THEN] = genLeaf(ctx, depth - 1);
      if (rng.chance(0.6)) out.else = genLeaf(ctx, depth - 1);
      return out;
    },
  ])();
}

/**
 * A union of objects told apart by a required tag (`action` of a webhook), as published event
 * catalogs write them: a const or enum per alternative, drawn from few values so that some
 * alternatives share one (then they are not told apart), beside other properties.
 */
export function genTaggedUnion(ctx: GenContext, depth: number): JsonObject {
  const { rng } = ctx;
  const tags = ["a", "b", "c"];
  const alternative = (): JsonObject => {
    const tag: Json = rng.chance(0.7)
      ? { const: rng.pick(tags) }
      : { enum: rng.pickSome(tags, rng.int(1, 2)) };
    const out: JsonObject = {
      type: "object",
      properties: { kind: tag, x: genLeaf(ctx, depth - 1) },
      required: rng.chance(0.5) ? ["kind", "x"] : ["kind"],
    };
    if (rng.chance(0.3)) out.additionalProperties = false;
    return out;
  };
  const alternatives = Array.from({ length: rng.int(2, 3) }, alternative);
  return rng.chance(0.5) ? { oneOf: alternatives } : { anyOf: alternatives };
}

/**
 * A `oneOf` whose alternatives constrain one type each and leave the others whole
 * (`{required: [a]}` says nothing of strings), as published schemas write them: a type two
 * alternatives leave whole matches both, so the `oneOf` rejects it outright.
 */
export function genUntypedOneOf(ctx: GenContext, depth: number): JsonObject {
  const { rng } = ctx;
  const alternative = (): Json =>
    rng.pick<() => Json>([
      () => ({ required: [rng.pick(NAMES)] }),
      () => ({ properties: { [rng.pick(NAMES)]: genLeaf(ctx, depth - 1) }, required: [rng.pick(NAMES)] }),
      () => ({ minLength: rng.int(1, 3) }),
      () => ({ minimum: rng.int(0, 2) }),
      () => ({ minItems: 1 }),
      () => genType(ctx),
      () => genLeaf(ctx, depth - 1),
    ])();
  const out: JsonObject = { oneOf: Array.from({ length: rng.int(2, 3) }, alternative) };
  if (rng.chance(0.3)) Object.assign(out, genType(ctx));
  return out;
}

/** `$ref` into the definitions: plain, under `not`, beside siblings, inside combinators. */
export function genRef(ctx: GenContext, depth: number): JsonObject {
  const { rng } = ctx;
  const name = `d${Object.keys(ctx.defs).length}`;
  ctx.defs[name] = genLeaf(ctx, depth - 1);
  const target = { $ref: ref(ctx, name) };
  // A resource embedded under its own `$id` (a bundled companion schema): its fragment references
  // point into itself, never at the root's definition of the same name (a third of the picks:
  // a change inside it is what tells the two readings apart).
  const embedded = (): JsonObject => ({
    $id: `http://accord.test/embedded/${name}.json`,
    type: "object",
    [ctx.shape.defsKey]: { [name]: genLeaf(ctx, depth - 1) },
    properties: { a: target },
    required: ["a"],
  });
  return rng.pick<() => JsonObject>([
    () => target,
    () => ({ not: target }),
    () => ({ not: { not: target } }),
    () => ({ ...target, ...genType(ctx) }),
    () => ({ ...target, not: genLeaf(ctx, 0) }),
    () => ({ ...target, if: genLeaf(ctx, 0), [THEN]: rng.pick<Json>([false, genLeaf(ctx, 0)]) }),
    () => ({ type: "object", properties: { a: target, b: { not: target } } }),
    () => ({ anyOf: [target, genLeaf(ctx, 0)] }),
    () => ({ type: "array", items: target }),
    embedded,
    embedded,
    embedded,
  ])();
}

/** Boolean schemas where sub-schemas go. */
export function genBoolean(ctx: GenContext, depth: number): JsonObject {
  const { rng } = ctx;
  const bool = (): boolean => rng.chance(0.5);
  return rng.pick<() => JsonObject>([
    () => ({ type: "object", properties: { a: bool(), b: genLeaf(ctx, depth - 1) } }),
    () => ({ type: "array", items: bool() }),
    () => ({ additionalProperties: bool(), properties: { a: bool() } }),
    () => ({ not: bool() }),
    () => ({ anyOf: [false, genLeaf(ctx, depth - 1)] }),
    () => ({ allOf: [true, genLeaf(ctx, depth - 1)] }),
    () => ({ if: bool(), [THEN]: bool(), else: bool() }),
    () => ({ contains: bool(), type: "array" }),
  ])();
}

/** Recursive definitions, including recursion extended through `allOf` (issue 11's crash). */
export function genRecursion(ctx: GenContext): JsonObject {
  const { rng } = ctx;
  const key = rng.pick(["not", "next", "a"]);
  if (ctx.shape.draft === "2020-12" && rng.chance(0.4)) {
    // Recursion through $dynamicRef to the document's one $dynamicAnchor of that name.
    ctx.defs.node = {
      $dynamicAnchor: "node",
      type: "object",
      properties: { [key]: { $dynamicRef: "#node" }, v: genLeaf(ctx, 0) },
    };
    return rng.chance(0.5)
      ? { $ref: ref(ctx, "node") }
      : { type: "object", properties: { e: { $dynamicRef: "#node" }, f: { not: { $dynamicRef: "#node" } } } };
  }
  if (ctx.shape.draft === "2019-09" && rng.chance(0.4)) {
    // $recursiveRef: "#" lands on the document's root, whatever holds it.
    return { type: "object", properties: { [key]: { $recursiveRef: "#" }, v: genLeaf(ctx, 0) } };
  }
  ctx.defs.base = { type: "object", properties: { [key]: { $ref: ref(ctx, "base") }, v: genLeaf(ctx, 0) } };
  if (rng.chance(0.5)) {
    ctx.defs.ext = {
      allOf: [{ $ref: ref(ctx, "base") }, { properties: { [key]: { $ref: ref(ctx, "ext") } } }],
    };
    return rng.chance(0.5)
      ? { $ref: ref(ctx, "ext") }
      : { type: "object", properties: { e: { $ref: ref(ctx, "ext") } } };
  }
  if (rng.chance(0.3)) {
    ctx.defs.list = { type: "array", items: { anyOf: [{ $ref: ref(ctx, "list") }, genLeaf(ctx, 0)] } };
    return { $ref: ref(ctx, "list") };
  }
  return { $ref: ref(ctx, "base") };
}

/** `unevaluatedProperties`/`unevaluatedItems` over what siblings, combinators and `$ref`s evaluate. */
export function genUnevaluated(ctx: GenContext, depth: number): JsonObject {
  const { rng, shape } = ctx;
  const closing = (): Json => rng.pick<Json>([false, false, true, genLeaf(ctx, 0)]);
  if (rng.chance(0.5)) {
    const part = (): JsonObject => ({ properties: { [rng.pick(NAMES)]: genLeaf(ctx, depth - 1) } });
    const out: JsonObject = { type: "object", unevaluatedProperties: closing() };
    if (rng.chance(0.5)) Object.assign(out, part());
    rng.pick([
      () => {
        out.allOf = [part(), ...(rng.chance(0.5) ? [part()] : [])];
      },
      () => {
        out.anyOf = [part(), part()];
      },
      () => {
        out.oneOf = [part(), { required: ["zz"], ...part() }];
      },
      () => {
        out.if = part();
        out[THEN] = part();
        if (rng.chance(0.5)) out.else = part();
      },
      () => {
        ctx.defs.shared = part();
        out.$ref = ref(ctx, "shared");
      },
      () => {
        out.dependentSchemas = { [rng.pick(NAMES)]: part() };
      },
      () => {
        out.patternProperties = { "^x": genLeaf(ctx, 0) };
      },
    ])();
    return out;
  }
  const tuple = (): JsonObject => {
    const items = Array.from({ length: rng.int(1, 3) }, () => genLeaf(ctx, 0));
    return shape.tuple === "prefixItems" ? { prefixItems: items } : { items };
  };
  const out: JsonObject = { type: "array", unevaluatedItems: closing() };
  if (rng.chance(0.5)) Object.assign(out, tuple());
  rng.pick([
    () => {
      out.allOf = [tuple()];
    },
    () => {
      out.anyOf = [tuple(), tuple()];
    },
    () => {
      out.if = tuple();
      out[THEN] = tuple();
    },
    () => {
      out.contains = genLeaf(ctx, 0);
    },
    () => {
      ctx.defs.shared = tuple();
      out.$ref = ref(ctx, "shared");
    },
  ])();
  return out;
}

/** A base schema focused on one family: at the root or as a property of an event-like object. */
export function genBase(rng: Rng, shape: DraftShape, family: Family): JsonObject {
  const ctx: GenContext = { rng, shape, defs: {} };
  const focus = genFocus(ctx, family);
  const root: JsonObject = rng.chance(0.5)
    ? focus
    : {
        type: "object",
        properties: { event: focus, id: { type: "string" } },
        required: rng.chance(0.7) ? ["event"] : [],
      };
  // A root with a `$ref` beside definitions is fine in every draft Accord reads (ajv applies both).
  if (Object.keys(ctx.defs).length > 0) root[shape.defsKey] = ctx.defs;
  return root;
}

function genFocus(ctx: GenContext, family: Family): JsonObject {
  const depth = 2;
  const generators: Record<Family, () => JsonObject> = {
    type: () => genType(ctx),
    enum: () => genEnum(ctx),
    number: () => genNumber(ctx),
    string: () => genString(ctx),
    array: () => genArray(ctx, depth),
    object: () => genObject(ctx, depth),
    dependencies: () => genDependencies(ctx, depth),
    combinator: () => genCombinator(ctx, depth),
    ref: () => genRef(ctx, depth),
    boolean: () => genBoolean(ctx, depth),
    recursion: () => genRecursion(ctx),
    unevaluated: () => genUnevaluated(ctx, depth),
    // Families meet in one event, as they do in real schemas: where their reasonings interact.
    mixed: () => {
      const parts = familiesOf(ctx.shape).filter((other) => other !== "mixed");
      const properties = Object.fromEntries(
        ["p0", "p1", "p2"].map((name) => [name, genFocus(ctx, ctx.rng.pick(parts))]),
      );
      const out: JsonObject = {
        type: "object",
        properties,
        required: ctx.rng.pickSome(["p0", "p1", "p2"], 2),
      };
      if (ctx.shape.modern && ctx.rng.chance(0.3)) out.unevaluatedProperties = false;
      else if (ctx.rng.chance(0.3)) out.additionalProperties = false;
      return out;
    },
  };
  return generators[family]();
}

export function uniqueJson(values: readonly Json[]): Json[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
