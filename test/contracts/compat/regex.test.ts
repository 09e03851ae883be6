import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  matchesEveryString,
  patternIncluded,
  patternsDisjoint,
  patternUnsupported,
  patternWitness,
  type RegexAnswer,
} from "../../../contracts/compat/regex.js";

const test = (pattern: string, s: string): boolean => new RegExp(pattern, "u").test(s);
const cpLength = (s: string): number => [...s].length;

type Expect = "yes" | "no" | "unknown" | { readonly no: string };

function check(answer: RegexAnswer, expected: Expect): void {
  if (typeof expected === "string") {
    expect(answer.kind, JSON.stringify(answer)).toBe(expected);
  } else {
    expect(answer).toEqual({ kind: "no", witness: expected.no });
  }
}

describe("matchesEveryString", () => {
  const cases: readonly [string, Expect][] = [
    ["", "yes"],
    [".*", "yes"],
    ["[^]*", "yes"],
    ["^[\\s\\S]*$", "yes"],
    ["^[\\d\\D]*", "yes"],
    ["a*", "yes"],
    ["(?:)", "yes"],
    ["^", "yes"],
    ["$", "yes"],
    ["^|a", "yes"],
    ["\\b|\\B", "yes"],
    ["^.*$", { no: "\n" }],
    ["^.*", "yes"],
    [".*$", "yes"],
    ["^(?:.|\\n)*$", { no: "\r" }],
    ["a", { no: "" }],
    ["\\b", { no: "" }],
    ["\\B", { no: "a" }],
    ["a^b", { no: "" }],
    ["^$", { no: "a" }],
    ["[]", { no: "" }],
  ];
  it.each(cases)("%j → %j", (pattern, expected) => {
    const answer = matchesEveryString(pattern);
    check(answer, expected);
    if (answer.kind === "no") expect(test(pattern, answer.witness)).toBe(false);
  });

  it("the `{}` writer against ^.*$ is refuted by a line terminator", () => {
    const answer = patternIncluded([], "^.*$");
    expect(answer.kind).toBe("no");
    if (answer.kind === "no") expect(answer.witness).toMatch(/[\n\r\u2028\u2029]/);
  });
});

