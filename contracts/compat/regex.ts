/**
 * Exact decisions about JSON Schema `pattern` strings, for the regular subset of ECMAScript regexes.
 *
 * ajv applies a pattern as `new RegExp(pattern, "u").test(value)`: a SEARCH (unanchored unless the
 * pattern anchors itself), Unicode mode (characters are code points), no `s` flag (`.` does not match
 * \n, \r, \u2028, \u2029), no `m` flag (`^`/`$` are the edges of the input). This module builds, for
 * each pattern, a DFA over code points whose language is exactly the set of strings the pattern
 * accepts under that test, and answers inclusion, universality and disjointness questions on them.
 *
 * How the language is built (exactly, never approximately):
 * - refa parses the pattern into its AST without simplification (one node per source element), with
 *   backreferences kept as `Unknown` nodes (we answer "unknown" for them rather than trusting a rewrite).
 * - Character classes whose meaning depends on the Unicode tables (`\p{…}`, `\P{…}`, `\s`, `\S`) are
 *   recomputed from the running engine's own RegExp, so a refa table that is older or newer than the
 *   runtime's Unicode version cannot make us claim something the real `RegExp` disagrees with.
 * - The AST becomes an ε-NFA whose edges consume a character set, or check a one-character
 *   lookaround: "the previous character is in S (or there is none)" / "the next character is in S (or
 *   there is none)". `^`, `$`, `\b`, `\B` and lookarounds whose body is a single character class are all
 *   of this form. Longer lookarounds get automata of their own (see "Search language" below).
 * - The search language is `any* P any*` with every check evaluated against the real input: a
 *   product construction tracks which block (of the partition induced by all one-character sets) the
 *   previous character fell in (or "start"), which blocks the next character may still be in (and
 *   whether the end of input may come next), the state of each lookbehind automaton, and the
 *   pending lookahead obligations.
 * - That becomes a refa NFA, then a minimal DFA, under node and work budgets ("unknown" past them).
 *   V8's one departure from the specification (it also tries positions inside a surrogate pair)
 *   is added on top (see `midPairEmptyMatch`).
 * - refa's AST transformers are deliberately not used (see `compileUncached`).
 *
 * Not decided ("unknown" with a reason): invalid patterns, backreferences, a lookahead inside a
 * lookbehind (other nestings are handled), automata past the budgets, and answers whose witness
 * fails verification.
 *
 * Questions are answered on products of the cached DFAs: inclusion is emptiness of
 * writers ∩ lengths ∩ ¬reader, disjointness emptiness of a ∩ b; a non-empty product yields its
 * shortest, most readable string (letters, then digits, …) as the witness.
 *
 * ECMAScript details that do not change the language: quantifier iterations that match the empty
 * string past the minimum are rejected by the engine, but such an iteration leaves the position
 * unchanged, so every continuation after it is available without it; greedy/lazy and the atomicity
 * of lookarounds only matter for captures and backreferences, which we do not accept.
 *
 * Every "no" carries a witness that has been checked with the real `RegExp(…, "u")`.
 */
import {
  CharBase,
  CharSet,
  type Concatenation,
  DFA,
  type Element,
  type Expression,
  type FAIterator,
  JS,
  NFA,
  type NoParent,
  TooManyNodesError,
  Words,
} from "refa";

export type RegexAnswer =
  | { readonly kind: "yes" }
  | { readonly kind: "no"; readonly witness: string }
  | { readonly kind: "unknown"; readonly reason: string };

/** Length bounds of a string in code points (JSON Schema `minLength` / `maxLength`). */
export interface LengthBounds {
  readonly min: number;
  readonly max?: number;
}

const MAX_CHAR = 0x10ffff;
const ALL = CharSet.all(MAX_CHAR);
const EMPTY = CharSet.empty(MAX_CHAR);

/** Node budgets. Typical event-schema patterns need tens of states. */
const ENFA_NODE_LIMIT = 20_000;
const NFA_NODE_LIMIT = 10_000;
const DFA_NODE_LIMIT = 5_000;
const PRODUCT_NODE_LIMIT = 30_000;
/** Closure steps per pattern construction (bounds time where obligations multiply, e.g. many `(?=.*x)`). */
const WORK_LIMIT = 25_000;
const MAX_LOOK_BLOCKS = 30;
/** Length bounds above this are not encoded into the automaton (see `lengthAutomaton`). */
export const LENGTH_ENCODING_CAP = 256;
const CACHE_CAP = 512;

const YES: RegexAnswer = { kind: "yes" };
const unknown = (reason: string): RegexAnswer => ({ kind: "unknown", reason });

/** Raised internally for constructs or sizes we do not decide; turned into "unknown" at the API edge. */
class Undecided extends Error {}

// ---------------------------------------------------------------------------------------------
// Native RegExp (the ground truth for witnesses)

const nativeCache = new Map<string, RegExp>();
function native(pattern: string): RegExp {
  let re = nativeCache.get(pattern);
  if (re === undefined) {
    re = new RegExp(pattern, "u");
    remember(nativeCache, pattern, re);
  }
  return re;
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= CACHE_CAP) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Unicode-table-dependent character classes, recomputed from the running engine

let everyCodePoint: string | undefined;
/** All code points except surrogates, in order: U+0000..U+D7FF, U+E000..U+10FFFF. */
function allCodePointsText(): string {
  if (everyCodePoint === undefined) {
    const units = new Uint16Array(0xf800 + 0x200000);
    let k = 0;
    for (let cp = 0; cp < 0xd800; cp++) units[k++] = cp;
    for (let cp = 0xe000; cp <= 0xffff; cp++) units[k++] = cp;
    for (let hi = 0xd800; hi <= 0xdbff; hi++) {
      for (let lo = 0xdc00; lo <= 0xdfff; lo++) {
        units[k++] = hi;
        units[k++] = lo;
      }
    }
    everyCodePoint = new TextDecoder("utf-16le").decode(units);
  }
  return everyCodePoint;
}

/** Code point whose encoding covers UTF-16 index `i` of `allCodePointsText()`. */
function codePointAtUnit(i: number): number {
  if (i < 0xd800) return i;
  if (i < 0xf800) return i + 0x800;
  return 0x10000 + ((i - 0xf800) >> 1);
}

const nativeClassCache = new Map<string, CharSet>();
/**
 * The exact set of code points a single-character escape (`\p{L}`, `\s`) matches in the running
 * engine, found by scanning every code point once (tens of milliseconds, once per escape and process).
 */
