/**
 * Turns raw schema nodes into the normal form (normal-form.ts): split by instance type, `allOf`
 * and `$ref` folded in as conjunctions, `anyOf`/disjoint `oneOf` as unions, draft differences
 * erased. Results are memoised per node, and sub-schemas stay lazy, so recursive schemas end.
 */
import { isJsonObject } from "../schema/json-value.js";
import type { Json, JsonObject } from "../schema/types.js";
import { NON_VALIDATING_KEYWORDS } from "../schema/vocabulary.js";
import { acceptsBranch, acceptsNormal, type FormatChecker } from "./accepts.js";
import { areDisjoint } from "./disjoint.js";
import type { Holds, SchemaDoc } from "./document.js";
import { conjoinBranches, isEmpty } from "./intersect.js";
import {
  type ArrayBranch,
  type Bound,
  type Branch,
  type ContainsRule,
  INSTANCE_TYPES,
  type InstanceType,
  type Lazy,
  type Normal,
  type NumberBranch,
  type ObjectBranch,
  type Opaque,
  type OpaqueParts,
  type Origin,
} from "./normal-form.js";
import { evaluatedItems, evaluatedProperties } from "./unevaluated.js";
import { typeOfValue, valueKey } from "./values.js";

/** Keywords that constrain the node itself, split by instance type in `local()`. */
const LOCAL = new Set([
  "type",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "items",
  "prefixItems",
  "additionalItems",
  "minItems",
  "maxItems",
  "uniqueItems",
  "contains",
  "minContains",
  "maxContains",
  "properties",
  "patternProperties",
  "additionalProperties",
  "required",
  "minProperties",
  "maxProperties",
  "propertyNames",
  "dependentRequired",
  "dependencies",
]);

/** Keywords that combine or point at other schemas, folded in `buildExpanded()`. */
const COMPOSING = [
  "unevaluatedProperties",
  "unevaluatedItems",
  "$ref",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "$recursiveRef",
  "$dynamicRef",
  "dependentSchemas",
];

/** Keywords the normaliser folds; anything else (but annotations and x-*) becomes an opaque constraint. */
const FOLDED = new Set([...LOCAL, ...COMPOSING]);

/** More branches than this from nested unions and the engine stops expanding (kept opaque instead). */
const MAX_BRANCHES = 64;

let normalCounter = 0;

export interface NormalizeOptions {
  /** Accepts a known format name for this draft (unknown formats are annotations, as in ajv). */
  readonly isKnownFormat: (name: string) => boolean;
  /** Checks a string against a format, exactly as ajv does. */
  readonly checkFormat: (name: string, value: string) => boolean;
  /** A format ajv applies to numbers (ajv-formats' int32, int64, float, double). */
  readonly isNumberFormat: (name: string) => boolean;
}

export class Normalizer {
  private readonly memo = new Map<string, Normal>();
  private readonly inProgress = new Set<string>();
  private readonly nodeIds = new WeakMap<object, number>();
  private nextNodeId = 0;
  readonly top: Normal;
  readonly bottom: Normal;
  private readonly trueLazy: Lazy;
  private readonly annotations: ReadonlySet<string>;

  constructor(
    readonly doc: SchemaDoc,
    readonly options: NormalizeOptions,
    /** Read objects without additionalProperties as closed (the writer under writersEmitOnlyDeclared). */
    private readonly closeOpenObjects = false,
    /** Keywords the user declared non-validating (CompareOptions.annotationKeywords). */
    annotationKeywords: readonly string[] = [],
  ) {
    this.annotations = new Set(annotationKeywords);
    const origin = { doc, pointer: "#" };
    this.trueLazy = { key: "true", shape: "true", get: () => this.top };
    this.top = {
      id: ++normalCounter,
      origin,
      branches: INSTANCE_TYPES.map((type) => this.emptyBranch(type, origin)),
    };
    this.bottom = { id: ++normalCounter, origin, branches: [] };
  }

  wholeBranch(branch: Branch): Opaque {
    return this.keptWhole([branch.origin], branch.origin, "allOf");
  }