describe("patternIncluded", () => {
  const cases: readonly [readonly string[], string, { min: number; max?: number } | undefined, Expect][] = [
    [["^[a-z]+$"], "^[a-z0-9]+$", undefined, "yes"],
    [["^[a-z0-9]+$"], "^[a-z]+$", undefined, { no: "0" }],
    [["abc"], "^abc", undefined, "no"],
    [["^a"], "a", undefined, "yes"],
    [["a$"], "a", undefined, "yes"],
    [["a"], "^a", undefined, { no: "ba" }],
    [["^abc$"], "b", undefined, "yes"],
    [["^[a-z]*$"], "^[a-z]{0,3}$", { min: 0, max: 3 }, "yes"],
    [["^[a-z]*$"], "^[a-z]{0,3}$", undefined, { no: "aaaa" }],
    [["^[a-z]*$"], "^[a-z]{0,3}$", { min: 0, max: 4 }, { no: "aaaa" }],
    [["^[a-z]*$"], "^[a-z]{2,3}$", { min: 2, max: 3 }, "yes"],
    [["^[a-z]*$"], "^[a-z]{2,3}$", { min: 1, max: 3 }, { no: "a" }],
    [["x"], "y", { min: 5, max: 2 }, "yes"], // no string has such a length
    [["^[a-z]+$", "^.{2}$"], "^[a-z][a-z]$", undefined, "yes"],
    [["^[a-z]+$", "^.{2,}$"], "^[a-z][a-z]$", undefined, { no: "aaa" }],
    [["^(USD|EUR)$"], "^[A-Z]{3}$", undefined, "yes"],
    [["^[A-Z]{3}$"], "^(USD|EUR)$", undefined, "no"],
    [["^(USD|EUR)$"], "^(EUR|USD|GBP)$", undefined, "yes"],
    [["^(USD|EUR|GBP)$"], "^(EUR|USD)$", undefined, { no: "GBP" }],
    [["^\\d{4}-\\d{2}-\\d{2}$"], "^[0-9-]+$", undefined, "yes"],
    [["^[0-9]{4}-[0-9]{2}-[0-9]{2}$"], "^\\d{4}-\\d{2}-\\d{2}$", undefined, "yes"],
    [["^https://"], "^https?://", undefined, "yes"],
    [["^https?://"], "^https://", undefined, { no: "http://" }],
    [["^[a-z0-9-]+$"], "^[a-z0-9_-]*$", undefined, "yes"],
    [["^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"], "@", undefined, "yes"],
    [["^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"], "^\\S+$", undefined, "yes"],
    [["^\\S+$"], "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", undefined, "no"],
    [
      ["^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"],
      "^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$",
      undefined,
      "yes",
    ],
    [["^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$"], "^\\d+\\.\\d+\\.\\d+$", undefined, "yes"],
    [
      ["^\\d+\\.\\d+\\.\\d+$"],
      "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$",
      undefined,
      { no: "00.0.0" },
    ],
    // Unicode: code points, the u flag's `.`, property escapes from the runtime's own tables
    [["^\\p{L}+$"], "^[a-z]+$", undefined, { no: "A" }],
    [["^[a-z]+$"], "^\\p{L}+$", undefined, "yes"],
    [["^\\p{Lu}$"], "^\\p{L}$", undefined, "yes"],
    [["^\\p{L}$"], "^[\\p{Lu}\\p{Ll}]$", undefined, "no"],
    [["^\\u{2EBF0}$"], "^\\p{L}$", undefined, "yes"], // CJK Ext. I (Unicode 15.1): a letter to the runtime
    [["^.$"], "^[\\0-\\uffff]$", undefined, { no: "\u{10000}" }],
    // strings are read as code points: a lone lead surrogate followed by a lone trail one cannot occur
    [["\\uD83D(?:\\uDE00){2}"], "[]", undefined, "yes"],
    [["^\\uD83D\\uDE00$"], "^$", undefined, { no: "\u{1F600}" }],
    [["^[\\uD800-\\uDFFF]+$"], "^[\\uD800-\\uDBFF]*[\\uDC00-\\uDFFF]*$", undefined, { no: "\uDC00\uD800" }],
    [["^\\u{1F600}$"], "^.$", undefined, "yes"],
    [["^\\u{1F600}$"], "^..$", undefined, { no: "\u{1F600}" }],
    [["^[\\u{1F600}-\\u{1F64F}]+$"], "^\\P{ASCII}+$", undefined, "yes"],
    [["^.{2}$"], "^..$", { min: 0, max: 10 }, "yes"],
    [["^.+$"], "^.{1,2}$", { min: 0, max: 2 }, "yes"],
    // word boundaries
    [["\\bfoo\\b"], "foo", undefined, "yes"],
    [["foo"], "\\bfoo\\b", undefined, { no: "afoo" }],
    [["^foo$"], "\\bfoo\\b", undefined, "yes"],
    [["\\bfoo"], "(?:^|\\W)foo", undefined, "yes"],
    [["(?:^|\\W)foo"], "\\bfoo", undefined, "yes"],
    [["a\\Bb"], "ab", undefined, "yes"],
    [["\\u{1F600}"], "\\B", undefined, "yes"], // V8: \B holds between the halves of a surrogate pair
    [["\\u{1F600}"], "(?<!\\w)(?!\\w)", undefined, "yes"],
    [["\\u{1F600}"], "(?<=\\W)(?=\\W)", undefined, "no"],
    [["a\\bb"], "ab", undefined, "yes"], // a\bb matches nothing
    // assertions inside alternations and groups
    [["(^a|b)"], "a|b", undefined, "yes"],
    [["(^a|b)"], "^a|b", undefined, "yes"],
    [["^a|b"], "(^a|b)", undefined, "yes"],
    [["(^a|b)"], "^a", undefined, { no: "b" }],
    [["(?:a|b$)"], "a|b", undefined, "yes"],
    [["x(?:$|y)"], "x", undefined, "yes"],
    // lookarounds
    [["^(?=[a-z])\\w+$"], "^[a-z]", undefined, "yes"],
    [["^(?![0-9])\\w+$"], "^[A-Za-z_]", undefined, "yes"],
    [["^(?=abc)\\w+$"], "^abc", undefined, "yes"],
    [["(?<=a)b"], "ab", undefined, "yes"],
    [["foo(?=bar)"], "foobar", undefined, "yes"],
    [["foo(?!b)"], "foo", undefined, "yes"],
    [["foo(?!b)"], "foo[^b]", undefined, { no: "foo" }],
    // not decided
    [["(a)\\1"], "a", undefined, "unknown"],
    [["^(?<x>a)\\k<x>$"], "a", undefined, "unknown"],
    [["^(?!abc)\\w+$"], "^abc", undefined, { no: "a" }],
    [["^(?!abc)\\w+$"], "^(?:[^a]|a[^b]|ab[^c]|ab$|a$)", undefined, "yes"],
    [["foo(?!bar)"], "foo", undefined, "yes"],
    [["foo"], "foo(?!bar)", undefined, { no: "foobar" }],
    [["^(?!\\s*$).+"], "\\S", undefined, "yes"], // not blank
    [["\\S"], "^(?!\\s*$).+", undefined, { no: "\na" }],
    [["^(?!.*\\.\\.)[a-z.]+$"], "^[a-z]*(?:\\.[a-z]+)*\\.?$", undefined, "yes"],
    [["^(?=.*[A-Z])(?=.*\\d).{8,}$"], "\\d", undefined, "yes"],
    [["(?<=ab)c"], "abc", undefined, "yes"],
    [["(?<!ab)c"], "(?:^|[^b]|[^a]b|^b)c", undefined, "yes"],
    [["(?:^|[^b]|[^a]b|^b)c"], "(?<!ab)c", undefined, "yes"],
    [["(?=a(?!bc))\\w+"], "a", undefined, "yes"],
    // lookbehinds whose body ends in a one-character lookahead check
    [["(?<=a\\b)c"], "[]", undefined, "yes"], // matches nothing
    [["(?<=a\\b)"], "a(?!\\w)", undefined, "yes"],
    [["a(?!\\w)"], "(?<=a\\b)", undefined, "yes"],
    [["(?<!a\\b)"], "^|[^a]|a(?=\\w)|\\w(?!a)|[^]$", undefined, "yes"],
    [["(?<=a$)"], "a$", undefined, "yes"],
    [["(?<=\\ba)"], "(?<!\\w)a", undefined, "yes"],
    [["(?<!\\ba)x"], "x", undefined, "yes"],
    [["x"], "(?<!\\ba)x", undefined, { no: "ax" }],
    [["(?=a(?<=xa))\\w+"], "xa", undefined, "yes"], // a lookbehind inside a lookahead
    [["xa"], "(?=a(?<=xa))\\w+", undefined, "yes"],
    [["(?=a(?<=xa))\\w+"], "^xa", undefined, { no: "axa" }],
    [["(?<=a(?<=xa))b"], "xab", undefined, "yes"], // a lookbehind inside a lookbehind
    [["xab"], "(?<=a(?<=xa))b", undefined, "yes"],
    [["(?<=a(?<!xa))b"], "xab", undefined, { no: "ab" }],
    // refa's simplify rewrites this writer to the empty language though it matches "é" (not used;
    // a lookahead inside a lookbehind stays undecided)
    [["(?<!a)(?<=(?=(?<=é)))"], "(?<=[a\\n](?=0)\\n)", undefined, "unknown"],
    [["a"], "(", undefined, "unknown"],
    [["\\p{Foo}"], "a", undefined, "unknown"],
    [["a{2,1}"], "a", undefined, "unknown"],
  ];
  it.each(cases)("%j ⊆ %j (lengths %j) → %j", (writer, reader, lengths, expected) => {
    const answer = patternIncluded(writer, reader, lengths);
    check(answer, expected);
    if (answer.kind === "no") {
      for (const w of writer) expect(test(w, answer.witness)).toBe(true);
      expect(test(reader, answer.witness)).toBe(false);
      if (lengths) {
        expect(cpLength(answer.witness)).toBeGreaterThanOrEqual(lengths.min);
        if (lengths.max !== undefined) expect(cpLength(answer.witness)).toBeLessThanOrEqual(lengths.max);
      }
    }
    if (answer.kind === "unknown") expect(answer.reason.length).toBeGreaterThan(0);
  });

  it("bounds too large to encode are ignored soundly: yes stays yes, a witness violating them is withheld", () => {
    expect(patternIncluded(["^[a-z]+$"], "^[a-z0-9]+$", { min: 1000, max: 5000 }).kind).toBe("yes");
    // The shortest counterexample "0" is shorter than 1000 code points: not a valid "no".
    expect(patternIncluded(["^[a-z0-9]+$"], "^[a-z]+$", { min: 1000 }).kind).toBe("unknown");
    // Without a minimum, the same counterexample respects an unencoded maximum.
    expect(patternIncluded(["^[a-z0-9]+$"], "^[a-z]+$", { min: 0, max: 100_000 })).toEqual({
      kind: "no",
      witness: "0",
    });
  });

  it("never throws, whatever the input", () => {
    const odd = ["\\", "[", "(?<", "a**", "(?<=a+)b", "\\k<nope>", "\\u{110000}", "[\\p{RGI_Emoji}]"];
    for (const p of odd) {
      expect(() => patternIncluded([p], "a")).not.toThrow();
      expect(() => patternIncluded(["a"], p)).not.toThrow();
      expect(() => patternsDisjoint(p, p)).not.toThrow();
      expect(() => patternWitness([p])).not.toThrow();
    }
    expect(patternIncluded(["a"], "a", { min: Number.NaN }).kind).toBe("unknown");
  });

  it("answers unknown past the size budget", () => {
    const huge = "^(?:[a-z]{1,40}\\.){1,40}[a-z]{1,40}$";
    const answer = patternIncluded([huge], "^(?:[a-y]{1,39}\\.){1,39}[a-z]{1,40}$");
    expect(["no", "unknown"]).toContain(answer.kind);
    if (answer.kind === "unknown") expect(answer.reason).toMatch(/budget/);
  });
});

