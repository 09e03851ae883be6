import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRng } from "../../../bench/fixtures/event-schemas.js";
import {
  type CompatReport,
  compareSchemas,
  type Direction,
  type Verdict,
} from "../../../contracts/compat/index.js";
import { guardedValidatorFor } from "../../../contracts/schema/ajv.js";
import type { Draft, Json, SchemaDocument } from "../../../contracts/schema/types.js";
import { seedOf } from "../sampling.js";
import { DRAFT_SHAPES, type DraftShape, withDraft } from "./drafts.js";
import { candidates, type SearchBudget } from "./instances.js";
import type { SoundnessCase } from "./known.js";
import { minimise } from "./minimise.js";
import { mutate } from "./mutations.js";
import { type Family, familiesOf, genBase, type JsonObject } from "./schemas.js";

/**
 * The differential soundness check of the compatibility engine: a generated pair (a base schema
 * and its mutation), each direction's verdict checked against ajv on hundreds of instances built
 * from both schemas. Wrong: a `compatible` with an instance the writer accepts and the reader
 * rejects, or a finding whose example does not break. The engine and ajv are judged with the same
 * validators (contracts/schema/ajv.ts), so any disagreement is the engine's.
 */

export interface Pair {
  /** `<seed>:<index>`: replays the pair. */
  readonly id: string;
  readonly draft: Draft;
  /** The family the base schema focuses on. */
  readonly family: Family;
  readonly a: Json;
  readonly b: Json;
}

export type Outcome =
  /** The verdict held up (or is `undetermined`). */
  | "ok"
  | "wrong-compatible"
  | "bogus-example"
  /** The engine threw. */
  | "crash"
  /** The process died (V8 aborted): only a child process can observe it, see fatalOutcome. */
  | "fatal";

export interface DirectionResult {
  readonly pair: Pair;
  readonly direction: Direction;
  readonly verdict?: Verdict;
  readonly outcome: Outcome;
  /** Writer-valid, reader-invalid, for wrong `compatible`s and for `undetermined` directions the search settled. */
  readonly counterexample?: Json;
  /** For a bogus example: the finding's rule and example. */
  readonly finding?: { readonly rule: string; readonly example: Json };
  readonly error?: string;
}

/** Documents as the engine receives them: the pair's draft, never guessed. */
export function documentOf(root: Json, draft: Draft, source: string): SchemaDocument {
  return { root, draft, draftAssumed: false, source };
}

/** Both schemas of a pair must compile, and differ; else the generator tries again. */
function usable(shape: DraftShape, a: Json, b: Json): boolean {
  if (JSON.stringify(a) === JSON.stringify(b)) return false;
  for (const root of [a, b]) {
    const validate = guardedValidatorFor(root, shape.draft);
    if (validate(null) === undefined) return false;
  }
  return true;
}

/** The pair at an index of a seeded run: deterministic, independent of every other index. */
export function generatePair(seed: number, index: number): Pair {
  const id = `${seed}:${index}`;
  const rng = createRng(seedOf(id));
  const shape = DRAFT_SHAPES[index % DRAFT_SHAPES.length] as DraftShape;
  const families = familiesOf(shape);
  const family = families[Math.floor(index / DRAFT_SHAPES.length) % families.length] as Family;
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = genBase(rng, shape, family);
    // Mostly one to three edits, as one release makes; now and then an unrelated schema of the
    // same family, whose relation to the base nobody designed.
    const edits = rng.chance(0.6) ? 1 : rng.chance(0.6) ? 2 : 3;
    const next = rng.chance(0.1) ? genBase(rng, shape, family) : mutate(rng, shape, base, edits);
    const a = withDraft(shape, base);
    const b = withDraft(shape, next);
    if (usable(shape, a, b)) return { id, draft: shape.draft, family, a, b };
  }
  throw new Error(`pair ${id}: no usable schema pair in 50 attempts`);
}

export const CI_BUDGET: SearchBudget = { perSchema: 40, nudges: 3, random: 30 };
export const LONG_BUDGET: SearchBudget = { perSchema: 80, nudges: 4, random: 60 };