  /**
   * The schemas at `origins`, together, as one constraint ajv decides: where the normal form
   * cannot hold them exactly (too many alternatives, an inexact merge of pattern properties).
   */
  private keptWhole(origins: readonly Origin[], origin: Origin, keyword: string): Opaque {
    const places = origins.map((o) => o.pointer).join("&");
    const meanings = origins.map((o) => this.meaningKey([[resolveOrigin(o), "schema"]], o)).join("&");
    return {
      kind: "combination",
      keyword,
      origin,
      key: `combination:${places}:${meanings}`,
      accepts: (value) => origins.every((o) => o.doc.validatesAt(o.pointer, value) ?? true),
      parts: {},
    };
  }

  /** A lazy handle on a node: normalised the first time it is needed. */
  lazy(node: Json | undefined): Lazy {
    if (node === undefined || node === true) return this.trueLazy;
    if (node === false) return this.lazyOf("false", () => this.bottom);
    const key = this.keyOf(node);
    return this.lazyOf(key, () => this.normalize(node), this.doc.shapeOf(node));
  }

  /** The conjunction of several lazy sub-schemas (properties merged from allOf members). */
  lazyAll(parts: readonly Lazy[]): Lazy {
    // Flattened, so a recursive schema extended by allOf (s = base ∧ {p: s}) conjoins the same
    // finite set of atoms at every depth and its key repeats, which ends the recursion.
    const atoms = parts.flatMap((part) => part.members ?? [part]);
    const distinct = [...new Map(atoms.map((part) => [part.key, part])).values()].filter(
      (p) => p.key !== "true",
    );
    if (distinct.length === 0) return this.lazy(true);
    if (distinct.length === 1) return distinct[0] as Lazy;
    if (distinct.some((p) => p.key === "false")) return this.lazy(false);
    const key = `all(${distinct
      .map((p) => p.key)
      .sort()
      .join(",")})`;
    return this.lazyOf(
      key,
      () => {
        const normals = distinct.map((part) => part.get());
        const origin = normals[0]?.origin ?? this.top.origin;
        return this.remember(key, () => {
          try {
            return this.conjoin(normals, origin);
          } catch (error) {
            if (!(error instanceof TooManyBranches)) throw error;
            return this.asWhole(
              normals.map((n) => n.origin),
              origin,
            );
          }
        });
      },
      undefined,
      distinct,
    );
  }

  normalize(node: Json): Normal {
    if (node === true || node === undefined) return this.top;
    if (node === false || !isJsonObject(node)) return this.bottom;
    const key = this.keyOf(node);
    return this.remember(key, () => {
      const built = this.build(node);
      const shape = this.doc.shapeOf(node);
      return shape === undefined ? built : { ...built, id: ++normalCounter, shape };
    });
  }

  private lazyOf(key: string, compute: () => Normal, shape?: string, members?: readonly Lazy[]): Lazy {
    let value: Normal | undefined;
    return {
      key,
      shape,
      members,
      get: () => {
        value ??= compute();
        return value;
      },
    };
  }

  private keyOf(node: Json): string {
    if (!isJsonObject(node)) return String(node);
    let id = this.nodeIds.get(node);
    if (id === undefined) {
      id = ++this.nextNodeId;
      this.nodeIds.set(node, id);
    }
    return `n${id}`;
  }