describe("patternsDisjoint", () => {
  const cases: readonly [string, string, Expect][] = [
    ["^a", "^b", "yes"],
    ["a", "b", { no: "ab" }],
    ["^a$", "^b$", "yes"],
    ["^[a-z]+$", "^[0-9]+$", "yes"],
    ["^[a-z]+$", "^[a-z0-9]+$", { no: "a" }],
    ["^x-", "^y-", "yes"],
    ["^x-", "-$", { no: "x-" }],
    ["\\d", "^\\D*$", "yes"],
    ["^\\p{Lu}+$", "^\\p{Ll}+$", "yes"],
    ["\\bfoo\\b", "^afoo$", "yes"],
    // V8 also tries the middle of a surrogate pair, where only zero-width checks can pass
    ["(?<!a)(?!a)", "^a\\u{1F600}a$", { no: "a\u{1F600}a" }],
    ["(?<!a)(?!a)", "^a$", "yes"],
    ["(?!a)^", "^a\\u{1F600}a$", "yes"],
    ["(a)\\1", "a", "unknown"],
  ];
  it.each(cases)("%j ∩ %j → %j", (a, b, expected) => {
    const answer = patternsDisjoint(a, b);
    check(answer, expected);
    if (answer.kind === "no") {
      expect(test(a, answer.witness)).toBe(true);
      expect(test(b, answer.witness)).toBe(true);
    }
  });
});

