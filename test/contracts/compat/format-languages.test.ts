import { fullFormats } from "ajv-formats/dist/formats.js";
import fc from "fast-check";
import { JS, NFA } from "refa";
import { describe, expect, it } from "vitest";
import {
  DESCRIBED_FORMATS,
  formatLanguage,
  regExpToPattern,
  sourceFingerprint,
} from "../../../contracts/compat/format-languages.js";
import { FORMAT_SAMPLES } from "../../../contracts/compat/generate.js";
import { patternIncluded, patternsDisjoint, patternUnsupported } from "../../../contracts/compat/regex.js";
import { type AnyAjv, newAjv } from "../../../contracts/schema/ajv.js";
import { DRAFTS, type Draft } from "../../../contracts/schema/types.js";

// Ground truth: a fresh ajv per draft, set up exactly as Accord's (newAjv), validating strings.
const ajvs = new Map<Draft, AnyAjv>();
const validators = new Map<string, (value: unknown) => boolean>();
function ajvAccepts(name: string, draft: Draft, value: string): boolean {
  const key = `${draft}|${name}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    let ajv = ajvs.get(draft);
    if (ajv === undefined) {
      ajv = newAjv(draft);
      ajvs.set(draft, ajv);
    }
    const compiled = ajv.compile({ type: "string", format: name });
    validate = (v) => compiled(v) === true;
    validators.set(key, validate);
  }
  return validate(value);
}

const regexps = new Map<string, RegExp>();
function matches(pattern: string, value: string): boolean {
  let re = regexps.get(pattern);
  if (re === undefined) {
    re = new RegExp(pattern, "u");
    regexps.set(pattern, re);
  }
  return re.test(value);
}

function language(name: string, draft: Draft = "2020-12"): { pattern: string; exact: boolean } {
  const result = formatLanguage(name, draft);
  if (result === undefined) throw new Error(`no language for ${name}`);
  return result;
}

/** Formats whose language is a superset only (ajv checks them with more than a regular test). */
const SUPERSETS = new Set(["time", "iso-time", "date-time", "iso-date-time", "hostname"]);

const TIMES = [
  "12:00:00Z",
  "00:00:00z",
  "23:59:59.999999999Z",
  "23:59:60Z",
  "23:59:60.5Z",
  "15:59:60-08:00",
  "00:59:60+01:00",
  "00:59:60+0100",
  "24:59:30+01:00",
  "23:99:60+00:40",
  "47:58:60+23:59",
  "00:00:60-23:59",
  "12:00:00+05",
  "12:00:00-0530",
  "12:00:00.5+23:59",
  "12:00:59.99999999999999999Z",
  "12:00:00",
  "23:59:60",
  "24:00:00Z",
  "12:60:00Z",
  "12:00:61Z",
  "12:00:00+24:00",
  "12:00:00+00:60",
  "12:00:00.Z",
  "1:00:00Z",
];
const DATES = [
  "2024-02-29",
  "2000-02-29",
  "0000-02-29",
  "0004-02-29",
  "9996-02-29",
  "1900-02-29",
  "2023-02-29",
  "2100-02-29",
  "2024-02-28",
  "2024-04-30",
  "2024-04-31",
  "2024-12-31",
  "2024-13-01",
  "2024-00-10",
  "2024-01-00",
  "2024-1-01",
  "\uff12\uff10\uff12\uff14-01-01",
];
const SEPARATORS = ["T", "t", " ", "\t", "\n", "\u00a0", "\u3000", "\ufeff", "\u2028", "x", "TT", ""];

const TRICKY: Record<string, readonly string[]> = {
  date: [...DATES, "", "2024-05-01 ", "2024-05-01\n"],
  time: [...TIMES, "", "12:00:00Z\n"],
  "iso-time": [...TIMES, ""],
  "date-time": [
    "",
    ...DATES.flatMap((d) => ["12:00:00Z", "23:59:60Z", "15:59:60-08:00"].map((t) => `${d}T${t}`)),
    ...SEPARATORS.flatMap((s) => TIMES.map((t) => `2016-12-31${s}${t}`)),
  ],
  "iso-date-time": ["", ...SEPARATORS.flatMap((s) => TIMES.map((t) => `2016-12-31${s}${t}`))],
  duration: [
    "P1D",
    "PT1H",
    "P1W",
    "P1Y2M3DT4H5M6S",
    "PT0S",
    "P0D",
    "P",
    "PT",
    "P1DT",
    "P1.5D",
    "P1W1D",
    "p1d",
    "",
  ],
  email: [
    "a@b.co",
    "a.b+c@example.com",
    "!#$%&'*+/=?^_`{|}~-@x.y",
    "A@B.C",
    "user@sub-domain.example.com",
    "a@b",
    "a..b@c.d",
    ".a@b.c",
    "a@-b.c",
    "\u212a@b.c",
    "",
  ],
  hostname: [
    "example.com",
    "example.com.",
    "a",
    "A-1",
    "xn--bcher-kva.example",
    `${"a".repeat(63)}.com`,
    `${"a".repeat(64)}.com`,
    Array(127).fill("a").join("."),
    `${Array(127).fill("a").join(".")}.`,
    `${Array(127).fill("a").join(".")}.a`,
    "a..b",
    "-a",
    "a-",
    ".",
    "",
    "b\u00fccher.de",
    "\u212aelvin",
  ],
  ipv4: ["0.0.0.0", "255.255.255.255", "192.0.2.1", "256.0.0.1", "01.0.0.1", "1.2.3", "1.2.3.4.", ""],
  ipv6: [
    "::",
    "::1",
    "1::",
    "2001:db8::1",
    "2001:DB8::1",
    "::ffff:192.0.2.1",
    "1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7::",
    "1:2:3:4:5:6::8",
    "fe80::1:2:3:4:5:6",
    "1:2:3:4:5:6:1.2.3.4",
    "::1.2.3.4",
    "1::1.2.3.4",
    "1:2:3:4:5:6:7:8:9",
    ":::",
    "1:::2",
    "12345::",
    "",
  ],
  uri: [
    "https://example.com/a",
    "urn:isbn:0451450523",
    "mailto:a@b.c",
    "a:",
    "HTTP://EXAMPLE.COM",
    "http://[::1]:8080/p?q=1#f",
    "http://[v1.x]/",
    "http://[V1f.a:b]/",
    "http://user:pass@host:80/path;x?q/?#frag/?",
    "file:///etc/passwd",
    "x:%41",
    "x:%4",
    "http://192.168.0.1:/",
    "",
    "/a",
    "a",
    "http://exa mple",
    "1a:b",
    'a:"',
    "\u212a:x",
  ],
  "uri-reference": [
    "",
    "/a",
    "a",
    "#f",
    "?q",
    "//host",
    "https://example.com/a",
    "http://[::1]:8080/p?q=1#f",
    'a"b',
    "a b",
    "%zz",
    "\\",
  ],
  "uri-template": [
    "https://example.com/{id}",
    "{+path}/x",
    "{?q,r*}",
    "{x:3}",
    "{x:0}",
    "{x:10000}",
    "",
    "\u00e9",
    "\u{1f600}",
    "{}",
    "{",
    "a b",
    "%41",
    "%4",
    "\ud800",
  ],
  url: [
    "https://example.com/a",
    "http://1.2.3.4",
    "ftp://ex.ample.com:21/",
    "http://\u4f8b\u5b50.\u6d4b\u8bd5",
    "https://user:pw@example.com",
    "http://10.0.0.1",
    "http://172.16.0.1",
    "http://224.0.0.1",
    "https://localhost",
    "https://example.com:1",
    "http\u017f://example.com",
    "",
  ],
  uuid: [
    "123e4567-e89b-42d3-a456-426614174000",
    "urn:uuid:123e4567-e89b-42d3-a456-426614174000",
    "URN:UUID:123E4567-E89B-42D3-A456-426614174000",
    "123e4567e89b42d3a456426614174000",
    "",
  ],
  "json-pointer": ["", "/", "/a~0b~1c", "//", "/\u{1f600}", "/\u0000", "/\ud800", "a", "/~2", "/~"],
  "json-pointer-uri-fragment": ["#", "#/a%20b", "#/~0", "#/a b", "", "/a"],
  "relative-json-pointer": ["0", "1#", "0/a", "10/a/b", "01", "", "-1", "0#/a", "0/\u{1f600}"],
  byte: ["", "aGVsbG8=", "QQ==", "!!!\n", "\n", "ab\nQQ==", "a\u2028", "\r\n!", "a", "QQ=", "!!", "a\nb"],
  int32: ["", "abc", "1.5"],
  int64: ["", "abc"],
  float: ["", "abc"],
  double: ["", "abc"],
  password: [""],
  binary: [""],
};