export interface Roles {
  readonly writer: Json;
  readonly reader: Json;
}

export function rolesOf(pair: Pair, direction: Direction): Roles {
  return direction === "backward" ? { writer: pair.a, reader: pair.b } : { writer: pair.b, reader: pair.a };
}

/** The engine's verdict for one direction (old = a, new = b), or the message it threw. */
export function verdictOf(
  draft: Draft,
  old: Json,
  next: Json,
  direction: Direction,
): { report?: CompatReport; error?: string } {
  try {
    const report = compareSchemas(
      documentOf(old, draft, "old"),
      documentOf(next, draft, "new"),
      direction === "backward" ? "BACKWARD" : "FORWARD",
    );
    return { report };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** An instance the writer accepts and the reader rejects, per ajv; `first` is tried before the search. */
export function findBreak(
  draft: Draft,
  roles: Roles,
  seed: number,
  budget: SearchBudget,
  first: readonly Json[] = [],
): Json | undefined {
  const writerAccepts = guardedValidatorFor(roles.writer, draft);
  const readerAccepts = guardedValidatorFor(roles.reader, draft);
  const breaks = (value: Json) => writerAccepts(value) === true && readerAccepts(value) === false;
  const known = first.find(breaks);
  if (known !== undefined) return known;
  return candidates(createRng(seed), roles.writer, roles.reader, budget, seed).find(breaks);
}

/** Checks one direction of a pair against ajv. */
export function checkDirection(pair: Pair, direction: Direction, budget: SearchBudget): DirectionResult {
  const { report, error } = verdictOf(pair.draft, pair.a, pair.b, direction);
  if (!report) return { pair, direction, outcome: "crash", error };
  const roles = rolesOf(pair, direction);
  const base = { pair, direction, verdict: report.verdict };
  const seed = seedOf(`${pair.id}:${direction}`);
  if (report.verdict === "compatible") {
    const counterexample = findBreak(pair.draft, roles, seed, budget);
    return counterexample === undefined
      ? { ...base, outcome: "ok" }
      : { ...base, outcome: "wrong-compatible", counterexample };
  }
  const writerAccepts = guardedValidatorFor(roles.writer, pair.draft);
  const readerAccepts = guardedValidatorFor(roles.reader, pair.draft);
  for (const finding of report.findings) {
    if (writerAccepts(finding.example) !== true || readerAccepts(finding.example) !== false) {
      return { ...base, outcome: "bogus-example", finding: { rule: finding.rule, example: finding.example } };
    }
  }
  if (report.verdict === "undetermined") {
    const counterexample = findBreak(pair.draft, roles, seed, budget);
    return counterexample === undefined
      ? { ...base, outcome: "ok" }
      : { ...base, outcome: "ok", counterexample };
  }
  return { ...base, outcome: "ok" };
}

/**
 * The root-cause family of a (minimised) wrong case, by the keywords left in it: the most specific
 * reasoning involved wins, so after minimisation it names what the engine got wrong.
 */
const FAMILY_KEYWORDS: readonly (readonly [string, readonly string[]])[] = [
  ["unevaluated", ["unevaluatedProperties", "unevaluatedItems"]],
  ["ref", ["$ref"]],
  ["multipleOf", ["multipleOf"]],
  ["pattern", ["pattern", "patternProperties", "propertyNames"]],
  ["format", ["format"]],
  ["dependencies", ["dependencies", "dependentRequired", "dependentSchemas"]],
  ["contains", ["contains", "minContains", "maxContains"]],
  ["tuple", ["prefixItems", "additionalItems"]],
  ["if-then-else", ["if", "then", "else"]],
  ["not", ["not"]],
  ["oneOf", ["oneOf"]],
  ["anyOf-allOf", ["anyOf", "allOf"]],
  ["array", ["items", "uniqueItems", "minItems", "maxItems"]],
  ["number", ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]],
  ["string", ["minLength", "maxLength"]],
  ["object", ["properties", "required", "additionalProperties", "minProperties", "maxProperties"]],
  ["enum-const", ["enum", "const"]],
  ["type", ["type"]],
];

const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "definitions",
  "$defs",
  "dependencies",
  "dependentRequired",
  "dependentSchemas",
]);

