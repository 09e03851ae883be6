/**
 * Turns a gap's example into the proof a finding carries: an event the writer accepts and the
 * reader rejects, checked with ajv, that breaks the reader only at the finding's place. A first
 * example often breaks more than one thing (a filler value that another change also rejects), so
 * other places the reader complains about are repaired with values valid on both sides, and then
 * the event is minimised (optional members and surplus items dropped) while it still proves the
 * finding. The finding also says where the breaking value is (`at`) and what the reader says there.
 */
import type { ValidationError } from "../schema/ajv.js";
import { isJsonObject as isObject } from "../schema/json-value.js";
import { instancePointer, instanceTokens } from "../schema/pointer.js";
import type { Json } from "../schema/types.js";
import { setOwn, valueKey } from "./values.js";

export interface Proof {
  readonly example: Json;
  /** RFC 6901 pointer into the example: the breaking value (or the missing property). */
  readonly at: string;
  /** What the reader's validator says there. */
  readonly readerSays: string;
}

export interface ProofContext {
  readonly writerAccepts: (value: Json) => boolean | undefined;
  readonly readerErrors: (value: Json) => readonly ValidationError[] | undefined;
  /** Values to try at an instance path, valid on both sides where the schemas allow. */
  readonly replacements: (path: readonly string[], current: Json | undefined) => readonly Json[];
}

/**
 * Judgements one finding may spend on repair and minimisation (two validations each: on a large
 * webhook payload a few milliseconds apiece, so this bounds the cost per finding).
 */
const BUDGET = 16;

/**
 * Judgements in a row that may bring no improvement before the search stops. On a real catalog
 * three proofs in four cannot be improved at all (what the reader still rejects is a second
 * change, or an alternative of a failing union never meant to match), and nearly every
 * improvement that does come follows one within a few judgements.
 */
const STALE_LIMIT = 5;

interface Judgement {
  readonly related: readonly ValidationError[];
  readonly foreign: number;
  readonly errors: readonly ValidationError[];
}

/**
 * The proof for a gap's example, or undefined when ajv does not confirm the break at all. With
 * `improve` false the example is only verified, as found (a repeat of a change already proven,
 * see proven-changes.ts).
 */
export function prove(
  example: Json,
  at: readonly string[],
  context: ProofContext,
  improve = true,
): Proof | undefined {
  let spent = 0;
  let stale = 0;
  const exhausted = () => spent >= BUDGET || stale >= STALE_LIMIT;
  const judge = (value: Json): Judgement | undefined => {
    spent++;
    stale++;
    if (context.writerAccepts(value) !== true) return undefined;
    const errors = context.readerErrors(value);
    if (errors === undefined || errors.length === 0) return undefined;
    const related = errors.filter((error) => onPath(locationOf(error), at));
    return { related, foreign: errors.length - related.length, errors };
  };
  const first = judge(example);
  if (!first) return undefined;
  let best = { example, judgement: first };
  const better = (value: Json, strictly: boolean): boolean => {
    const judgement = judge(value);
    if (!judgement || judgement.related.length === 0) return false;
    const previous = best.judgement.foreign;
    if (strictly ? judgement.foreign >= previous : judgement.foreign > previous) return false;
    best = { example: value, judgement };
    stale = 0;
    return true;
  };
  if (improve && first.related.length > 0) {
    // Repair: every other place the reader rejects gets a value both sides accept, or goes. A
    // place is tried once, however many errors name it (each alternative of a failing union
    // reports its own), and a candidate equal to the value already there is not judged.
    const tried = new Set<string>();
    for (const error of first.errors) {
      if (exhausted() || best.judgement.foreign === 0) break;
      const location = locationOf(error);
      if (onPath(location, at)) continue;
      const place = instancePointer(location);
      if (tried.has(place)) continue;
      tried.add(place);
      const current = valueAt(best.example, location);
      const currentKey = current === undefined ? undefined : valueKey(current);
      const candidates: (Json | typeof REMOVE)[] = [
        ...context.replacements(location, current).filter((value) => valueKey(value) !== currentKey),
        REMOVE,
      ];
      for (const candidate of candidates) {
        if (exhausted()) break;
        const repaired = replaceAt(best.example, location, candidate);
        if (repaired !== undefined && better(repaired, true)) break;
      }
    }
    // Minimise: drop the members where the reader still complains elsewhere, or what holds them,
    // outermost first. Only those: dropping any other member cannot quiet those complaints, and on
    // a large event every judgement costs two full validations, which across thousands of
    // findings adds up. What stays unrepaired is usually a second change (a property the reader
    // now requires) or an alternative of a failing union that was never meant to match.
    for (const path of best.judgement.foreign > 0 ? foreignMembers(best.judgement.errors, at) : []) {
      if (exhausted() || best.judgement.foreign === 0) break;
      if (valueAt(best.example, path) === undefined) continue;
      const smaller = replaceAt(best.example, path, REMOVE);
      if (smaller !== undefined) better(smaller, false);
    }
  }
  const { related, errors } = best.judgement;
  const said = mostSpecific(related, at) ?? errors[0];
  const where = related.length > 0 ? at : locationOf(said as ValidationError);
  return {
    example: best.example,
    at: instancePointer(where),
    readerSays: describe(said as ValidationError),
  };
}