describe("formatLanguage: what is described", () => {
  it("describes every format ajv-formats defines in full mode except regex, in every draft", () => {
    expect([...DESCRIBED_FORMATS, "regex"].sort()).toEqual(Object.keys(fullFormats).sort());
    for (const draft of DRAFTS) {
      for (const name of DESCRIBED_FORMATS) {
        const result = formatLanguage(name, draft);
        expect(result, `${name} (${draft})`).toBeDefined();
        expect(result).toEqual(formatLanguage(name, "2020-12"));
        expect(result?.exact, name).toBe(!SUPERSETS.has(name));
        expect(() => new RegExp(result?.pattern ?? "", "u")).not.toThrow();
        expect(result?.pattern.startsWith("^") && result.pattern.endsWith("$")).toBe(true);
      }
    }
  });

  it("gives undefined for regex and formats ajv does not know", () => {
    for (const draft of DRAFTS) {
      for (const name of ["regex", "nope", "", "toString", "constructor", "__proto__"]) {
        expect(formatLanguage(name, draft), name).toBeUndefined();
      }
    }
  });

  it("every language compiles in regex.ts (automata within budget)", () => {
    for (const name of DESCRIBED_FORMATS) {
      expect(patternUnsupported(language(name).pattern), name).toBeUndefined();
    }
  });

  it("pins the function sources it was written against", () => {
    // A new ajv-formats whose functions differ makes formatLanguage answer undefined (sound) and this fail.
    const source = (name: string): string => {
      const definition = (fullFormats as Record<string, unknown>)[name];
      const validate =
        typeof definition === "function" ? definition : (definition as { validate: () => void }).validate;
      return sourceFingerprint(validate.toString());
    };
    expect(source("date")).toBe("95b5c024");
    expect(source("time")).toBe("2838ceee");
    expect(source("date-time")).toBe("00637b1d");
    expect(source("uri")).toBe("4692a2da");
    expect(source("iso-time")).toBe("2838ceee");
    expect(source("iso-date-time")).toBe("00637b1d");
    expect(source("byte")).toBe("ea30048a");
  });
});