export function rootFamily(...schemas: Json[]): string {
  const present = new Set<string>();
  const visit = (node: Json, valueKeyword: boolean): void => {
    if (Array.isArray(node)) {
      if (!valueKeyword) for (const child of node) visit(child, false);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node)) {
      present.add(key);
      if (NAME_MAPS.has(key) && child !== null && typeof child === "object" && !Array.isArray(child)) {
        // Property and definition names are data, not keywords (a property may be called "not").
        for (const value of Object.values(child)) visit(value, Array.isArray(value));
      } else visit(child, key === "enum" || key === "const" || key === "required");
    }
  };
  for (const schema of schemas) visit(schema, false);
  for (const [family, keywords] of FAMILY_KEYWORDS) if (keywords.some((k) => present.has(k))) return family;
  return "boolean";
}

export type { Family, JsonObject };

const CHILD = fileURLToPath(new URL("./child-compare.ts", import.meta.url));

/** Whether comparing the case kills the process (checked in a child, so this process survives). */
export function fatalOutcome(c: {
  readonly draft: Draft;
  readonly writer: Json;
  readonly reader: Json;
}): Outcome {
  // A small heap makes a runaway allocation die in seconds instead of a minute; small cases need
  // far less than 64 MB.
  const child = spawnSync(process.execPath, ["--max-old-space-size=64", "--import", "tsx", CHILD], {
    input: JSON.stringify({ draft: c.draft, writer: c.writer, reader: c.reader }),
    encoding: "utf8",
    timeout: 120_000,
  });
  return child.status === 0 ? "ok" : "fatal";
}

/** What is wrong with a case today, if anything (same kinds as the run's outcomes). */
export function caseOutcome(c: {
  readonly kind: Outcome;
  readonly draft: Draft;
  readonly writer: Json;
  readonly reader: Json;
  readonly instance?: Json;
}): Outcome {
  const { report } = verdictOf(c.draft, c.writer, c.reader, "backward");
  if (!report) return "crash";
  const writerAccepts = guardedValidatorFor(c.writer, c.draft);
  const readerAccepts = guardedValidatorFor(c.reader, c.draft);
  const breaks = (value: Json) => writerAccepts(value) === true && readerAccepts(value) === false;
  if (report.findings.some((finding) => !breaks(finding.example))) return "bogus-example";
  if (report.verdict === "compatible" && c.instance !== undefined && breaks(c.instance))
    return "wrong-compatible";
  return "ok";
}

/** What is wrong with a listed case today: fatal cases are compared in a child process. */
export function outcomeOf(c: SoundnessCase): Outcome {
  return c.kind === "fatal" ? fatalOutcome(c) : caseOutcome(c);
}

/** The case as the lead wants it: both schemas shrunk while the engine still says a wrong `compatible`. */
export function minimiseWrongCompatible(
  draft: Draft,
  start: { writer: Json; reader: Json; instance: Json },
  budget: SearchBudget,
): { writer: Json; reader: Json; instance: Json } {
  return minimise(start, (candidate) => {
    for (const root of [candidate.writer, candidate.reader]) {
      if (guardedValidatorFor(root, draft)(null) === undefined) return undefined;
    }
    const { report } = verdictOf(draft, candidate.writer, candidate.reader, "backward");
    if (report?.verdict !== "compatible") return undefined;
    const seed = seedOf(JSON.stringify(candidate.writer) + JSON.stringify(candidate.reader));
    const instance = findBreak(draft, candidate, seed, budget, [candidate.instance]);
    return instance === undefined ? undefined : { ...candidate, instance };
  });
}

