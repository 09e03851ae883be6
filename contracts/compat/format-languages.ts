/**
 * `format` as a set of strings: for each format ajv-formats asserts (full mode, which is what
 * `newAjv` installs), a JSON Schema `pattern` whose language contains every string ajv accepts for
 * the format, so the pattern machinery (`regex.ts`) can reason about what a format excludes (`""` is
 * not a `date-time`, `a$` never holds for one).
 *
 * Soundness is the contract: the language never misses a string ajv accepts. Where the language is
 * exactly ajv's set, `exact` is true. How each format is described (ajv-formats 3.0.1, full mode):
 * - Formats ajv tests with a RegExp are converted from that very RegExp object (as installed in the
 *   draft's ajv instance) by refa: parsed with its own flags, then printed as a `u`-mode literal
 *   without `i` (case-insensitive letters become explicit classes, e.g. `[a-z]` → `[A-Za-z]`, and in
 *   `iu` mode also the folding partners `ſ`/`K`). Exact.
 * - RegExps without the `u` flag work on UTF-16 code units: every character class that matches a
 *   surrogate must match all of them, and then also matches every astral code point in `u` mode.
 *   That is only the same language where such a class sits under a `*` of one-character choices (or
 *   where the rest of the regex already confines the string to ASCII); the formats where this holds
 *   were checked one by one and their sources are pinned (`SURROGATE_SAFE`), any other such RegExp
 *   gives undefined.
 * - Formats ajv tests with a function are described by hand, and only while the installed function
 *   is the one read (same object as ajv-formats' `fullFormats` entry and the same source text):
 *   `date` exactly (day of month and leap years are regular over four-digit years), `uri` exactly
 *   (its `/|:` test is implied by the mandatory scheme), `byte` exactly (its RegExp has the `m` flag:
 *   one line of the string being base64 is enough), `time`/`iso-time`/`date-time`/`iso-date-time`
 *   as supersets (the leap-second rule depends on the offset arithmetically, and a seconds value such
 *   as `59.99999999999999999` rounds to 60 in floating point).
 * - `int32`, `int64`, `float`, `double` are number formats (ajv does not apply them to strings) and
 *   `password`, `binary` are `true`: every string, exactly.
 * - `regex` (whatever `new RegExp` accepts) and formats ajv does not know: undefined.
 */
import { fullFormats } from "ajv-formats/dist/formats.js";
import { CharSet, type Element, type Expression, JS, type NoParent } from "refa";
import { ajvFor } from "../schema/ajv.js";
import type { Draft } from "../schema/types.js";

export interface FormatLanguage {
  /** JSON Schema `pattern` syntax (u flag, search semantics), anchored `^…$`. */
  readonly pattern: string;
  /** True when the pattern's language is exactly the set of strings ajv accepts for the format. */
  readonly exact: boolean;
}

// ---------------------------------------------------------------------------------------------
// Hand-written languages for the formats ajv-formats checks with a function

const D = "[0-9]";
/** Every string. */
const ANY = "^[\\s\\S]*$";

/** Month and day of any year (February up to the 28th). */
const MONTH_DAY =
  "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8])";
/** Four-digit leap years (RFC 3339 appendix C, as ajv-formats' isLeapYear): 0000 is one. */
const LEAP_YEAR = `${D}${D}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00`;
/** ajv-formats `date`: `^(\d\d\d\d)-(\d\d)-(\d\d)$` with 1 ≤ month ≤ 12 and the month's days. */
const DATE = `(?:${D}{4}-(?:${MONTH_DAY})|(?:${LEAP_YEAR})-02-29)`;

/**
 * ajv-formats' TIME regex `^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$` (flag
 * i) with an offset of at most 23:59. A time is valid when hour ≤ 23, minute ≤ 59, second < 60, or
 * (leap second) the time in UTC is 23:59 (or -1:-1) and second < 61. The first case needs seconds
 * `[0-5]\d`. In the second, seconds are at most `60…`, and hour = utcHour + offsetHour·sign +
 * borrow ≤ 23 + 23 + 1 = 47 (minutes can be anything up to 99): a superset.
 */