describe("regExpToPattern", () => {
  it("spells out case-insensitivity in u mode, with each mode's own folding", () => {
    const ascii = regExpToPattern(/^[a-z]k$/i) as string;
    expect(ascii).toBeDefined();
    for (const s of ["ak", "AK", "zK"]) expect(matches(ascii, s), s).toBe(true);
    // Without u, `i` does not fold U+212A KELVIN SIGN or U+017F LONG S onto ASCII letters; with u it does.
    for (const s of ["a\u212a", "\u017fk", "a", "akk"]) expect(matches(ascii, s), s).toBe(false);
    const unicode = regExpToPattern(/^[a-z]k$/iu) as string;
    for (const s of ["a\u212a", "\u017fk", "AK"]) expect(matches(unicode, s), s).toBe(true);
  });

  it("refuses UTF-16 classes that could match half a surrogate pair, unless marked safe", () => {
    expect(regExpToPattern(/^..$/)).toBeUndefined();
    expect(regExpToPattern(/^[^a]$/)).toBeUndefined();
    expect(regExpToPattern(/^[\ud800-\udbff]$/, { surrogateSafe: true })).toBeUndefined();
    expect(regExpToPattern(/^a$/m)).toBeUndefined();
    expect(regExpToPattern(/^(a+)\1$/)).toBeUndefined();
    // `^` and `$` are one-character lookarounds over every character: safe either way.
    expect(regExpToPattern(/^ab$/)).toBe("^(?:^ab$)$");
    expect(regExpToPattern(/^\bab$/)).toBeDefined();
    const star = regExpToPattern(/^[^~]*$/, { surrogateSafe: true }) as string;
    expect(matches(star, "\u{1f600}x\ud800")).toBe(true);
    expect(matches(star, "~")).toBe(false);
  });

  it("drops positive lookaheads only when asked, giving a superset", () => {
    const kept = regExpToPattern(/^(?=aa)[ab]+(?!bc)$/) as string;
    expect(matches(kept, "b")).toBe(false);
    expect(matches(kept, "aab")).toBe(true);
    const dropped = regExpToPattern(/^(?=aa)[ab]+(?!bc)$/, { dropLookaheads: true }) as string;
    expect(matches(dropped, "b")).toBe(true);
    expect(dropped).toContain("(?!bc)");
  });
});