  private remember(key: string, compute: () => Normal): Normal {
    const known = this.memo.get(key);
    if (known) return known;
    // A schema that reaches itself through $ref/allOf alone (no property or item in between)
    // constrains nothing more on the second visit.
    if (this.inProgress.has(key)) return this.top;
    this.inProgress.add(key);
    try {
      const result = compute();
      this.memo.set(key, result);
      return result;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private originOf(node: Json): Origin {
    return { doc: this.doc, pointer: this.doc.pointerOf(node) ?? "#" };
  }

  private build(node: JsonObject): Normal {
    try {
      return this.buildExpanded(node);
    } catch (error) {
      if (!(error instanceof TooManyBranches)) throw error;
      return this.asWhole([{ doc: this.doc, pointer: this.originOf(node).pointer }], this.originOf(node));
    }
  }

  /**
   * A schema whose alternatives multiply past MAX_BRANCHES: every type, constrained by the whole
   * schema as one opaque constraint (ajv decides it). A larger writer keeps proofs sound; a reader
   * must meet it through an identical constraint or an example.
   */
  private asWhole(origins: readonly Origin[], origin: Origin): Normal {
    const constraint = this.keptWhole(origins, origin, "anyOf");
    return {
      id: ++normalCounter,
      origin,
      branches: this.top.branches.map((branch) => ({ ...branch, opaque: [constraint] })),
    };
  }

  private buildExpanded(node: JsonObject): Normal {
    const origin = this.originOf(node);
    const opaque: Opaque[] = [];
    // A node with no keyword of its own (a bare $ref, an allOf wrapper) adds nothing to intersect.
    const conjuncts: Normal[] = Object.keys(node).some((k) => LOCAL.has(k)) ? [this.local(node, origin)] : [];

    if (typeof node.$ref === "string") {
      const target = this.doc.resolve(node.$ref, node);
      if (target === undefined) opaque.push(this.opaque("dynamic-ref", node, "$ref", origin));
      else conjuncts.push(this.normalize(target));
    }
    if (Array.isArray(node.allOf)) for (const member of node.allOf) conjuncts.push(this.normalize(member));
    if (Array.isArray(node.anyOf))
      conjuncts.push(
        this.union(
          node.anyOf.map((m) => this.normalize(m)),
          origin,
        ),
      );
    if (Array.isArray(node.oneOf))
      conjuncts.push(
        this.exactlyOne(
          node.oneOf.map((m) => this.normalize(m)),
          node,
          origin,
        ),
      );
    if (node.not !== undefined) {
      const complement = this.complement(node.not);
      if (complement) conjuncts.push(complement);
      else opaque.push(this.opaque("not", node, "not", origin));
    }
    if (node.if !== undefined && (node.then !== undefined || node.else !== undefined)) {
      opaque.push(this.opaque("condition", node, "if/then/else", origin));
    }
    for (const keyword of ["$recursiveRef", "$dynamicRef"] as const) {
      const ref = node[keyword];
      if (ref === undefined) continue;
      // Within one document the dynamic scope holds only this document, so the reference lands
      // on its own anchor (or the root for $recursiveRef), exactly like a $ref.
      const target = typeof ref === "string" ? this.doc.resolveDynamic(keyword, ref, node) : undefined;
      if (target === undefined) opaque.push(this.opaque("dynamic-ref", node, keyword, origin));
      else conjuncts.push(this.normalize(target));
    }
    for (const keyword of ["unevaluatedProperties", "unevaluatedItems"] as const) {
      // Draft-07 has no such keyword (ajv's draft-07 vocabulary ignores it): an annotation there.
      // A `true` (or empty) one accepts whatever is left, so it constrains nothing either.
      const value = node[keyword];
      if (value === undefined || value === true || this.doc.draft === "draft-07") continue;
      if (isJsonObject(value) && Object.keys(value).every((k) => this.isAnnotation(k))) continue;
      const exact = this.unevaluated(keyword, node, origin);
      if (exact) conjuncts.push(exact);
      else opaque.push(this.opaque("unevaluated", node, keyword, origin));
    }
    const dependencySchemas = dependentSchemasOf(node);
    const forbidden = this.forbiddenByDependents(dependencySchemas, origin);
    if (forbidden) conjuncts.push(forbidden);
    else if (dependencySchemas.length > 0)
      opaque.push(this.opaque("dependent-schema", node, "dependentSchemas", origin));
    for (const keyword of Object.keys(node)) {
      if (!FOLDED.has(keyword) && !this.isAnnotation(keyword)) {
        opaque.push(this.opaque("unknown-keyword", node, keyword, origin));
      }
    }

    const merged = this.conjoin(conjuncts, origin);
    if (opaque.length === 0) return merged;
    // A new normal form: the merged one may be a referenced schema's own (its id and shape must
    // not stand for this node, which constrains more).
    return {
      id: ++normalCounter,
      origin: merged.origin,
      branches: merged.branches.map((branch) => ({ ...branch, opaque: [...branch.opaque, ...opaque] })),
    };
  }

  /**
   * dependentSchemas (or schema-valued dependencies) whose every schema accepts nothing: an object
   * with such a key is rejected, which is exactly `properties: {key: false}`. Undefined otherwise.
   */
  private forbiddenByDependents(entries: readonly Json[], origin: Origin): Normal | undefined {
    if (entries.length === 0) return undefined;
    const names: string[] = [];
    for (const entry of entries) {
      for (const [name, schema] of Object.entries(entry as JsonObject)) {
        if (this.normalize(schema).branches.length > 0) return undefined;
        names.push(name);
      }
    }
    const falseLazy = this.lazy(false);
    const branch: ObjectBranch = {
      ...(this.emptyBranch("object", origin) as ObjectBranch),
      properties: new Map(names.map((name) => [name, falseLazy])),
    };
    return {
      id: ++normalCounter,
      origin,
      branches: this.top.branches.map((other) => (other.type === "object" ? branch : other)),
    };
  }

  /**
   * unevaluatedProperties / unevaluatedItems as the additionalProperties / items they amount to
   * when what is evaluated beside them is fixed (unevaluated.ts); undefined when it is not.
   */
  private unevaluated(
    keyword: "unevaluatedProperties" | "unevaluatedItems",
    node: JsonObject,
    origin: Origin,
  ): Normal | undefined {
    const resolve = (ref: string, from: Json) => this.doc.resolve(ref, from);
    let branch: Branch;
    if (keyword === "unevaluatedProperties") {
      const evaluated = evaluatedProperties(node, resolve);
      if (!evaluated) return undefined;
      if (evaluated.all) return this.top;
      branch = {
        ...(this.emptyBranch("object", origin) as ObjectBranch),
        properties: new Map([...evaluated.names].map((name) => [name, this.trueLazy])),
        patternProperties: evaluated.patterns.map((pattern) => ({ pattern, schema: this.trueLazy })),
        additional: this.lazy(node.unevaluatedProperties),
        additionalKeyword: keyword,
      };
    } else {
      const evaluated = evaluatedItems(node, resolve);
      if (!evaluated) return undefined;
      if (evaluated.all) return this.top;
      branch = {
        ...(this.emptyBranch("array", origin) as ArrayBranch),
        prefix: Array.from({ length: evaluated.prefix }, () => this.trueLazy),
        items: this.lazy(node.unevaluatedItems),
        itemsKeyword: keyword,
      };
    }
    return {
      id: ++normalCounter,
      origin,
      branches: this.top.branches.map((other) => (other.type === branch.type ? branch : other)),
    };
  }

  private opaque(kind: Opaque["kind"], node: JsonObject, keyword: string, origin: Origin): Opaque {
    const doc = this.doc;
    const pointer = origin.pointer;
    // The nodes that give the constraint its meaning, and what each is. Unevaluated* depends on
    // every sibling applicator, so its meaning is the whole node's; so is an unresolved
    // reference's, which then has none (the same `$ref` text means nothing across documents).
    const meaning: [Json | undefined, Holds][] =
      kind === "condition"
        ? [
            [node.if, "schema"],
            [node.then, "schema"],
            [node.else, "schema"],
          ]
        : kind === "dependent-schema"
          ? [
              [node.dependentSchemas, "map"],
              [node.dependencies, "map"],
            ]
          : kind === "unevaluated" || kind === "dynamic-ref"
            ? [[node, "schema"]]
            : kind === "one-of"
              ? [[node[keyword], "schemas"]]
              : kind === "not"
                ? [[node[keyword], "schema"]]
                : [[node[keyword], "data"]];
    return {
      kind,
      keyword,
      origin,
      key: `${kind}:${keyword}:${this.meaningKey(meaning, origin)}`,
      accepts: (value) => doc.validatesAt(pointer, value) ?? true,
      parts: this.opaqueParts(kind, node),
    };
  }

  /**
   * A key equal on both sides only when the constraint means the same: the canonical text of its
   * nodes with references expanded (SchemaDoc.meaningOf; the same `$ref` text can point at
   * different schemas in two versions), else a key unique to its place in this document.
   */
  private meaningKey(nodes: readonly [Json | undefined, Holds][], origin: Origin): string {
    const shapes = nodes.map(([node, holds]) => (node === undefined ? "-" : this.doc.meaningOf(node, holds)));
    if (shapes.some((shape) => shape === undefined)) return `${this.doc.id}${origin.pointer}`;
    return `${this.doc.draft}:${shapes.join("|")}`;
  }

  private opaqueParts(kind: Opaque["kind"], node: JsonObject): OpaqueParts {
    const optional = (schema: Json | undefined) => (schema === undefined ? undefined : this.lazy(schema));
    switch (kind) {
      case "condition":
        return {
          condition: optional(node.if),
          consequent: optional(node.then),
          alternative: optional(node.else),
        };
      case "not":
        return { not: optional(node.not) };
      case "one-of":
        return { members: Array.isArray(node.oneOf) ? node.oneOf.map((m) => this.lazy(m)) : [] };
      case "dependent-schema":
        return {
          dependents: dependentSchemasOf(node).flatMap((entry) =>
            Object.entries(entry as JsonObject).map(([name, schema]) => ({
              name,
              schema: this.lazy(schema),
            })),
          ),
        };
      default:
        return {};
    }
  }

  /** The local keywords of one node, split by instance type. */
  private local(node: JsonObject, origin: Origin): Normal {
    const values = allowedValues(node);
    // An enum without `type` only needs the branches its values live in.
    const types =
      values && node.type === undefined
        ? declaredTypes([...new Set(values.map(typeOfValue))])
        : declaredTypes(node.type);
    const branches: Branch[] = [];
    for (const type of types) {
      const branch = this.localBranch(type.type, type.integer, node, origin);
      if (branch && !isEmpty(branch)) branches.push(branch);
    }
    let result: Normal = { id: ++normalCounter, origin, branches };
    if (values) {
      result = {
        ...result,
        branches: result.branches.flatMap((branch) => {
          const own = values.filter((value) => typeOfValue(value) === branch.type);
          return own.length === 0 ? [] : [{ ...branch, values: own } as Branch];
        }),
      };
    }
    return result;
  }

  private localBranch(
    type: InstanceType,
    integer: boolean,
    node: JsonObject,
    origin: Origin,
  ): Branch | undefined {
    const base = { origin, notValues: [], opaque: [] };
    switch (type) {
      case "null":
      case "boolean":
        return { ...base, type };
      case "number":
        return this.numberFormat(node, origin, {
          ...base,
          type,
          integer,
          min: lowerBound(node, origin),
          max: upperBound(node, origin),
          multipleOf: typeof node.multipleOf === "number" ? [{ value: node.multipleOf, origin }] : [],
        });
      case "string":
        return {
          ...base,
          type,
          minLength: typeof node.minLength === "number" ? node.minLength : 0,
          maxLength: typeof node.maxLength === "number" ? node.maxLength : undefined,
          lengthOrigin: origin,
          patterns: typeof node.pattern === "string" ? [{ source: node.pattern, origin }] : [],
          formats:
            typeof node.format === "string" && this.options.isKnownFormat(node.format)
              ? [{ name: node.format, origin }]
              : [],
        };
      case "array":
        return this.arrayBranch(node, origin, base);
      case "object":
        return this.objectBranch(node, base);
    }
  }

  /**
   * ajv-formats' number formats as what they test: int32 an integer within 32 bits, int64 any
   * integer, float and double nothing. Another number format (a plugin's) stays opaque.
   */
  private numberFormat(node: JsonObject, origin: Origin, branch: NumberBranch): Branch {
    const name = node.format;
    if (typeof name !== "string" || !this.options.isNumberFormat(name)) return branch;
    if (name === "float" || name === "double") return branch;
    if (name === "int64") return { ...branch, integer: true };
    if (name === "int32") {
      const int32 = conjoinBranches(
        branch,
        {
          ...branch,
          integer: true,
          min: { value: -(2 ** 31), exclusive: false, origin },
          max: { value: 2 ** 31 - 1, exclusive: false, origin },
          multipleOf: [],
        },
        this,
      );
      return int32 ?? { ...branch, values: [] };
    }
    return { ...branch, opaque: [...branch.opaque, this.opaque("unknown-keyword", node, "format", origin)] };
  }

  private arrayBranch(
    node: JsonObject,
    origin: Origin,
    base: Pick<Branch, "origin" | "notValues" | "opaque">,
  ) {
    // Draft-07/2019-09 tuples (`items: [...]` + additionalItems) and 2020-12 prefixItems + items mean the same.
    let prefix: Json[] = [];
    let rest: Json | undefined;
    if (Array.isArray(node.prefixItems)) {
      prefix = node.prefixItems;
      rest = node.items;
    } else if (Array.isArray(node.items)) {
      prefix = node.items;
      rest = node.additionalItems;
    } else {
      rest = node.items;
    }
    const contains: ContainsRule[] = [];
    if (node.contains !== undefined) {
      contains.push({
        schema: this.lazy(node.contains),
        min: typeof node.minContains === "number" ? node.minContains : 1,
        max: typeof node.maxContains === "number" ? node.maxContains : undefined,
        origin,
      });
    }
    const branch: ArrayBranch = {
      ...base,
      type: "array",
      prefix: prefix.map((item) => this.lazy(item)),
      items: this.lazy(rest),
      minItems: typeof node.minItems === "number" ? node.minItems : 0,
      maxItems: typeof node.maxItems === "number" ? node.maxItems : undefined,
      unique: node.uniqueItems === true,
      uniqueLoose: node.uniqueItems === true && prefix.length > 0 && typedPrimitiveItems(rest),
      contains,
    };
    return branch;
  }

  private objectBranch(
    node: JsonObject,
    base: Pick<Branch, "origin" | "notValues" | "opaque">,
  ): ObjectBranch {
    const properties = new Map<string, Lazy>();
    if (isJsonObject(node.properties)) {
      for (const [name, schema] of Object.entries(node.properties)) properties.set(name, this.lazy(schema));
    }
    const patternProperties = isJsonObject(node.patternProperties)
      ? Object.entries(node.patternProperties).map(([pattern, schema]) => ({
          pattern,
          schema: this.lazy(schema),
        }))
      : [];
    const dependentRequired = new Map<string, string[]>();
    const dependencySources = [node.dependentRequired, node.dependencies];
    for (const source of dependencySources) {
      if (!isJsonObject(source)) continue;
      for (const [name, needs] of Object.entries(source)) {
        if (Array.isArray(needs)) {
          dependentRequired.set(name, [
            ...(dependentRequired.get(name) ?? []),
            ...needs.filter((n): n is string => typeof n === "string"),
          ]);
        }
      }
    }
    const branch: ObjectBranch = {
      ...base,
      type: "object",
      properties,
      patternProperties,
      additional: this.lazy(node.additionalProperties ?? (this.closeOpenObjects ? false : undefined)),
      required: new Set(
        Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === "string") : [],
      ),
      minProperties: typeof node.minProperties === "number" ? node.minProperties : 0,
      maxProperties: typeof node.maxProperties === "number" ? node.maxProperties : undefined,
      propertyNames: node.propertyNames === undefined ? undefined : this.lazy(node.propertyNames),
      dependentRequired,
    };
    return branch;
  }

  union(members: readonly Normal[], origin: Origin): Normal {
    const branches = members.flatMap((member) => member.branches);
    if (branches.length > MAX_BRANCHES) throw new TooManyBranches();
    return { id: ++normalCounter, origin, branches };
  }

  /**
   * `oneOf`, decided one instance type at a time. A type that two alternatives accept whole is
   * rejected outright (each of its values matches both); a type on which the alternatives are
   * pairwise disjoint is their exact union; only the types where they may overlap keep the
   * `oneOf` as an opaque constraint (ajv decides). Published schemas often leave alternatives
   * untyped (`oneOf: [{required: [license]}, {required: [expression]}]`): every non-object then
   * matches both, so the `oneOf` admits objects only, which the engine now knows exactly.
   */
  private exactlyOne(members: readonly Normal[], node: JsonObject, origin: Origin): Normal {
    const union = this.union(members, origin);
    const rejected = new Set<InstanceType>();
    const overlapping = new Set<InstanceType>();
    for (const type of INSTANCE_TYPES) {
      const ofType = members
        .map((member) => member.branches.filter((branch) => branch.type === type))
        .filter((branches) => branches.length > 0);
      const whole = ofType.filter((branches) => branches.some((branch) => this.acceptsWholeType(branch)));
      if (whole.length >= 2) rejected.add(type);
      else if (
        !pairwiseDisjoint(
          ofType.map((branches) => ({ id: ++normalCounter, origin, branches })),
          this.options,
        )
      )
        overlapping.add(type);
    }
    if (rejected.size === 0 && overlapping.size === 0) return union;
    const constraint = this.opaque("one-of", node, "oneOf", origin);
    return {
      id: ++normalCounter,
      origin,
      branches: union.branches
        .filter((branch) => !rejected.has(branch.type))
        .map((branch) =>
          overlapping.has(branch.type) ? { ...branch, opaque: [...branch.opaque, constraint] } : branch,
        ),
    };
  }

  /**
   * Whether a branch accepts every value of its type (no constraint at all). Never one of `top`'s
   * own branches: a schema met again while it is being normalised stands as `top` (exact where
   * it is conjoined, not inside an alternative), so those prove nothing here.
   */
  private acceptsWholeType(branch: Branch): boolean {
    if (this.top.branches.includes(branch)) return false;
    if (branch.values || branch.notValues.length > 0 || branch.opaque.length > 0) return false;
    switch (branch.type) {
      case "null":
      case "boolean":
        return true;
      case "number":
        return !branch.integer && !branch.min && !branch.max && branch.multipleOf.length === 0;
      case "string":
        return (
          branch.minLength === 0 &&
          branch.maxLength === undefined &&
          branch.patterns.length === 0 &&
          branch.formats.length === 0
        );
      case "array":
        return (
          branch.prefix.length === 0 &&
          branch.items === this.trueLazy &&
          branch.minItems === 0 &&
          branch.maxItems === undefined &&
          !branch.unique &&
          branch.contains.length === 0
        );
      case "object":
        return (
          branch.properties.size === 0 &&
          branch.patternProperties.length === 0 &&
          branch.additional === this.trueLazy &&
          branch.required.size === 0 &&
          branch.minProperties === 0 &&
          branch.maxProperties === undefined &&
          branch.propertyNames === undefined &&
          branch.dependentRequired.size === 0
        );
    }
  }

  conjoin(parts: readonly Normal[], origin: Origin): Normal {
    if (parts.length === 0) return this.top;
    if (parts.length === 1) return parts[0] as Normal;
    let branches: readonly Branch[] = this.top.branches;
    let first = true;
    for (const part of parts) {
      if (first) {
        branches = part.branches;
        first = false;
        continue;
      }
      const next: Branch[] = [];
      for (const left of branches) {
        for (const right of part.branches) {
          const both = conjoinBranches(left, right, this);
          if (both) next.push(both);
        }
      }
      if (next.length > MAX_BRANCHES) throw new TooManyBranches();
      branches = next;
    }
    const checked = branches.flatMap((branch) => {
      if (!branch.values) return [branch];
      const kept = branch.values.filter((value) =>
        acceptsBranch(branch, value, this.options, { ignoreValues: true }),
      );
      return kept.length === 0 ? [] : [{ ...branch, values: kept } as Branch];
    });
    return { id: ++normalCounter, origin, branches: checked };
  }

  /**
   * `not` of a type list or of an enum/const folds exactly, as does `not` of a bare `$ref` to
   * such a schema and a double `not`; anything else stays opaque.
   */
  private complement(node: Json, depth = 0): Normal | undefined {
    if (node === true) return this.bottom;
    if (node === false) return this.top;
    if (!isJsonObject(node) || depth > 16) return undefined;
    const keys = Object.keys(node).filter((k) => !this.isAnnotation(k));
    if (keys.length === 0) return this.bottom;
    if (keys.length === 1 && keys[0] === "$ref" && typeof node.$ref === "string") {
      const target = this.doc.resolve(node.$ref, node);
      return target === undefined ? undefined : this.complement(target, depth + 1);
    }
    if (keys.length === 1 && keys[0] === "not") return this.normalize(node.not as Json);
    const origin = this.originOf(node);
    if (keys.length === 1 && keys[0] === "type") {
      const excluded = declaredTypes(node.type);
      if (excluded.some((t) => t.type === "number" && t.integer)) return undefined;
      const kept = INSTANCE_TYPES.filter((type) => !excluded.some((t) => t.type === type));
      return { id: ++normalCounter, origin, branches: kept.map((type) => this.emptyBranch(type, origin)) };
    }
    if (keys.length === 1 && (keys[0] === "enum" || keys[0] === "const")) {
      const values = allowedValues(node) ?? [];
      return {
        id: ++normalCounter,
        origin,
        branches: INSTANCE_TYPES.map((type) => ({ ...this.emptyBranch(type, origin), notValues: values })),
      };
    }
    return undefined;
  }

  /** Standard annotations, vendor `x-*` keywords and the ones the user declared: never validating. */
  private isAnnotation(keyword: string): boolean {
    return NON_VALIDATING_KEYWORDS.has(keyword) || keyword.startsWith("x-") || this.annotations.has(keyword);
  }

  /** An unconstrained branch of one type. */
  emptyBranch(type: InstanceType, origin: Origin): Branch {
    const base = { origin, notValues: [] as Json[], opaque: [] as Opaque[] };
    switch (type) {
      case "null":
      case "boolean":
        return { ...base, type };
      case "number":
        return { ...base, type, integer: false, multipleOf: [] };
      case "string":
        return { ...base, type, minLength: 0, patterns: [], formats: [] };
      case "array":
        return { ...base, type, prefix: [], items: this.trueLazy, minItems: 0, unique: false, contains: [] };
      case "object":
        return {
          ...base,
          type,
          properties: new Map(),
          patternProperties: [],
          additional: this.trueLazy,
          required: new Set(),
          minProperties: 0,
          dependentRequired: new Map(),
        };
    }
  }

  /** Whether a value is valid under a normal form (used to filter enums and to search examples). */
  accepts(normal: Normal, value: Json): boolean {
    return acceptsNormal(normal, value, this.options);
  }
}

/** A tail `items` schema declaring only primitive types: where ajv's uniqueItems takes a shortcut. */
function typedPrimitiveItems(items: Json | undefined): boolean {
  if (!isJsonObject(items) || items.type === undefined) return false;
  const types = Array.isArray(items.type) ? items.type : [items.type];
  return types.length > 0 && !types.some((type) => type === "object" || type === "array");
}

function declaredTypes(type: Json | undefined): { type: InstanceType; integer: boolean }[] {
  if (type === undefined) return INSTANCE_TYPES.map((t) => ({ type: t, integer: false }));
  const names = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
  const hasNumber = names.includes("number");
  const result: { type: InstanceType; integer: boolean }[] = [];
  for (const name of new Set(names)) {
    if (name === "integer") {
      if (!hasNumber) result.push({ type: "number", integer: true });
    } else if ((INSTANCE_TYPES as readonly string[]).includes(name)) {
      result.push({ type: name as InstanceType, integer: false });
    }
  }
  return result;
}

function allowedValues(node: JsonObject): Json[] | undefined {
  let values: Json[] | undefined = Array.isArray(node.enum) ? node.enum : undefined;
  if (node.const !== undefined) {
    const constKey = valueKey(node.const);
    values = values ? values.filter((v) => valueKey(v) === constKey) : [node.const];
  }
  if (!values) return undefined;
  return [...new Map(values.map((v) => [valueKey(v), v])).values()];
}

function lowerBound(node: JsonObject, origin: Origin): Bound | undefined {
  const inclusive = typeof node.minimum === "number" ? node.minimum : undefined;
  const exclusive = typeof node.exclusiveMinimum === "number" ? node.exclusiveMinimum : undefined;
  if (inclusive === undefined && exclusive === undefined) return undefined;
  if (exclusive !== undefined && (inclusive === undefined || exclusive >= inclusive)) {
    return { value: exclusive, exclusive: true, origin };
  }
  return { value: inclusive as number, exclusive: false, origin };
}

function upperBound(node: JsonObject, origin: Origin): Bound | undefined {
  const inclusive = typeof node.maximum === "number" ? node.maximum : undefined;
  const exclusive = typeof node.exclusiveMaximum === "number" ? node.exclusiveMaximum : undefined;
  if (inclusive === undefined && exclusive === undefined) return undefined;
  if (exclusive !== undefined && (inclusive === undefined || exclusive <= inclusive)) {
    return { value: exclusive, exclusive: true, origin };
  }
  return { value: inclusive as number, exclusive: false, origin };
}

function dependentSchemasOf(node: JsonObject): Json[] {
  const result: Json[] = [];
  for (const source of [node.dependentSchemas, node.dependencies]) {
    if (!isJsonObject(source)) continue;
    for (const [name, value] of Object.entries(source)) {
      if (!Array.isArray(value)) result.push({ [name]: value });
    }
  }
  return result;
}

function pairwiseDisjoint(members: readonly Normal[], formats: FormatChecker): boolean {
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      if (!areDisjoint(members[i] as Normal, members[j] as Normal, formats)) return false;
    }
  }
  return true;
}

/** Raised while expanding alternatives past MAX_BRANCHES; the node is then kept whole (asWhole). */
class TooManyBranches extends Error {}

function resolveOrigin(origin: Origin): Json {
  return origin.doc.resolve(origin.pointer) ?? null;
}