/** Both schemas shrunk while the engine still throws the same message. */
export function minimiseCrash(draft: Draft, start: Roles, message: string): Roles {
  return minimise(start, (candidate) => {
    for (const root of [candidate.writer, candidate.reader]) {
      if (guardedValidatorFor(root, draft)(null) === undefined) return undefined;
    }
    return verdictOf(draft, candidate.writer, candidate.reader, "backward").error === message
      ? candidate
      : undefined;
  });
}

/** A failing direction as a case (writer = old, reader = new); wrong `compatible`s minimised first. */
export function caseOf(
  result: DirectionResult,
  id: string,
  source: string,
  budget: SearchBudget,
): SoundnessCase {
  const roles = rolesOf(result.pair, result.direction);
  const draft = result.pair.draft;
  if (result.outcome === "wrong-compatible" && result.counterexample !== undefined) {
    const small = minimiseWrongCompatible(draft, { ...roles, instance: result.counterexample }, budget);
    return {
      id,
      kind: "wrong-compatible",
      family: rootFamily(small.writer, small.reader),
      draft,
      ...small,
      source,
    };
  }
  if (result.outcome === "fatal") {
    // Not minimised: every try would need a process of its own.
    return { id, kind: "fatal", family: rootFamily(roles.writer, roles.reader), draft, ...roles, source };
  }
  if (result.outcome === "crash") {
    const small = minimiseCrash(draft, roles, result.error ?? "");
    return {
      id,
      kind: "crash",
      family: rootFamily(small.writer, small.reader),
      draft,
      ...small,
      error: result.error,
      source,
    };
  }
  return {
    id,
    kind: "bogus-example",
    family: rootFamily(roles.writer, roles.reader),
    draft,
    ...roles,
    ...(result.finding ? { example: result.finding.example } : {}),
    ...(result.error ? { error: result.error } : {}),
    source,
  };
}

export interface RunTally {
  pairs: number;
  directions: number;
  verdicts: Record<Verdict, number>;
  crashes: number;
  bogus: number;
  wrongCompatible: number;
  /** Undetermined directions for which the search found a counterexample (the engine could have said incompatible). */
  undeterminedWithCounterexample: number;
}

export function emptyTally(): RunTally {
  return {
    pairs: 0,
    directions: 0,
    verdicts: { compatible: 0, incompatible: 0, undetermined: 0 },
    crashes: 0,
    bogus: 0,
    wrongCompatible: 0,
    undeterminedWithCounterexample: 0,
  };
}

/** Adds one direction's result to the tally (pairs are counted by the caller). */
export function countResult(tally: RunTally, result: DirectionResult): void {
  tally.directions++;
  if (result.verdict) tally.verdicts[result.verdict]++;
  if (result.verdict === "undetermined" && result.counterexample !== undefined)
    tally.undeterminedWithCounterexample++;
  if (result.outcome === "crash" || result.outcome === "fatal") tally.crashes++;
  if (result.outcome === "bogus-example") tally.bogus++;
  if (result.outcome === "wrong-compatible") tally.wrongCompatible++;
}

/** Runs pairs `from` to `to` (exclusive) of a seed; `onFailure` sees every direction that is not ok. */
export function runPairs(
  seed: number,
  from: number,
  to: number,
  budget: SearchBudget,
  onFailure: (result: DirectionResult) => void,
  tally: RunTally = emptyTally(),
  onEach?: (result: DirectionResult) => void,
): RunTally {
  for (let index = from; index < to; index++) {
    const pair = generatePair(seed, index);
    tally.pairs++;
    for (const direction of ["backward", "forward"] as const) {
      const result = checkDirection(pair, direction, budget);
      countResult(tally, result);
      if (result.outcome !== "ok") onFailure(result);
      onEach?.(result);
    }
  }
  return tally;
}

/** The id of a direction of the CI run in known-unsound.json. */
export function ciCaseId(pair: Pair, direction: Direction): string {
  return `ci:${pair.id.split(":")[1]}:${direction}`;
}

/** The CI run of test/contracts/compat/differential.test.ts; `ci:` ids in known-unsound.json refer to it. */
export const CI_SEED = 0x15;
export const CI_PAIRS = 900;