function checkOne(name: string, draft: Draft, value: string, exact: boolean, pattern: string): void {
  const accepted = ajvAccepts(name, draft, value);
  const matched = matches(pattern, value);
  if (accepted && !matched)
    throw new Error(`${name}: ajv accepts ${JSON.stringify(value)}, the language misses it`);
  if (exact && matched && !accepted) {
    throw new Error(`${name}: exact language holds ${JSON.stringify(value)}, which ajv rejects`);
  }
}

describe("formatLanguage: samples and tricky values", () => {
  for (const name of DESCRIBED_FORMATS) {
    it(`${name}: every value ajv accepts is in the language${SUPERSETS.has(name) ? "" : ", and no other"}`, () => {
      const values = [...(FORMAT_SAMPLES[name] ?? []), ...(TRICKY[name] ?? [])];
      expect(values.length).toBeGreaterThan(0);
      let accepted = 0;
      for (const draft of DRAFTS) {
        const { pattern, exact } = language(name, draft);
        for (const value of values) {
          checkOne(name, draft, value, exact, pattern);
          if (ajvAccepts(name, draft, value)) accepted++;
        }
      }
      expect(accepted, "some values are valid").toBeGreaterThan(0);
      for (const sample of FORMAT_SAMPLES[name] ?? []) expect(ajvAccepts(name, "2020-12", sample)).toBe(true);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Property tests: words of each language's automaton (lookarounds dropped), mutated

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const automata = new Map<string, NFA>();
function automaton(pattern: string): NFA {
  let nfa = automata.get(pattern);
  if (nfa === undefined) {
    const { expression, maxCharacter } = JS.Parser.fromLiteral({ source: pattern, flags: "u" }).parse({
      assertions: "ignore",
      backreferences: "throw",
    });
    nfa = NFA.fromRegex(expression, { maxCharacter });
    automata.set(pattern, nfa);
  }
  return nfa;
}

function pickFrom(ranges: readonly { min: number; max: number }[], random: () => number): number {
  const range = ranges[Math.floor(random() * ranges.length)] as { min: number; max: number };
  const r = random();
  if (r < 0.3) return range.min;
  if (r < 0.45) return range.max;
  if (r < 0.75) return range.min + Math.floor(random() * Math.min(range.max - range.min + 1, 128));
  return range.min + Math.floor(random() * (range.max - range.min + 1));
}

/** A random walk on the automaton: usually a word of the language, sometimes a prefix of one. */
function walk(pattern: string, random: () => number): string {
  const nfa = automaton(pattern);
  let node = nfa.initial;
  const out: number[] = [];
  const cap = 10 + Math.floor(random() * 60);
  for (let steps = 0; ; steps++) {
    const edges = [...node.out];
    const final = nfa.finals.has(node);
    if (edges.length === 0) break;
    if (final && (random() < 0.12 || steps > cap)) break;
    if (steps > 4 * cap) break;
    const [to, set] = edges[Math.floor(random() * edges.length)] as (typeof edges)[number];
    out.push(pickFrom(set.ranges, random));
    node = to;
  }
  return String.fromCodePoint(...out);
}

const POOL = [
  " ",
  "\n",
  "\r",
  "\t",
  "\u2028",
  "\u00a0",
  "T",
  "t",
  "Z",
  "z",
  ":",
  "-",
  "+",
  ".",
  "/",
  "#",
  "?",
  "@",
  "%",
  "~",
  "=",
  "[",
  "]",
  "{",
  "}",
  "0",
  "1",
  "2",
  "5",
  "6",
  "9",
  "a",
  "A",
  "f",
  "G",
  "\u00e9",
  "\u017f",
  "\u212a",
  "\u{1f600}",
  "\ud800",
  "\udc00",
  "",
];

type Mutation = { op: number; at: number; pick: number };
const mutation = fc.record({ op: fc.nat(6), at: fc.nat(), pick: fc.nat() });

function mutate(value: string, mutations: readonly Mutation[], random: () => number): string {
  let units = [...value];
  for (const { op, at, pick } of mutations) {
    const i = units.length === 0 ? 0 : at % (units.length + 1);
    const ch = POOL[pick % POOL.length] as string;
    switch (op) {
      case 0:
        units.splice(i, 1);
        break;
      case 1:
        units.splice(i, 0, units[i] ?? ch);
        break;
      case 2:
        units.splice(i, 1, ch);
        break;
      case 3:
        units = units.map((c) => (random() < 0.5 ? c.toUpperCase() : c.toLowerCase()));
        break;
      case 4:
        units.splice(i, 0, "\n");
        break;
      case 5:
        units.splice(i, 0, ch);
        break;
      default:
        units = units.slice(0, i);
        break;
    }
  }
  return units.join("");
}

/** Strings per format (CI); `ACCORD_FORMAT_RUNS=50000` for a longer run. */
const RUNS = Number(process.env.ACCORD_FORMAT_RUNS ?? 3000);

describe("formatLanguage: property tests against ajv", () => {
  for (const name of DESCRIBED_FORMATS) {
    it(`${name}: ajv accepts ⇒ in the language${SUPERSETS.has(name) ? "" : " ⇔"} (${RUNS} strings)`, () => {
      const { pattern, exact } = language(name);
      let accepted = 0;
      let mutatedAccepted = 0;
      fc.assert(
        fc.property(fc.integer(), fc.array(mutation, { maxLength: 4 }), (seed, mutations) => {
          const random = mulberry32(seed);
          const word = walk(pattern, random);
          const mutated = mutate(word, mutations, random);
          checkOne(name, "2020-12", word, exact, pattern);
          checkOne(name, "2020-12", mutated, exact, pattern);
          if (ajvAccepts(name, "2020-12", word)) accepted++;
          if (mutated !== word && ajvAccepts(name, "2020-12", mutated)) mutatedAccepted++;
        }),
        { numRuns: RUNS, seed: 15_4 },
      );
      // The walk mostly yields valid values (a superset's words are often invalid: date-time's leap branch).
      expect(accepted, "valid words generated").toBeGreaterThan(RUNS / 10);
      expect(mutatedAccepted, "valid mutants generated").toBeGreaterThan(0);
    });
  }

  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
  const seconds = fc.oneof(
    two(62),
    fc.constantFrom(
      "59.9999999999999999",
      "59.99999999999999",
      "60.9999999999999999",
      "60.5",
      "59.5",
      "00.0",
    ),
  );
  const offset = fc.oneof(
    fc.constantFrom("Z", "z", ""),
    fc
      .tuple(fc.constantFrom("+", "-"), two(25), fc.constantFrom("", ":"), fc.option(two(61)))
      .map(([sign, h, colon, m]) => (m === null ? `${sign}${h}` : `${sign}${h}${colon}${m}`)),
  );
  const clock = fc.tuple(two(99), two(99), seconds, offset).map(([h, m, s, z]) => `${h}:${m}:${s}${z}`);

  for (const name of ["time", "iso-time"]) {
    it(`${name}: the leap-second rule over every hour, minute and offset`, () => {
      const { pattern, exact } = language(name);
      let accepted = 0;
      fc.assert(
        fc.property(clock, (value) => {
          checkOne(name, "2020-12", value, exact, pattern);
          if (ajvAccepts(name, "2020-12", value)) accepted++;
        }),
        { numRuns: 20_000, seed: 15_4 },
      );
      expect(accepted).toBeGreaterThan(1000);
    });
  }

  it("date-time: dates of every day number and year kind, any separator, leap-second clocks", () => {
    const year = fc.oneof(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
      fc.constantFrom("0000", "1900", "2000", "2100", "2400", "1996"),
    );
    const separator = fc.constantFrom(...SEPARATORS);
    const value = fc
      .tuple(year, two(13), two(32), separator, clock)
      .map(([y, m, d, s, c]) => `${y}-${m}-${d}${s}${c}`);
    for (const name of ["date-time", "iso-date-time"]) {
      const { pattern, exact } = language(name);
      let accepted = 0;
      fc.assert(
        fc.property(value, (v) => {
          checkOne(name, "2020-12", v, exact, pattern);
          if (ajvAccepts(name, "2020-12", v)) accepted++;
        }),
        { numRuns: 10_000, seed: 15_4 },
      );
      expect(accepted).toBeGreaterThan(500);
    }
    const date = language("date");
    fc.assert(
      fc.property(fc.tuple(year, two(13), two(32)), ([y, m, d]) => {
        checkOne("date", "2020-12", `${y}-${m}-${d}`, date.exact, date.pattern);
      }),
      { numRuns: 20_000, seed: 15_4 },
    );
  });

  it("every-string formats and byte: arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 12 }), (value) => {
        for (const name of [
          "int32",
          "int64",
          "float",
          "double",
          "password",
          "binary",
          "byte",
          "json-pointer",
        ]) {
          const { pattern, exact } = language(name);
          checkOne(name, "2020-12", value, exact, pattern);
        }
      }),
      { numRuns: 5000, seed: 15_4 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// What the languages exclude, as the engine will use it

describe("formatLanguage: exclusions", () => {
  const nonEmpty = "^[\\s\\S]{1,}$";

  it('"" is outside exactly the formats ajv rejects it for', () => {
    for (const name of DESCRIBED_FORMATS) {
      const { pattern } = language(name);
      const ajv = ajvAccepts(name, "2020-12", "");
      expect(matches(pattern, ""), name).toBe(ajv);
      expect(patternIncluded([pattern], nonEmpty).kind, name).toBe(ajv ? "no" : "yes");
    }
    for (const name of [
      "date-time",
      "date",
      "time",
      "email",
      "uri",
      "uuid",
      "ipv4",
      "hostname",
      "url",
      "ipv6",
    ]) {
      expect(ajvAccepts(name, "2020-12", ""), name).toBe(false);
    }
    for (const name of ["uri-reference", "json-pointer", "uri-template", "byte"]) {
      expect(ajvAccepts(name, "2020-12", ""), name).toBe(true);
    }
  });

  it("adding minLength 1 to a date-time is compatible; a$ never holds for one", () => {
    const dateTime = language("date-time").pattern;
    expect(patternIncluded([dateTime], nonEmpty)).toEqual({ kind: "yes" });
    expect(patternIncluded([dateTime], nonEmpty, { min: 0 })).toEqual({ kind: "yes" });
    expect(patternsDisjoint(dateTime, "a$")).toEqual({ kind: "yes" });
    expect(patternsDisjoint(language("uri").pattern, "^$")).toEqual({ kind: "yes" });
    expect(patternsDisjoint(language("uri").pattern, "\\s")).toEqual({ kind: "yes" });
    // A date-time is at least 20 code points ("2024-05-01T12:00:00Z").
    expect(patternIncluded([dateTime], "^[\\s\\S]{20,}$")).toEqual({ kind: "yes" });
    expect(patternIncluded([dateTime], "^[\\s\\S]{21,}$").kind).toBe("no");
  });

  it("date-time and uuid are disjoint; uri includes url; ipv4 is a hostname", () => {
    expect(patternsDisjoint(language("date-time").pattern, language("uuid").pattern)).toEqual({
      kind: "yes",
    });
    expect(patternIncluded([language("ipv4").pattern], language("hostname").pattern)).toEqual({
      kind: "yes",
    });
    expect(patternIncluded([language("uuid").pattern], language("uri-reference").pattern)).toEqual({
      kind: "yes",
    });
    const urlInUri = patternIncluded([language("url").pattern], language("uri").pattern);
    expect(urlInUri.kind).toBe("no"); // url allows any non-space user info and IDN hosts; uri does not
    if (urlInUri.kind === "no") {
      expect(ajvAccepts("url", "2020-12", urlInUri.witness)).toBe(true);
      expect(ajvAccepts("uri", "2020-12", urlInUri.witness)).toBe(false);
    }
  });

  it("exact languages' witnesses are real: a date that is valid but not in 2023", () => {
    const answer = patternIncluded([language("date").pattern], "^2023-");
    expect(answer.kind).toBe("no");
    if (answer.kind === "no") expect(ajvAccepts("date", "2020-12", answer.witness)).toBe(true);
    expect(patternIncluded([language("date").pattern, "^2023-"], "^2023-(?!02-29)")).toEqual({ kind: "yes" });
  });
});