describe("patternWitness", () => {
  const cases: readonly [readonly string[], { min: number; max?: number } | undefined, string | undefined][] =
    [
      [["^\\d{4}-\\d{2}-\\d{2}$"], undefined, "0000-00-00"],
      [["^[a-z0-9-]+$"], undefined, "a"],
      [["^[a-z0-9-]+$"], { min: 3 }, "aaa"],
      [["^(USD|EUR)$"], undefined, "EUR"],
      [["^https?://"], undefined, "http://"],
      [[], undefined, ""],
      [[], { min: 2, max: 2 }, "aa"],
      [["^a$", "^b$"], undefined, undefined],
      [["^[a-z]+$"], { min: 3, max: 2 }, undefined],
      [["^[a-z]{5}$"], { min: 0, max: 4 }, undefined],
      [["(a)\\1"], undefined, undefined],
    ];
  it.each(cases)("%j (lengths %j) → %j", (patterns, lengths, expected) => {
    const w = patternWitness(patterns, lengths);
    expect(w).toBe(expected);
    if (w !== undefined) for (const p of patterns) expect(test(p, w)).toBe(true);
  });

  it("finds readable witnesses for typical identifiers", () => {
    const uuid = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    expect(patternWitness([uuid])).toBe("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa");
    expect(patternWitness(["^\\p{L}+$"])).toBe("a");
  });
});