function nativeCharSet(atom: string): CharSet {
  const cached = nativeClassCache.get(atom);
  if (cached !== undefined) return cached;
  const ranges: { min: number; max: number }[] = [];
  const runs = new RegExp(`(?:${atom})+`, "gu");
  const text = allCodePointsText();
  for (let m = runs.exec(text); m !== null; m = runs.exec(text)) {
    if (m[0].length === 0) throw new Undecided(`character class ${atom} matched the empty string`);
    const lo = codePointAtUnit(m.index);
    const hi = codePointAtUnit(m.index + m[0].length - 1);
    if (lo < 0xd800 && hi >= 0xe000) {
      ranges.push({ min: lo, max: 0xd7ff }, { min: 0xe000, max: hi });
    } else {
      ranges.push({ min: lo, max: hi });
    }
  }
  const single = new RegExp(`^(?:${atom})$`, "u");
  for (let cp = 0xd800; cp <= 0xdfff; cp++) {
    if (single.test(String.fromCharCode(cp))) ranges.push({ min: cp, max: cp });
  }
  const set = EMPTY.union(ranges);
  remember(nativeClassCache, atom, set);
  return set;
}

/** The parts of regexpp's AST (as exposed by `JS.Parser#ast`) that class evaluation reads. */
interface RegexppNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly kind?: string;
  readonly negate?: boolean;
  readonly strings?: boolean;
  readonly unicodeSets?: boolean;
  readonly key?: string;
  readonly value?: string | null;
  readonly elements?: readonly RegexppNode[];
  readonly alternatives?: readonly RegexppNode[];
  readonly element?: RegexppNode;
}

const UNICODE_FLAGS: JS.Flags = { unicode: true };