const TIME_OF_DAY = `(?:(?:[01]${D}|2[0-3]):[0-5]${D}:[0-5]${D}|(?:[0-3]${D}|4[0-7]):${D}{2}:(?:[0-5]${D}|60))(?:\\.${D}+)?`;
const OFFSET = `(?:[zZ]|[+-](?:[01]${D}|2[0-3])(?::?[0-5]${D})?)`;
const TIME_STRICT = `${TIME_OF_DAY}${OFFSET}`;
const TIME_LOOSE = `${TIME_OF_DAY}${OFFSET}?`;
/**
 * `str.split(/t|\s/i)` into exactly a date and a time: neither contains a `t`, `T` or white space,
 * so the string is date, one separator, time.
 */
const SEPARATOR = "[tT\\s]";

/** ajv-formats' URI regex (flag i), behind `NOT_URI_FRAGMENT.test(str)`, which its scheme implies. */
const URI_SOURCE =
  "^(?:[a-z][a-z0-9+\\-.]*:)(?:\\/?\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:]+)\\]|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)|(?:[a-z0-9\\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\\d*)?(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\\?(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$";

/**
 * ajv-formats' BYTE regex `^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$` has
 * the flags g and m (`lastIndex` is reset before each test): `^`/`$` are line edges, so the string
 * is valid when one of its lines (split at \n, \r, U+2028, U+2029) is base64 — an empty line too,
 * so a string that starts or ends with a line terminator is valid.
 */
const LINE_END = "[\\n\\r\\u2028\\u2029]";
const BASE64 = "(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?";
const BYTE = `^(?:[\\s\\S]*${LINE_END})?${BASE64}(?:${LINE_END}[\\s\\S]*)?$`;

interface HandWritten {
  readonly pattern: string;
  readonly exact: boolean;
  /** FNV-1a of the installed validate function's source, whitespace removed. */
  readonly source: string;
}

const TIME_SOURCE = "2838ceee";
const DATE_TIME_SOURCE = "00637b1d";

const HAND_WRITTEN: Readonly<Record<string, HandWritten>> = {
  date: { pattern: `^${DATE}$`, exact: true, source: "95b5c024" },
  time: { pattern: `^${TIME_STRICT}$`, exact: false, source: TIME_SOURCE },
  "iso-time": { pattern: `^${TIME_LOOSE}$`, exact: false, source: TIME_SOURCE },
  "date-time": { pattern: `^${DATE}${SEPARATOR}${TIME_STRICT}$`, exact: false, source: DATE_TIME_SOURCE },
  "iso-date-time": { pattern: `^${DATE}${SEPARATOR}${TIME_LOOSE}$`, exact: false, source: DATE_TIME_SOURCE },
  uri: { pattern: "", exact: true, source: "4692a2da" },
  byte: { pattern: BYTE, exact: true, source: "ea30048a" },
};

/** Formats that accept every string (number formats are not applied to strings; `true` formats). */
const EVERY_STRING = new Set(["int32", "int64", "float", "double", "password", "binary"]);

/**
 * RegExps without the `u` flag whose classes match surrogates, checked to describe the same language
 * with those classes widened to every astral code point (source hashes pinned):
 * - json-pointer, relative-json-pointer: `[^~/]` is one choice of a starred group of one-character
 *   alternatives (`~0`, `~1` are two characters but never start with a surrogate);
 * - uri-template: the negated class is one choice of the top-level starred group, all others start
 *   with `%` or `{`;
 */
const SURROGATE_SAFE: Readonly<Record<string, string>> = {
  "json-pointer": "c15a2fd0",
  "relative-json-pointer": "1e9c32e2",
  "uri-template": "fd16ad9c",
};

/**
 * hostname's `(?=.{1,253}\.?$)` (at most 253 characters, plus a final dot) times the 63-character
 * labels exceeds regex.ts's automaton budgets: the length lookahead is dropped (a superset; the rest
 * of the regex is ASCII only, so no class matches a surrogate). What it loses is only that length.
 */
const DROP_LOOKAHEADS = new Set(["hostname"]);