describe("patternUnsupported", () => {
  it("names the reason a pattern is not decided", () => {
    expect(patternUnsupported("^[a-z]+$")).toBeUndefined();
    expect(patternUnsupported("(a)\\1")).toMatch(/backreference/);
    expect(patternUnsupported("(")).toMatch(/invalid/);
  });
});

// ---------------------------------------------------------------------------------------------
// Property test: random small patterns, checked against the real RegExp on every short string.

const ALPHABET = ["a", "b", "0", "_", " ", "\n", "\r", "\u2028", "é", "\u{1F600}"];
const STRINGS: readonly string[] = (() => {
  const out = [""];
  let layer = [""];
  for (let len = 1; len <= 3; len++) {
    const next: string[] = [];
    for (const s of layer) for (const c of ALPHABET) next.push(s + c);
    out.push(...next);
    layer = next;
  }
  return out;
})();

const atom = fc.constantFrom(
  "a",
  "b",
  "0",
  "\\n",
  "é",
  "\\u{1F600}",
  ".",
  "[ab]",
  "[^a]",
  "[^]",
  "\\d",
  "\\w",
  "\\W",
  "\\s",
  "\\S",
  "[a\\n]",
);
const zeroWidth = fc.constantFrom(
  "^",
  "$",
  "\\b",
  "\\B",
  "(?=a)",
  "(?!b)",
  "(?<=a)",
  "(?<!\\w)",
  "(?=[^\\n])",
  // multi-character lookarounds
  "(?=ab)",
  "(?!ab)",
  "(?<=ab)",
  "(?<!ba)",
  "(?=a|b$)",
  "(?!.*b)",
  "(?<!^a)",
);
const { pattern } = fc.letrec<{ pattern: string; seq: string; alt: string; quant: string; look: string }>(
  (tie) => ({
    pattern: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      atom,
      zeroWidth,
      tie("seq"),
      tie("alt"),
      tie("quant"),
      tie("look"),
    ),
    seq: fc.array(tie("pattern"), { minLength: 2, maxLength: 3 }).map((xs) => xs.join("")),
    alt: fc.tuple(tie("pattern"), tie("pattern")).map(([a, b]) => `(?:${a}|${b})`),
    quant: fc
      .tuple(tie("pattern"), fc.constantFrom("*", "+", "?", "{0,2}", "{2}", "{1,}"))
      .map(([a, q]) => `(?:${a})${q}`),
    // lookarounds around arbitrary sub-patterns, nested ones included
    look: fc
      .tuple(fc.constantFrom("(?=", "(?!", "(?<=", "(?<!"), tie("pattern"))
      .map(([open, body]) => `${open}${body})`),
  }),
);