/** The instance path an error is about; for a missing or extra property, that property's path. */
function locationOf(error: ValidationError): string[] {
  const path = instanceTokens(error.instancePath);
  const name =
    error.params.missingProperty ??
    error.params.additionalProperty ??
    error.params.unevaluatedProperty ??
    error.params.propertyName;
  return typeof name === "string" ? [...path, name] : path;
}

/**
 * The error that says most about the breaking value: one at it, else one inside it (the shallowest),
 * else the deepest on the way to it (an enclosing union's "must match" says least).
 */
function mostSpecific(
  errors: readonly ValidationError[],
  at: readonly string[],
): ValidationError | undefined {
  // Every error here lies on the path to `at` or inside it, so its depth says which it is.
  const rank = (error: ValidationError): [tier: number, within: number] => {
    const depth = locationOf(error).length;
    if (depth === at.length) return [2, 0];
    return depth > at.length ? [1, -depth] : [0, depth];
  };
  let best: ValidationError | undefined;
  let bestRank: [number, number] = [-1, 0];
  for (const error of errors) {
    const [tier, within] = rank(error);
    if (tier > bestRank[0] || (tier === bestRank[0] && within > bestRank[1])) {
      best = error;
      bestRank = [tier, within];
    }
  }
  return best;
}

function describe(error: ValidationError): string {
  const where = error.instancePath === "" ? "the event" : error.instancePath;
  return `${where}: ${error.message}`;
}

/** One path leads to the other: an error at an ancestor (an anyOf) or inside the breaking value. */
function onPath(location: readonly string[], at: readonly string[]): boolean {
  return isPrefix(location, at) || isPrefix(at, location);
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((token, i) => token === path[i]);
}

const REMOVE: unique symbol = Symbol("remove");

function valueAt(value: Json, path: readonly string[]): Json | undefined {
  let node: Json | undefined = value;
  for (const token of path) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return node;
}

/** A copy with the value at `path` replaced (or removed); undefined when the path is not there. */
function replaceAt(value: Json, path: readonly string[], next: Json | typeof REMOVE): Json | undefined {
  if (path.length === 0) return next === REMOVE ? undefined : next;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index >= value.length) return undefined;
    if (rest.length === 0 && next === REMOVE) return [...value.slice(0, index), ...value.slice(index + 1)];
    const child = replaceAt(value[index] as Json, rest, next);
    if (child === undefined) return undefined;
    const copy = [...value];
    copy[index] = child;
    return copy;
  }
  if (!isObject(value) || !Object.hasOwn(value, head)) return undefined;
  // A spread copies own properties as data, `__proto__` included; only the one written name
  // needs setOwn (a plain assignment of `__proto__` would set the prototype instead).
  const copy: { [key: string]: Json } = { ...value };
  if (rest.length > 0) {
    const child = replaceAt(value[head] as Json, rest, next);
    if (child === undefined) return undefined;
    setOwn(copy, head, child);
  } else if (next === REMOVE) delete copy[head];
  else setOwn(copy, head, next);
  return copy;
}

/**
 * The members the reader's errors away from `at` lie in, with the members holding them, outermost
 * first; never a member on the way to `at`, whose removal would take the proof with it.
 */
function foreignMembers(errors: readonly ValidationError[], at: readonly string[]): string[][] {
  const paths = new Map<string, string[]>();
  for (const error of errors) {
    const location = locationOf(error);
    for (let length = 1; length <= location.length; length++) {
      const path = location.slice(0, length);
      if (!isPrefix(path, at)) paths.set(instancePointer(path), path);
    }
  }
  return [...paths.values()].sort((a, b) => a.length - b.length);
}