/** FNV-1a (32 bit) of a text with white space removed, as 8 hex digits. */
export function sourceFingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of text.replace(/\s+/g, "")) {
    hash ^= ch.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

// ---------------------------------------------------------------------------------------------
// RegExp → u-mode pattern

const MAX_CHAR = 0x10ffff;
const UTF16_MAX = 0xffff;
const SURROGATES = { min: 0xd800, max: 0xdfff };
const ASTRAL = { min: 0x10000, max: MAX_CHAR };

class Unconvertible extends Error {}

export interface ConversionOptions {
  /**
   * For a RegExp without the u flag: allow classes that match every surrogate (they then match
   * every astral code point too). Only where that is known to keep the language (see SURROGATE_SAFE).
   */
  readonly surrogateSafe?: boolean;
  /**
   * Drop positive lookaheads that are not one-character lookarounds: the language can only grow (a
   * superset). Used where a lookahead makes the automaton too large for regex.ts's budgets.
   */
  readonly dropLookaheads?: boolean;
}

/**
 * The RegExp as a u-mode pattern without flags, anchored `^(?:…)$`: exactly equivalent unless
 * `dropLookaheads` removed one (then a superset), or undefined when no such conversion is known.
 */
export function regExpToPattern(re: RegExp, options: ConversionOptions = {}): string | undefined {
  if (re.multiline || re.dotAll || re.sticky || re.flags.includes("v")) return undefined;
  try {
    const parser = JS.Parser.fromLiteral({ source: re.source, flags: re.flags.replace(/[gd]/g, "") });
    const { expression, maxCharacter } = parser.parse({
      backreferences: "throw",
      assertions: "parse",
      simplify: false,
    });
    const context: Context = {
      widen: maxCharacter !== MAX_CHAR,
      surrogateSafe: options.surrogateSafe === true,
      dropLookaheads: options.dropLookaheads === true,
    };
    const converted = mapExpression(expression, context);
    const literal = JS.toLiteral(converted, {
      flags: {
        unicode: true,
        ignoreCase: false,
        multiline: false,
        dotAll: false,
        global: false,
        sticky: false,
        hasIndices: false,
      },
    });
    if (literal.flags !== "u") return undefined;
    const pattern = `^(?:${literal.source})$`;
    new RegExp(pattern, "u");
    return pattern;
  } catch {
    return undefined;
  }
}

interface Context {
  /** The RegExp works on UTF-16 code units: classes are widened to code points. */
  readonly widen: boolean;
  readonly surrogateSafe: boolean;
  readonly dropLookaheads: boolean;
}

function widen(set: CharSet, surrogateSafe: boolean): CharSet {
  if (set.maximum !== UTF16_MAX) throw new Unconvertible("unexpected character range");
  const wide = CharSet.empty(MAX_CHAR).union(set.ranges);
  if (set.isDisjointWith(SURROGATES)) return wide;
  if (!surrogateSafe || !set.isSupersetOf(SURROGATES)) {
    throw new Unconvertible(
      "a class matches some surrogates, or surrogates where that is not known to be safe",
    );
  }
  return wide.union([ASTRAL]);
}

function mapExpression<T extends NoParent<Expression>>(node: T, context: Context): T {
  return { ...node, alternatives: node.alternatives.map((c) => mapConcatenation(c, context)) };
}

function mapConcatenation<T extends { elements: readonly NoParent<Element>[] }>(
  node: T,
  context: Context,
): T {
  const elements: NoParent<Element>[] = [];
  for (const element of node.elements) {
    if (
      context.dropLookaheads &&
      element.type === "Assertion" &&
      element.kind === "ahead" &&
      !element.negate &&
      !isOneCharacterLookaround(element)
    ) {
      continue;
    }
    elements.push(mapElement(element, context));
  }
  return { ...node, elements };
}

/**
 * A lookaround whose body is one character class (`^`, `$`, `\b` are such) tests the next or
 * previous code unit without `u` and code point with it: a unit is a surrogate exactly when the
 * code point it belongs to is astral or a lone surrogate, so a class containing every surrogate (and
 * widened to every astral code point) gives the same answer either way.
 */
function isOneCharacterLookaround(node: NoParent<Element>): boolean {
  return (
    node.type === "Assertion" &&
    node.alternatives.length === 1 &&
    node.alternatives[0]?.elements.length === 1 &&
    node.alternatives[0].elements[0]?.type === "CharacterClass"
  );
}

function mapElement(node: NoParent<Element>, context: Context): NoParent<Element> {
  switch (node.type) {
    case "CharacterClass":
      return context.widen ? { ...node, characters: widen(node.characters, context.surrogateSafe) } : node;
    case "Assertion":
      if (isOneCharacterLookaround(node)) {
        const inner = { ...context, surrogateSafe: true };
        return { ...node, alternatives: node.alternatives.map((c) => mapConcatenation(c, inner)) };
      }
      return { ...node, alternatives: node.alternatives.map((c) => mapConcatenation(c, context)) };
    case "Alternation":
    case "Quantifier":
      return { ...node, alternatives: node.alternatives.map((c) => mapConcatenation(c, context)) };
    default:
      throw new Unconvertible(`unsupported element ${node.type}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The API

type Definition = RegExp | ((value: string) => unknown) | { validate?: unknown; type?: string } | boolean;

const FULL = fullFormats as unknown as Readonly<Record<string, Definition | undefined>>;
const cache = new Map<string, FormatLanguage | undefined>();

/**
 * A pattern (JSON Schema `pattern` syntax: u flag, search semantics, anchored ^…$) whose language
 * contains every string ajv-formats accepts for the format in this draft; `exact` when it is exactly
 * that set. Undefined for formats with no useful regular description (`regex`, unknown formats, or
 * a definition that is not the one this module was written against).
 */
export function formatLanguage(name: string, draft: Draft): FormatLanguage | undefined {
  if (!Object.hasOwn(FULL, name)) return undefined; // unknown names are not cached: there is no end to them
  const key = `${draft}\u0000${name}`;
  if (cache.has(key)) return cache.get(key);
  const result = describe(name, draft);
  cache.set(key, result);
  return result;
}

/** The format names `formatLanguage` can describe when the installed definitions are the expected ones. */
export const DESCRIBED_FORMATS: readonly string[] = [
  "date",
  "time",
  "date-time",
  "iso-time",
  "iso-date-time",
  "duration",
  "uri",
  "uri-reference",
  "uri-template",
  "url",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uuid",
  "json-pointer",
  "json-pointer-uri-fragment",
  "relative-json-pointer",
  "byte",
  "int32",
  "int64",
  "float",
  "double",
  "password",
  "binary",
];

function describe(name: string, draft: Draft): FormatLanguage | undefined {
  if (!Object.hasOwn(FULL, name)) return undefined;
  const formats = ajvFor(draft).formats as Record<string, Definition | undefined>;
  const definition = formats[name];
  // Only ajv-formats' own full-mode definition, which is what the descriptions below were read from.
  if (definition === undefined || definition !== FULL[name]) return undefined;

  if (EVERY_STRING.has(name)) {
    const everyString =
      definition === true ||
      (typeof definition === "object" && !(definition instanceof RegExp) && definition.type === "number");
    return everyString ? { pattern: ANY, exact: true } : undefined;
  }

  const validate =
    typeof definition === "object" && !(definition instanceof RegExp) ? definition.validate : definition;

  const hand = HAND_WRITTEN[name];
  if (hand !== undefined) {
    if (typeof validate !== "function" || sourceFingerprint(validate.toString()) !== hand.source)
      return undefined;
    if (name === "uri") {
      const pattern = regExpToPattern(new RegExp(URI_SOURCE, "i"));
      return pattern === undefined ? undefined : { pattern, exact: true };
    }
    return { pattern: hand.pattern, exact: hand.exact };
  }

  if (!(validate instanceof RegExp)) return undefined;
  const pinned = SURROGATE_SAFE[name];
  const surrogateSafe =
    pinned !== undefined && sourceFingerprint(`/${validate.source}/${validate.flags}`) === pinned;
  const dropLookaheads = DROP_LOOKAHEADS.has(name);
  const pattern = regExpToPattern(validate, { surrogateSafe, dropLookaheads });
  return pattern === undefined ? undefined : { pattern, exact: !dropLookaheads };
}