function findNode(root: RegexppNode, start: number, end: number): RegexppNode | undefined {
  if (root.start > start || root.end < end) return undefined;
  if (root.start === start && root.end === end && /^Character/.test(root.type)) return root;
  for (const child of [
    ...(root.alternatives ?? []),
    ...(root.elements ?? []),
    ...(root.element ? [root.element] : []),
  ]) {
    const hit = findNode(child, start, end);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * The exact character set of a class element, using the engine's own tables for `\p{…}`/`\s`
 * (refa ships its own Unicode tables, which may be older or newer than the runtime's).
 */
function exactClass(node: RegexppNode): CharSet {
  switch (node.type) {
    case "CharacterSet": {
      if (node.kind === "property") {
        if (node.strings) throw new Undecided("property of strings");
        const name = node.value == null ? `${node.key}` : `${node.key}=${node.value}`;
        const positive = nativeCharSet(`\\p{${name}}`);
        return node.negate ? positive.negate() : positive;
      }
      if (node.kind === "space") {
        const positive = nativeCharSet("\\s");
        return node.negate ? positive.negate() : positive;
      }
      break;
    }
    case "CharacterClass": {
      if (node.unicodeSets) throw new Undecided("unicode-sets class");
      let set = EMPTY;
      for (const e of node.elements ?? []) set = set.union(exactClass(e));
      return node.negate ? set.negate() : set;
    }
  }
  // Characters, ranges, \d, \w, `.`: fixed by the ECMAScript specification, not by Unicode tables.
  return JS.parseCharSet(node as unknown as Parameters<typeof JS.parseCharSet>[0], UNICODE_FLAGS);
}

const TABLE_DEPENDENT = /\\[pPsS]/;

// ---------------------------------------------------------------------------------------------
// ε-NFA with one-character lookaround checks

type Edge =
  | { readonly kind: "eps"; readonly to: number }
  | { readonly kind: "char"; readonly set: CharSet; readonly to: number }
  /** Passes iff the neighbour (previous char for "behind", next for "ahead") is in `set`, or there is none and `edge`. */
  | {
      readonly kind: "look";
      readonly ahead: boolean;
      readonly set: CharSet;
      readonly edge: boolean;
      /** A native `^`/`$` (rather than a lookaround of the same meaning); see `midPairEmptyMatch`. */
      readonly anchor: boolean;
      readonly to: number;
    }
  /** A lookaround with a longer body: `looks[look]` in the automaton. */
  | { readonly kind: "general"; readonly look: number; readonly to: number };

/** A lookaround whose body (from `start` to `final` in the same ε-NFA) is longer than one character. */
interface GeneralLook {
  readonly ahead: boolean;
  readonly negate: boolean;
  readonly start: number;
  readonly final: number;
}

interface Enfa {
  readonly edges: Edge[][];
  readonly looks: GeneralLook[];
  readonly start: number;
  readonly final: number;
}

type Ast = NoParent<Expression>;
type AstConcatenation = NoParent<Concatenation>;
type AstElement = NoParent<Element>;

/** A lookaround body that is a union of single characters and/or the empty word. */
function oneCharBody(
  alternatives: readonly AstConcatenation[],
): { set: CharSet; empty: boolean } | undefined {
  let set = EMPTY;
  let empty = false;
  for (const alt of alternatives) {
    if (alt.elements.length === 0) {
      empty = true;
      continue;
    }
    if (alt.elements.length !== 1) return undefined;
    const el = alt.elements[0] as AstElement;
    if (el.type === "CharacterClass") {
      set = set.union(el.characters);
    } else if (el.type === "Alternation" || (el.type === "Quantifier" && el.min === 1 && el.max === 1)) {
      const inner = oneCharBody(el.alternatives);
      if (inner === undefined) return undefined;
      set = set.union(inner.set);
      empty ||= inner.empty;
    } else {
      return undefined;
    }
  }
  return { set, empty };
}

function buildEnfa(expression: Ast, source: string): Enfa {
  const edges: Edge[][] = [];
  const looks: GeneralLook[] = [];
  const node = (): number => {
    if (edges.length >= ENFA_NODE_LIMIT) throw new Undecided("pattern automaton exceeds the size budget");
    edges.push([]);
    return edges.length - 1;
  };
  const add = (from: number, edge: Edge) => {
    (edges[from] as Edge[]).push(edge);
  };
  const alternatives = (alts: readonly AstConcatenation[], from: number, to: number): void => {
    for (const alt of alts) {
      let cur = from;
      for (const el of alt.elements) {
        const next = node();
        element(el, cur, next);
        cur = next;
      }
      add(cur, { kind: "eps", to });
    }
  };
  const element = (el: AstElement, from: number, to: number): void => {
    switch (el.type) {
      case "CharacterClass":
        if (!el.characters.isEmpty) add(from, { kind: "char", set: el.characters, to });
        return;
      case "Alternation":
        alternatives(el.alternatives, from, to);
        return;
      case "Quantifier": {
        let cur = from;
        for (let i = 0; i < el.min; i++) {
          const next = node();
          alternatives(el.alternatives, cur, next);
          cur = next;
        }
        if (el.max === Number.POSITIVE_INFINITY) {
          const loop = node();
          add(cur, { kind: "eps", to: loop });
          alternatives(el.alternatives, loop, loop);
          add(loop, { kind: "eps", to });
        } else {
          for (let i = el.min; i < el.max; i++) {
            const next = node();
            add(cur, { kind: "eps", to });
            alternatives(el.alternatives, cur, next);
            cur = next;
          }
          add(cur, { kind: "eps", to });
        }
        return;
      }
      case "Assertion": {
        const body = oneCharBody(el.alternatives);
        if (body === undefined) {
          const start = node();
          const final = node();
          alternatives(el.alternatives, start, final);
          looks.push({ ahead: el.kind === "ahead", negate: el.negate, start, final });
          add(from, { kind: "general", look: looks.length - 1, to });
          return;
        }
        // Positive: passes iff neighbour ∈ set, or (body accepts ε) always.
        // Negative: passes iff NOT (neighbour ∈ set or body accepts ε).
        let set: CharSet;
        let edge: boolean;
        if (!el.negate) {
          set = body.empty ? ALL : body.set;
          edge = body.empty;
        } else {
          set = body.empty ? EMPTY : body.set.negate();
          edge = !body.empty;
        }
        const raw = el.source === undefined ? "" : source.slice(el.source.start, el.source.end);
        add(from, {
          kind: "look",
          ahead: el.kind === "ahead",
          set,
          edge,
          anchor: raw === "^" || raw === "$",
          to,
        });
        return;
      }
      case "Unknown":
        throw new Undecided(`non-regular construct ${el.id} (backreference)`);
    }
  };
  const start = node();
  const final = node();
  alternatives(expression.alternatives, start, final);
  return { edges, looks, start, final };
}

// ---------------------------------------------------------------------------------------------
// Search language: any* P any*, with lookarounds evaluated against the real input
//
// One product construction serves three purposes ("modes"):
// - "search": the language of the whole pattern: any prefix, the pattern, any suffix.
// - "ahead": for a lookahead body B, the set of remaining inputs w such that B matches a prefix of
//   w (B·any*, with B's own end checks), given the block of the character before it.
// - "behind": for a lookbehind body B, the set of input prefixes that end with a match of B
//   (any*·B), run from the start of the input alongside the search.
// A product state tracks: the phase (before / inside / after the pattern), the pattern's ε-NFA
// state, the block of the previous character (-1 = start of input), the state of every lookbehind
// automaton, and the pending lookahead "obligations": (automaton, state) pairs whose outcome
// depends on the rest of the input. A positive obligation holds iff its automaton accepts the whole
// remaining input, a negative one iff it does not; both are settled early when the automaton
// state is dead (accepts nothing more) or universal (accepts everything).

/** A complete, minimal DFA with node numbers (used for lookaround bodies). */
interface SubDfa {
  readonly negate: boolean;
  readonly initial: number;
  /** Per node: the outgoing transitions; their sets partition all characters (-1 = dead). */
  readonly out: readonly (readonly (readonly [number, CharSet])[])[];
  readonly final: readonly boolean[];
  readonly live: readonly boolean[];
  readonly universal: readonly boolean[];
}

function toSubDfa(dfa: DFA, negate: boolean): SubDfa {
  const it = dfa.transitionIterator();
  const ids = new Map<unknown, number>();
  const nodes: unknown[] = [];
  const idOf = (n: unknown): number => {
    let i = ids.get(n);
    if (i === undefined) {
      i = nodes.length;
      ids.set(n, i);
      nodes.push(n);
    }
    return i;
  };
  idOf(it.initial);
  const out: [number, CharSet][][] = [];
  const final: boolean[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as DFA.ReadonlyNode;
    final.push(it.isFinal(n));
    const list: [number, CharSet][] = [];
    let covered = EMPTY;
    for (const [to, set] of it.getOut(n)) {
      list.push([idOf(to), set]);
      covered = covered.union(set);
    }
    if (!covered.isAll) list.push([-1, covered.negate()]);
    out.push(list);
  }
  const live = final.slice();
  for (let changed = true; changed; ) {
    changed = false;
    out.forEach((list, i) => {
      if (!live[i] && list.some(([to]) => to >= 0 && live[to])) {
        live[i] = true;
        changed = true;
      }
    });
  }
  const universal = final.slice();
  for (let changed = true; changed; ) {
    changed = false;
    out.forEach((list, i) => {
      if (universal[i] && list.some(([to]) => to < 0 || !universal[to])) {
        universal[i] = false;
        changed = true;
      }
    });
  }
  return { negate, initial: 0, out, final, live, universal };
}

type Mode = "search" | "ahead" | "behind";

/**
 * An automaton run from the start of the input for a general lookbehind. `accept`: -2 = it
 * accepts where the body matched; -1 = where it matched if the input ends there; b ≥ 0 = where it
 * matched if the next character is in block b.
 */
interface BehindSlot {
  readonly look: number;
  readonly accept: number;
  readonly sid: number;
}

/** A lookbehind body ending in a one-character lookahead check: retried per next character. */
class ConditionalLookbehind extends Error {}
/** A pending lookahead: [index into Product#subs, node]. */
type Obligation = readonly [number, number];

interface ProductState {
  readonly phase: "pre" | "in" | "post";
  readonly q: number;
  readonly prev: number;
  readonly lbs: readonly number[];
  readonly obls: readonly Obligation[];
}

interface Piece {
  readonly set: CharSet;
  readonly block: number;
  readonly lbs: readonly number[];
  readonly obls: readonly Obligation[];
}

class Product {
  readonly blocks: readonly CharSet[];
  readonly full: number;
  readonly trackPrev: boolean;
  private readonly base: CharBase;
  private readonly masks = new Map<CharSet, number>();
  private readonly allowedSets = new Map<number, CharSet>();
  readonly subs: SubDfa[] = [];
  private readonly aheadSubs = new Map<string, number>();
  private slots: BehindSlot[] | undefined;
  private work = 0;

  constructor(readonly enfa: Enfa) {
    const lookSets: CharSet[] = [ALL];
    let trackPrev = false;
    for (const out of enfa.edges) {
      for (const e of out) {
        if (e.kind === "look") {
          lookSets.push(e.set);
          if (!e.ahead) trackPrev = true;
        }
      }
    }
    this.trackPrev = trackPrev;
    this.base = new CharBase(lookSets);
    this.blocks = this.base.sets;
    if (this.blocks.length > MAX_LOOK_BLOCKS)
      throw new Undecided("too many distinct lookaround character sets");
    this.full = (1 << this.blocks.length) - 1;
  }

  blockMask(set: CharSet): number {
    let m = this.masks.get(set);
    if (m === undefined) {
      m = 0;
      for (const i of this.base.split(set)) m |= 1 << i;
      this.masks.set(set, m);
    }
    return m;
  }

  allowed(mask: number): CharSet {
    let s = this.allowedSets.get(mask);
    if (s === undefined) {
      s = mask === this.full ? ALL : EMPTY.union(...this.blocks.filter((_, i) => (mask & (1 << i)) !== 0));
      this.allowedSets.set(mask, s);
    }
    return s;
  }

  private addSub(dfa: DFA, negate: boolean): number {
    this.subs.push(toSubDfa(dfa, negate));
    return this.subs.length - 1;
  }

  /**
   * The automaton of a lookahead body starting after a character of block `prev`. A body that
   * contains general lookbehinds also needs their automata's states at its start (`lbs`), which it
   * keeps advancing over the characters it reads.
   */
  aheadSub(look: number, prev: number, lbs: readonly number[]): number {
    const withLbs = this.bodyHasLookbehind(look);
    // Without one-character lookbehind checks anywhere, the previous character never matters.
    const key = `${look}|${this.trackPrev ? prev : 0}|${withLbs ? lbs.join(",") : ""}`;
    let sid = this.aheadSubs.get(key);
    if (sid === undefined) {
      const l = this.enfa.looks[look] as GeneralLook;
      sid = this.addSub(this.dfa("ahead", l.start, l.final, prev, -2, withLbs ? lbs : []), l.negate);
      this.aheadSubs.set(key, sid);
    }
    return sid;
  }

  private readonly lookbehindInBody = new Map<number, boolean>();
  /** Whether a lookaround's body contains (at any depth) a general lookbehind. */
  private bodyHasLookbehind(look: number): boolean {
    let has = this.lookbehindInBody.get(look);
    if (has === undefined) {
      has = false;
      const l = this.enfa.looks[look] as GeneralLook;
      const seen = new Set<number>();
      const stack = [l.start];
      while (stack.length > 0 && !has) {
        const q = stack.pop() as number;
        if (seen.has(q)) continue;
        seen.add(q);
        for (const e of this.enfa.edges[q] as Edge[]) {
          if (e.kind === "general") {
            const inner = this.enfa.looks[e.look] as GeneralLook;
            if (!inner.ahead || this.bodyHasLookbehind(e.look)) has = true;
          }
          stack.push(e.to);
        }
      }
      this.lookbehindInBody.set(look, has);
    }
    return has;
  }

  /**
   * The automata run alongside the search for the general lookbehinds: one per lookbehind, or,
   * when its body ends in a one-character lookahead check (`(?<=a\b)`), one per block of the
   * next character plus one for the end of input, each accepting where the body matched with
   * that next character allowed.
   */
  behindSlots(): readonly BehindSlot[] {
    if (this.slots === undefined) {
      // Nested lookbehinds come first (a body's lookarounds get smaller indices than the
      // lookaround itself), so an outer lookbehind's automaton can track the inner ones: it is
      // built with the slots that exist at that point.
      const slots: BehindSlot[] = [];
      this.slots = slots;
      this.enfa.looks.forEach((l, look) => {
        if (l.ahead) return;
        try {
          slots.push({
            look,
            accept: -2,
            sid: this.addSub(this.dfa("behind", l.start, l.final, -1, -2), false),
          });
        } catch (error) {
          if (!(error instanceof ConditionalLookbehind)) throw error;
          for (let accept = -1; accept < this.blocks.length; accept++) {
            const sid = this.addSub(this.dfa("behind", l.start, l.final, -1, accept), false);
            slots.push({ look, accept, sid });
          }
        }
      });
    }
    return this.slots;
  }

  /** Adds an obligation (or settles it at once). Returns undefined when it already failed. */
  private oblige(obls: readonly Obligation[], sid: number, node: number): readonly Obligation[] | undefined {
    const sub = this.subs[sid] as SubDfa;
    const accepted = node >= 0 && (sub.universal[node] as boolean);
    const rejected = node < 0 || !(sub.live[node] as boolean);
    if (accepted) return sub.negate ? undefined : obls;
    if (rejected) return sub.negate ? obls : undefined;
    if (obls.some(([s, n]) => s === sid && n === node)) return obls;
    return [...obls, [sid, node] as const].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  /** Whether every obligation holds if the input ends now. */
  private settledAtEnd(obls: readonly Obligation[]): boolean {
    return obls.every(([sid, node]) => {
      const sub = this.subs[sid] as SubDfa;
      return (sub.final[node] as boolean) !== sub.negate;
    });
  }

  /** Splits a consumed character set by everything that tracks the character. */
  private advance(set: CharSet, lbs: readonly number[], obls: readonly Obligation[]): Piece[] {
    this.work += 1 + lbs.length + obls.length;
    let pieces: Piece[] = [];
    if (this.trackPrev) {
      this.blocks.forEach((b, i) => {
        const s = set.intersect(b);
        if (!s.isEmpty) pieces.push({ set: s, block: i, lbs: [], obls: [] });
      });
    } else {
      pieces.push({ set, block: 0, lbs: [], obls: [] });
    }
    lbs.forEach((node, j) => {
      const sid = (this.behindSlots()[j] as BehindSlot).sid;
      const sub = this.subs[sid] as SubDfa;
      const next: Piece[] = [];
      for (const p of pieces) {
        const options: readonly (readonly [number, CharSet])[] =
          node < 0 ? [[-1, ALL]] : (sub.out[node] ?? []);
        for (const [to, s] of options) {
          const both = p.set.intersect(s);
          if (!both.isEmpty) next.push({ ...p, set: both, lbs: [...p.lbs, to] });
        }
      }
      pieces = next;
    });
    for (const [sid, node] of obls) {
      const sub = this.subs[sid] as SubDfa;
      const next: Piece[] = [];
      for (const p of pieces) {
        for (const [to, s] of sub.out[node] ?? []) {
          const both = p.set.intersect(s);
          if (both.isEmpty) continue;
          const kept = this.oblige(p.obls, sid, to);
          if (kept !== undefined) next.push({ ...p, set: both, obls: kept });
        }
      }
      pieces = next;
    }
    return pieces;
  }

  /** The automaton of one mode, from the pattern's (or a lookaround body's) start and final states. */
  dfa(
    mode: Mode,
    startQ: number,
    finalQ: number,
    initialPrev: number,
    accept = -2,
    initialLbs: readonly number[] = [],
  ): DFA {
    const { enfa } = this;
    const states: ProductState[] = [];
    const ids = new Map<string, number>();
    const id = (s: ProductState): number => {
      const key = `${s.phase}|${s.q}|${s.prev}|${s.lbs.join(",")}|${s.obls.map((o) => o.join(":")).join(",")}`;
      let n = ids.get(key);
      if (n === undefined) {
        if (states.length >= NFA_NODE_LIMIT) throw new Undecided("pattern automaton exceeds the size budget");
        n = states.length;
        states.push(s);
        ids.set(key, n);
      }
      return n;
    };
    const slotsAtStart = mode === "search" ? this.behindSlots() : mode === "behind" ? (this.slots ?? []) : [];
    const behindStarts = slotsAtStart.map((sl) => (this.subs[sl.sid] as SubDfa).initial);
    const initial =
      mode === "ahead"
        ? id({ phase: "in", q: startQ, prev: initialPrev, lbs: initialLbs, obls: [] })
        : id({ phase: "pre", q: -1, prev: -1, lbs: behindStarts, obls: [] });
    const post = (obls: readonly Obligation[]) => id({ phase: "post", q: -1, prev: -1, lbs: [], obls });

    const outCache = new Map<number, { out: Map<number, CharSet>; final: boolean }>();
    const expand = (sid: number) => {
      const hit = outCache.get(sid);
      if (hit !== undefined) return hit;
      const s = states[sid] as ProductState;
      const out = new Map<number, CharSet>();
      let final = false;
      const link = (to: number, set: CharSet) => {
        if (set.isEmpty) return;
        const old = out.get(to);
        out.set(to, old === undefined ? set : old.union(set));
      };
      if (s.phase === "post") {
        final = this.settledAtEnd(s.obls);
        for (const p of this.advance(ALL, [], s.obls)) link(post(p.obls), p.set);
      } else {
        if (s.phase === "pre") {
          for (const p of this.advance(ALL, s.lbs, [])) {
            link(
              id({ phase: "pre", q: -1, prev: this.trackPrev ? p.block : 0, lbs: p.lbs, obls: [] }),
              p.set,
            );
          }
        }
        // ε-closure within the pattern (the position, hence prev and lbs, is fixed within it).
        const seen = new Set<string>();
        const stack: [number, number, boolean, readonly Obligation[]][] = [
          [s.phase === "pre" ? startQ : s.q, this.full, true, s.obls],
        ];
        while (stack.length > 0) {
          const [q, mask, end, obls] = stack.pop() as [number, number, boolean, readonly Obligation[]];
          if (++this.work > WORK_LIMIT) throw new Undecided("pattern automaton exceeds the work budget");
          const key = `${q}|${mask}|${end ? 1 : 0}|${obls.map((o) => o.join(":")).join(",")}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (q === finalQ) {
            if (mode === "behind") {
              if (accept === -2) {
                if (mask !== this.full || !end) throw new ConditionalLookbehind("conditional lookbehind");
                final = true;
              } else if (accept === -1 ? end : (mask & (1 << accept)) !== 0) {
                final = true;
              }
            } else {
              if (end && this.settledAtEnd(obls)) final = true;
              for (const p of this.advance(this.allowed(mask), [], obls)) link(post(p.obls), p.set);
            }
          }
          for (const e of enfa.edges[q] as Edge[]) {
            if (e.kind === "eps") {
              stack.push([e.to, mask, end, obls]);
            } else if (e.kind === "look") {
              if (e.ahead) {
                const m = mask & this.blockMask(e.set);
                const en = end && e.edge;
                if (m !== 0 || en) stack.push([e.to, m, en, obls]);
              } else {
                const pass = s.prev === -1 ? e.edge : (this.blockMask(e.set) & (1 << s.prev)) !== 0;
                if (pass) stack.push([e.to, mask, end, obls]);
              }
            } else if (e.kind === "general") {
              const look = enfa.looks[e.look] as GeneralLook;
              if (look.ahead) {
                if (mode === "behind") throw new Undecided("lookahead inside a lookbehind");
                const sub = this.aheadSub(e.look, s.prev, s.lbs);
                const kept = this.oblige(obls, sub, (this.subs[sub] as SubDfa).initial);
                if (kept !== undefined) stack.push([e.to, mask, end, kept]);
              } else {
                const slots = (this.slots ?? []).slice(0, s.lbs.length);
                if (!slots.some((sl) => sl.look === e.look)) throw new Undecided("untracked lookbehind");
                // Where the body matched, and with which next characters (or the end) allowed.
                let nextMask = 0;
                let nextEnd = false;
                slots.forEach((sl, j) => {
                  if (sl.look !== e.look) return;
                  const node = s.lbs[j] as number;
                  if (node < 0 || !((this.subs[sl.sid] as SubDfa).final[node] as boolean)) return;
                  if (sl.accept === -2) {
                    nextMask = this.full;
                    nextEnd = true;
                  } else if (sl.accept === -1) {
                    nextEnd = true;
                  } else {
                    nextMask |= 1 << sl.accept;
                  }
                });
                const m = look.negate ? mask & ~nextMask & this.full : mask & nextMask;
                const en = look.negate ? end && !nextEnd : end && nextEnd;
                if (m !== 0 || en) stack.push([e.to, m, en, obls]);
              }
            } else {
              const set = mask === this.full ? e.set : e.set.intersect(this.allowed(mask));
              for (const p of this.advance(set, s.lbs, obls)) {
                link(
                  id({ phase: "in", q: e.to, prev: this.trackPrev ? p.block : 0, lbs: p.lbs, obls: p.obls }),
                  p.set,
                );
              }
            }
          }
        }
      }
      const entry = { out, final };
      outCache.set(sid, entry);
      return entry;
    };
    const iterator: FAIterator<number, ReadonlyMap<number, CharSet>> = {
      initial,
      getOut: (sid) => expand(sid).out,
      isFinal: (sid) => expand(sid).final,
      stableOut: true,
    };
    const nfa = NFA.fromTransitionIterator(
      iterator,
      { maxCharacter: MAX_CHAR },
      new NFA.LimitedNodeFactory(NFA_NODE_LIMIT),
    );
    const dfa = DFA.fromFA(nfa, new DFA.LimitedNodeFactory(DFA_NODE_LIMIT));
    dfa.minimize();
    return dfa;
  }
}

function searchDfa(enfa: Enfa): DFA {
  return new Product(enfa).dfa("search", enfa.start, enfa.final, -1);
}

// ---------------------------------------------------------------------------------------------
// Compilation (cached per pattern source)

interface Compiled {
  readonly aut: Aut;
  complement?: Aut;
}
type Compilation =
  | { readonly ok: true; readonly value: Compiled }
  | { readonly ok: false; readonly reason: string };

const compileCache = new Map<string, Compilation>();

function describe(error: unknown): string {
  if (error instanceof TooManyNodesError) return "automaton exceeds the size budget";
  return error instanceof Error ? error.message : String(error);
}

function compile(pattern: string): Compilation {
  const cached = compileCache.get(pattern);
  if (cached !== undefined) {
    compileCache.delete(pattern);
    compileCache.set(pattern, cached);
    return cached;
  }
  let result: Compilation;
  try {
    result = { ok: true, value: { aut: compileUncached(pattern) } };
  } catch (error) {
    result = { ok: false, reason: describe(error) };
  }
  remember(compileCache, pattern, result);
  return result;
}

function compileUncached(pattern: string): Aut {
  try {
    native(pattern);
  } catch (error) {
    throw new Undecided(`invalid pattern under the u flag: ${describe(error)}`);
  }
  const parser = JS.Parser.fromLiteral({ source: pattern, flags: "u" });
  const { expression } = parser.parse({
    backreferences: "unknown",
    maxBackreferenceWords: 0,
    assertions: "parse",
    simplify: false,
    maxNodes: ENFA_NODE_LIMIT,
  });
  if (TABLE_DEPENDENT.test(pattern)) {
    const root = parser.ast.pattern as unknown as RegexppNode;
    const fix = (alts: AstConcatenation[]): void => {
      for (const alt of alts) {
        for (const el of alt.elements) {
          if (el.type === "CharacterClass") {
            if (el.source === undefined) throw new Undecided("character class without a source location");
            const raw = pattern.slice(el.source.start, el.source.end);
            if (TABLE_DEPENDENT.test(raw)) {
              const node = findNode(root, el.source.start, el.source.end);
              if (node === undefined) throw new Undecided(`cannot locate character class ${raw}`);
              el.characters = exactClass(node);
            }
          } else if (el.type !== "Unknown") {
            fix(el.alternatives);
          }
        }
      }
    };
    fix(expression.alternatives);
  }
  // refa's AST transformers (`Transformers.simplify`) can eliminate more lookarounds, but they are
  // not used: on nested lookarounds they are not always equivalence-preserving (refa 0.12.1
  // rewrites `(?<!a)(?<=(?=(?<=é)))`, which matches "é", to the empty language), and an unsound
  // rewrite would turn into an unsound "yes". Arrangements the product does not track stay unknown.
  const enfa = buildEnfa(expression, pattern);
  const aut = fromDfa(searchDfa(enfa));
  return midPairEmptyMatch(enfa, enfa.start, enfa.final, new Set()) ? unionAut(aut, CONTAINS_ASTRAL) : aut;
}

/**
 * V8 (the engine ajv runs on) departs from the specification for Unicode-mode searches: it also
 * tries the position between the two halves of a surrogate pair, where no character can be read
 * (every character match fails, forwards and backwards), native `^`/`$` fail, and `\b`/`\B` see
 * two non-word code units (`\B` holds). `/(?<!\w)(?!\w)/u.test("a😀a")` is true (at index 2) though
 * no code-point position satisfies it. A pattern that can match the empty string in that context
 * therefore accepts every string containing an astral character, which is added to its language.
 */
function midPairEmptyMatch(enfa: Enfa, from: number, to: number, seen: Set<number>): boolean {
  const visited = new Set<number>();
  const stack = [from];
  while (stack.length > 0) {
    const q = stack.pop() as number;
    if (q === to) return true;
    if (visited.has(q)) continue;
    visited.add(q);
    for (const e of enfa.edges[q] as Edge[]) {
      if (e.kind === "eps") {
        stack.push(e.to);
      } else if (e.kind === "look") {
        // A one-character check passes where there is no character to read exactly when it passes
        // at the edge of the input; native anchors do not.
        if (e.edge && !e.anchor) stack.push(e.to);
      } else if (e.kind === "general") {
        const look = enfa.looks[e.look] as GeneralLook;
        if (seen.has(e.look)) throw new Undecided("recursive lookaround");
        const inner = new Set(seen).add(e.look);
        if (midPairEmptyMatch(enfa, look.start, look.final, inner) !== look.negate) stack.push(e.to);
      }
    }
  }
  return false;
}

/**
 * Code point sequences that are some JavaScript string read in Unicode mode: a lone lead surrogate
 * cannot be followed by a lone trail surrogate (the two would form a pair). Products are restricted
 * to them, so witnesses are always real strings (and the domain is exactly the real one).
 */
const REALIZABLE: Aut = (() => {
  const lead = CharSet.fromRange(MAX_CHAR, { min: 0xd800, max: 0xdbff });
  const trail = CharSet.fromRange(MAX_CHAR, { min: 0xdc00, max: 0xdfff });
  const other = lead.union(trail).negate();
  return {
    initial: 0,
    out: [
      [
        [1, lead],
        [0, other.union(trail)],
      ],
      [
        [1, lead],
        [0, other],
        [2, trail],
      ],
      [[2, ALL]],
    ],
    final: [true, true, false],
  };
})();

/** Strings containing at least one code point above U+FFFF (a surrogate pair in UTF-16). */
const CONTAINS_ASTRAL: Aut = (() => {
  const astral = CharSet.fromRange(MAX_CHAR, { min: 0x10000, max: MAX_CHAR });
  return {
    initial: 0,
    out: [
      [
        [1, astral],
        [0, astral.negate()],
      ],
      [[1, ALL]],
    ],
    final: [false, true],
  };
})();

function unionAut(a: Aut, b: Aut): Aut {
  const ids = new Map<string, number>();
  const pairs: [number, number][] = [];
  const id = (x: number, y: number): number => {
    const key = `${x},${y}`;
    let n = ids.get(key);
    if (n === undefined) {
      if (pairs.length >= DFA_NODE_LIMIT) throw new Undecided("pattern automaton exceeds the size budget");
      n = pairs.length;
      ids.set(key, n);
      pairs.push([x, y]);
    }
    return n;
  };
  id(a.initial, b.initial);
  const out: (readonly [number, CharSet])[][] = [];
  const final: boolean[] = [];
  for (let n = 0; n < pairs.length; n++) {
    const [x, y] = pairs[n] as [number, number];
    final.push((a.final[x] as boolean) || (b.final[y] as boolean));
    const list: (readonly [number, CharSet])[] = [];
    for (const [tx, sx] of a.out[x] ?? []) {
      for (const [ty, sy] of b.out[y] ?? []) {
        const both = sx.intersect(sy);
        if (!both.isEmpty) list.push([id(tx, ty), both]);
      }
    }
    out.push(list);
  }
  return { initial: 0, out, final };
}

function complementOf(c: Compiled): Aut {
  if (c.complement === undefined) c.complement = { ...c.aut, final: c.aut.final.map((f) => !f) };
  return c.complement;
}

/** A complete DFA with numbered states: the form products and witnesses are computed on. */
interface Aut {
  readonly initial: number;
  /** Per state: transitions whose sets partition all characters. */
  readonly out: readonly (readonly (readonly [number, CharSet])[])[];
  readonly final: readonly boolean[];
}

const EVERYTHING: Aut = { initial: 0, out: [[[0, ALL]]], final: [true] };

function fromDfa(dfa: DFA): Aut {
  const sub = toSubDfa(dfa, false);
  const dead = sub.out.length;
  let usesDead = false;
  const out = sub.out.map((list) =>
    list.map(([to, set]): readonly [number, CharSet] => {
      if (to >= 0) return [to, set];
      usesDead = true;
      return [dead, set];
    }),
  );
  const final = sub.final.slice();
  if (usesDead) {
    out.push([[dead, ALL]]);
    final.push(false);
  }
  return { initial: sub.initial, out, final };
}

// ---------------------------------------------------------------------------------------------
// Lengths

interface NormalizedLengths {
  readonly min: number;
  readonly max: number | undefined;
}

function normalizeLengths(lengths: LengthBounds | undefined): NormalizedLengths | string {
  if (lengths === undefined) return { min: 0, max: undefined };
  const { min, max } = lengths;
  if (typeof min !== "number" || Number.isNaN(min) || min === Number.POSITIVE_INFINITY) {
    return "minimum length is not a finite number";
  }
  if (max !== undefined && (typeof max !== "number" || Number.isNaN(max)))
    return "maximum length is not a number";
  const lo = Math.max(0, Math.ceil(min));
  const hi = max === undefined || max === Number.POSITIVE_INFINITY ? undefined : Math.floor(max);
  return { min: lo, max: hi };
}

function withinLengths(s: string, l: NormalizedLengths): boolean {
  const n = codePointLength(s);
  return n >= l.min && (l.max === undefined || n <= l.max);
}

/**
 * An automaton for the length bounds, or undefined when no bound is encoded. Bounds above
 * LENGTH_ENCODING_CAP are dropped (a product with thousands of counting states is not worth it),
 * which over-approximates the set of strings; callers must then check any witness against the
 * real bounds (see patternIncluded).
 */
function lengthAutomaton(l: NormalizedLengths): { aut: Aut; exact: boolean } | undefined {
  const lower = l.min <= LENGTH_ENCODING_CAP ? l.min : 0;
  const upper = l.max !== undefined && l.max <= LENGTH_ENCODING_CAP ? l.max : undefined;
  const exact = lower === l.min && upper === l.max;
  if (lower === 0 && upper === undefined) return exact ? undefined : { aut: EVERYTHING, exact };
  // States 0..n count characters read; with an upper bound, state n+1 is the dead state.
  const out: (readonly [number, CharSet])[][] = [];
  const final: boolean[] = [];
  if (upper !== undefined) {
    for (let i = 0; i <= upper; i++) {
      out.push([[i + 1, ALL]]);
      final.push(i >= lower);
    }
    out.push([[upper + 1, ALL]]);
    final.push(false);
  } else {
    for (let i = 0; i <= lower; i++) {
      out.push([[Math.min(i + 1, lower), ALL]]);
      final.push(i >= lower);
    }
  }
  return { aut: { initial: 0, out, final }, exact };
}

// ---------------------------------------------------------------------------------------------
// Products and witnesses

/**
 * A shortest string accepted by every one of the given deterministic automata, or undefined when
 * their intersection is empty. Among the shortest strings it returns the most readable one: the
 * product is explored once (under a node budget), distances to acceptance are computed backwards,
 * and the word is then built greedily, taking at each step the best character (see `PREFERRED`)
 * of any transition that keeps the remaining distance minimal.
 */
function shortestWitness(parts: readonly Aut[]): string | undefined {
  // Over all code point sequences first (cheaper): empty there means empty for strings too, and a
  // shortest word that is a real string is also a shortest real string.
  const word = shortestWord(parts.length === 0 ? [EVERYTHING] : parts);
  if (word === undefined) return undefined;
  const realizable = word.every(
    (c, i) => !(c >= 0xd800 && c <= 0xdbff && (word[i + 1] ?? 0) >= 0xdc00 && (word[i + 1] ?? 0) <= 0xdfff),
  );
  const real = realizable ? word : shortestWord([...parts, REALIZABLE]);
  return real === undefined ? undefined : String.fromCodePoint(...real);
}

function shortestWord(comps: readonly Aut[]): number[] | undefined {
  const tuples: number[][] = [];
  const depth: number[] = [];
  const index = new Map<string, number>();
  const edges: { to: number; set: CharSet }[][] = [];
  const finals: boolean[] = [];
  /** Depth of the shallowest accepting state found so far: nothing deeper needs exploring. */
  let shortest = Number.POSITIVE_INFINITY;
  const intern = (tuple: number[], d: number): number => {
    const key = tuple.join(",");
    let n = index.get(key);
    if (n === undefined) {
      if (tuples.length >= PRODUCT_NODE_LIMIT)
        throw new Undecided("product automaton exceeds the size budget");
      n = tuples.length;
      index.set(key, n);
      tuples.push(tuple);
      depth.push(d);
      const final = comps.every((c, i) => c.final[tuple[i] as number] as boolean);
      finals.push(final);
      if (final && d < shortest) shortest = d;
    }
    return n;
  };
  intern(
    comps.map((c) => c.initial),
    0,
  );
  // Breadth-first: states are numbered in order of depth.
  for (let n = 0; n < tuples.length; n++) {
    const d = depth[n] as number;
    if (d >= shortest) {
      edges.push([]);
      continue;
    }
    const tuple = tuples[n] as number[];
    let acc: { set: CharSet; targets: number[] }[] = [{ set: ALL, targets: [] }];
    for (let i = 0; i < comps.length && acc.length > 0; i++) {
      const next: { set: CharSet; targets: number[] }[] = [];
      for (const [target, set] of (comps[i] as Aut).out[tuple[i] as number] ?? []) {
        for (const a of acc) {
          const both = a.set.intersect(set);
          if (!both.isEmpty) next.push({ set: both, targets: [...a.targets, target] });
        }
      }
      acc = next;
    }
    edges.push(acc.map((a) => ({ to: intern(a.targets, d + 1), set: a.set })));
  }
  // Distance from each state to acceptance (backwards breadth-first search).
  const reverse: number[][] = tuples.map(() => []);
  edges.forEach((out, from) => {
    for (const e of out) (reverse[e.to] as number[]).push(from);
  });
  const dist: number[] = tuples.map(() => Number.POSITIVE_INFINITY);
  let frontier: number[] = [];
  finals.forEach((f, n) => {
    if (f) {
      dist[n] = 0;
      frontier.push(n);
    }
  });
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const n of frontier) {
      for (const m of reverse[n] as number[]) {
        if (dist[m] === Number.POSITIVE_INFINITY) {
          dist[m] = d;
          next.push(m);
        }
      }
    }
    frontier = next;
  }
  if (dist[0] === Number.POSITIVE_INFINITY) return undefined;
  const word: number[] = [];
  for (let n = 0; (dist[n] as number) > 0; ) {
    const want = (dist[n] as number) - 1;
    let bestChar = -1;
    let bestTo = -1;
    for (const e of edges[n] as { to: number; set: CharSet }[]) {
      if (dist[e.to] !== want) continue;
      const c = pickChar(e.set);
      if (bestChar === -1 || compareChars(c, bestChar) < 0) {
        bestChar = c;
        bestTo = e.to;
      }
    }
    word.push(bestChar);
    n = bestTo;
  }
  return word;
}

const PREFERRED: readonly (readonly [number, number])[] = [
  [0x61, 0x7a], // a-z
  [0x30, 0x39], // 0-9
  [0x41, 0x5a], // A-Z
  [0x2d, 0x2d], // -
  [0x5f, 0x5f], // _
  [0x2e, 0x2e], // .
  [0x21, 0x7e], // printable ASCII
  [0x20, 0x20], // space
  [0x0a, 0x0a], // \n
];

function charRank(c: number): number {
  const bucket = PREFERRED.findIndex(([min, max]) => min <= c && c <= max);
  return bucket === -1 ? PREFERRED.length : bucket;
}

function compareChars(x: number, y: number): number {
  return charRank(x) - charRank(y) || x - y;
}

/** The smallest character of `set` in [min, max]. */
function smallestIn(set: CharSet, min: number, max: number): number | undefined {
  for (const r of set.ranges) {
    if (r.max < min) continue;
    if (r.min > max) return undefined;
    return Math.max(r.min, min);
  }
  return undefined;
}

function pickChar(set: CharSet): number {
  for (const [min, max] of PREFERRED) {
    const c = smallestIn(set, min, max);
    if (c !== undefined) return c;
  }
  const nonSurrogate = set.without({ min: 0xd800, max: 0xdfff });
  const readable = Words.pickMostReadableCharacter(nonSurrogate.isEmpty ? set : nonSurrogate);
  return readable ?? (set.ranges[0] as { min: number }).min;
}

// ---------------------------------------------------------------------------------------------
// Public API

function undecided(error: unknown): RegexAnswer {
  return unknown(describe(error));
}

/**
 * Every string accepted by all `writer` patterns (and within `lengths`, counted in code points) is
 * accepted by `reader`. An empty writer list means "every string".
 */
export function patternIncluded(
  writer: readonly string[],
  reader: string,
  lengths?: LengthBounds,
): RegexAnswer {
  // String(), not JSON: NaN and Infinity bounds must not share a key with an absent one.
  const key = `${JSON.stringify([writer, reader])}|${String(lengths?.min)}|${String(lengths?.max)}`;
  const known = inclusionAnswers.get(key);
  if (known) return known;
  if (inclusionAnswers.size >= REMEMBERED_INCLUSIONS) inclusionAnswers.clear();
  const answer = decideInclusion(writer, reader, lengths);
  inclusionAnswers.set(key, answer);
  return answer;
}

/** Inclusion answers remembered, at most: past it the memory starts afresh. */
const REMEMBERED_INCLUSIONS = 20_000;

/**
 * Answers are a pure function of the patterns and bounds (every budget counts nodes, not time),
 * and a catalog asks the same few again and again: the format languages (`date-time`, `uri`) of
 * every string member of every alternative of a large event's unions.
 */
const inclusionAnswers = new Map<string, RegexAnswer>();

function decideInclusion(writer: readonly string[], reader: string, lengths?: LengthBounds): RegexAnswer {
  try {
    const l = normalizeLengths(lengths);
    if (typeof l === "string") return unknown(l);
    if (l.max !== undefined && l.max < l.min) return YES; // no string has such a length
    const writers: Aut[] = [];
    for (const w of writer) {
      const c = compile(w);
      if (!c.ok) return unknown(`writer pattern ${JSON.stringify(w)}: ${c.reason}`);
      writers.push(c.value.aut);
    }
    const r = compile(reader);
    if (!r.ok) return unknown(`reader pattern ${JSON.stringify(reader)}: ${r.reason}`);
    const notReader = complementOf(r.value);
    // Length bounds are applied lazily. Without them (or with bounds too large to encode dropped)
    // the writer's set is LARGER than it really is: "empty" (yes) is then sound, since the real set
    // is a subset of what was proved included; a counterexample, however, might violate the real
    // bounds, so each one is checked against them, and "unknown" is returned rather than a "no"
    // whose witness a bounded writer could never produce.
    let witness: string | undefined;
    let firstError: unknown;
    try {
      witness = shortestWitness([...writers, notReader]);
      if (witness === undefined) return YES;
    } catch (error) {
      if (!(error instanceof Undecided)) throw error;
      firstError = error;
    }
    if (witness === undefined || !withinLengths(witness, l)) {
      const len = lengthAutomaton(l);
      if (len === undefined) throw firstError ?? new Undecided("no counterexample within the length bounds");
      witness = shortestWitness([...writers, len.aut, notReader]);
      if (witness === undefined) return YES;
      if (!withinLengths(witness, l)) {
        return unknown("the shortest counterexample violates length bounds too large to encode");
      }
    }
    if (!writer.every((w) => native(w).test(witness)) || native(reader).test(witness)) {
      return unknown("counterexample failed verification with RegExp");
    }
    return { kind: "no", witness };
  } catch (error) {
    return undecided(error);
  }
}

/** Whether the pattern matches every string (e.g. "", ".*" do; "^.*$" does not: "\n" fails it). */
export function matchesEveryString(pattern: string): RegexAnswer {
  return patternIncluded([], pattern);
}

/** No string matches both: "yes" = disjoint, "no" + a string matched by both. */
export function patternsDisjoint(a: string, b: string): RegexAnswer {
  try {
    const ca = compile(a);
    if (!ca.ok) return unknown(`pattern ${JSON.stringify(a)}: ${ca.reason}`);
    const cb = compile(b);
    if (!cb.ok) return unknown(`pattern ${JSON.stringify(b)}: ${cb.reason}`);
    const witness = shortestWitness([ca.value.aut, cb.value.aut]);
    if (witness === undefined) return YES;
    if (!native(a).test(witness) || !native(b).test(witness)) {
      return unknown("common string failed verification with RegExp");
    }
    return { kind: "no", witness };
  } catch (error) {
    return undecided(error);
  }
}

/**
 * A shortest string matching all patterns (and within `lengths`), to build valid example values;
 * undefined if there is none or it cannot be decided.
 */
export function patternWitness(patterns: readonly string[], lengths?: LengthBounds): string | undefined {
  try {
    const l = normalizeLengths(lengths);
    if (typeof l === "string") return undefined;
    if (l.max !== undefined && l.max < l.min) return undefined;
    const parts: Aut[] = [];
    for (const p of patterns) {
      const c = compile(p);
      if (!c.ok) return undefined;
      parts.push(c.value.aut);
    }
    const len = lengthAutomaton(l);
    if (len !== undefined) parts.push(len.aut);
    const witness = shortestWitness(parts);
    if (witness === undefined) return undefined;
    if (!withinLengths(witness, l) || !patterns.every((p) => native(p).test(witness))) return undefined;
    return witness;
  } catch {
    return undefined;
  }
}

/** Why a pattern is outside the decided subset, or undefined if it compiles to an automaton. */
export function patternUnsupported(pattern: string): string | undefined {
  try {
    const c = compile(pattern);
    return c.ok ? undefined : c.reason;
  } catch (error) {
    return describe(error);
  }
}