describe("agreement with RegExp on random patterns", () => {
  it("inclusion: yes admits no counterexample, no carries a real one", () => {
    let decided = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 0, maxLength: 2 }), pattern, (writers, reader) => {
        total++;
        const answer = patternIncluded(writers, reader);
        if (answer.kind === "unknown") return;
        decided++;
        const writerRes = writers.map((w) => new RegExp(w, "u"));
        const readerRe = new RegExp(reader, "u");
        const breaks = (s: string) => writerRes.every((re) => re.test(s)) && !readerRe.test(s);
        if (answer.kind === "yes") {
          const counter = STRINGS.find(breaks);
          expect(counter, `${JSON.stringify(writers)} ⊆ ${JSON.stringify(reader)}`).toBeUndefined();
        } else {
          expect(breaks(answer.witness)).toBe(true);
          // The witness is a shortest one: no shorter string among the enumerated ones breaks it.
          const shorter = STRINGS.find((s) => cpLength(s) < cpLength(answer.witness) && breaks(s));
          expect(shorter).toBeUndefined();
        }
      }),
      { numRuns: 400 },
    );
    expect(decided / total).toBeGreaterThan(0.8);
  });

  it("inclusion with length bounds", () => {
    fc.assert(
      fc.property(
        pattern,
        pattern,
        fc.nat({ max: 3 }),
        fc.option(fc.nat({ max: 3 }), { nil: undefined }),
        (writer, reader, min, extra) => {
          const lengths = { min, max: extra === undefined ? undefined : min + extra };
          const answer = patternIncluded([writer], reader, lengths);
          const w = new RegExp(writer, "u");
          const r = new RegExp(reader, "u");
          const inBounds = (s: string) =>
            cpLength(s) >= lengths.min && (lengths.max === undefined || cpLength(s) <= lengths.max);
          const breaks = (s: string) => inBounds(s) && w.test(s) && !r.test(s);
          if (answer.kind === "yes") expect(STRINGS.find(breaks)).toBeUndefined();
          if (answer.kind === "no") expect(breaks(answer.witness)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("universality and disjointness", () => {
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const ra = new RegExp(a, "u");
        const rb = new RegExp(b, "u");
        const every = matchesEveryString(a);
        if (every.kind === "yes") expect(STRINGS.find((s) => !ra.test(s))).toBeUndefined();
        if (every.kind === "no") expect(ra.test(every.witness)).toBe(false);
        const disjoint = patternsDisjoint(a, b);
        if (disjoint.kind === "yes") expect(STRINGS.find((s) => ra.test(s) && rb.test(s))).toBeUndefined();
        if (disjoint.kind === "no") {
          expect(ra.test(disjoint.witness) && rb.test(disjoint.witness)).toBe(true);
        }
        const witness = patternWitness([a, b]);
        if (witness !== undefined) expect(ra.test(witness) && rb.test(witness)).toBe(true);
        else if (disjoint.kind === "no") expect.fail(`no witness for ${a} and ${b} though they meet`);
      }),
      { numRuns: 300 },
    );
  });
});

describe("performance on typical event-schema patterns", () => {
  it("decides in well under a few milliseconds once compiled", () => {
    const typical = [
      "^[a-z0-9-]+$",
      "^\\d{4}-\\d{2}-\\d{2}$",
      "^(USD|EUR)$",
      "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
      "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$",
      "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
      "^https?://",
      "^[A-Z]{3}$",
    ];
    for (const a of typical) for (const b of typical) patternIncluded([a], b); // compile and warm up
    const start = performance.now();
    let n = 0;
    for (let round = 0; round < 5; round++) {
      for (const a of typical) {
        for (const b of typical) {
          patternIncluded([a], b);
          patternsDisjoint(a, b);
          n += 2;
        }
      }
    }
    const perDecision = (performance.now() - start) / n;
    expect(perDecision).toBeLessThan(5); // measured ≈0.1–0.5 ms; generous for a shared machine
  });
});
