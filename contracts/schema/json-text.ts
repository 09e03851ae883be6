/**
 * Scanning JSON text where JSON.parse says too little. V8's messages only sometimes give a position
 * ("Unexpected token '}', ... is not valid JSON" gives none), so after a failed parse this finds the
 * first error itself; and for a parsed document it finds where the value at a pointer starts.
 * Both scanners are loops, not recursion: nesting depth costs nothing here.
 */

export interface SyntaxProblem {
  /** Character offset of the problem. */
  readonly offset: number;
  /** What is wrong, lower case, one line. */
  readonly reason: string;
}

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const DOT = 0x2e;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function skipWhitespace(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** How a character appears in a message: `'x'`, `"\n"` for controls, or `end of input`. */
function describeAt(text: string, pos: number): string {
  if (pos >= text.length) return "end of input";
  const ch = String.fromCodePoint(text.codePointAt(pos) as number);
  return (ch.codePointAt(0) as number) < 0x20 ? JSON.stringify(ch) : `'${ch}'`;
}

/** The first syntax error in `text`, or undefined when the text is valid JSON. */
export function findJsonSyntaxError(text: string): SyntaxProblem | undefined {
  const open: number[] = [];
  let pos = skipWhitespace(text, 0);
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      const code = text.charCodeAt(pos);
      if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        const close = code === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
        const inner = skipWhitespace(text, pos + 1);
        if (text.charCodeAt(inner) === close) {
          pos = inner + 1;
          expectValue = false;
          continue;
        }
        open.push(code);
        if (code === OPEN_ARRAY) {
          pos = inner;
          continue;
        }
        const member = scanMemberName(text, inner);
        if (typeof member !== "number") return member;
        pos = member;
        continue;
      }
      const end = scanScalar(text, pos);
      if (typeof end !== "number") return end;
      pos = end;
      expectValue = false;
      continue;
    }
    pos = skipWhitespace(text, pos);
    const container = open[open.length - 1];
    if (container === undefined) {
      if (pos < text.length) {
        return { offset: pos, reason: `unexpected ${describeAt(text, pos)} after the end of the JSON value` };
      }
      return undefined;
    }
    const code = text.charCodeAt(pos);
    const close = container === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
    if (code === close) {
      open.pop();
      pos++;
      continue;
    }
    if (code !== COMMA) {
      const what =
        container === OPEN_OBJECT ? "',' or '}' after a property value" : "',' or ']' after an array element";
      return { offset: pos, reason: `expected ${what}, found ${describeAt(text, pos)}` };
    }
    const next = skipWhitespace(text, pos + 1);
    if (text.charCodeAt(next) === close) {
      return { offset: pos, reason: `trailing comma before '${String.fromCharCode(close)}'` };
    }
    if (container === OPEN_OBJECT) {
      const member = scanMemberName(text, next);
      if (typeof member !== "number") return member;
      pos = member;
    } else {
      pos = next;
    }
    expectValue = true;
  }
}

/** From a property name to the start of its value: `"name" : `. */
function scanMemberName(text: string, pos: number): number | SyntaxProblem {
  if (text.charCodeAt(pos) !== QUOTE) {
    const hint = text.charCodeAt(pos) === 0x27 ? " (JSON strings use double quotes)" : "";
    return {
      offset: pos,
      reason: `expected a property name in double quotes, found ${describeAt(text, pos)}${hint}`,
    };
  }
  const end = scanString(text, pos);
  if (typeof end !== "number") return end;
  const colon = skipWhitespace(text, end);
  if (text.charCodeAt(colon) !== COLON) {
    return { offset: colon, reason: `expected ':' after a property name, found ${describeAt(text, colon)}` };
  }
  return skipWhitespace(text, colon + 1);
}

function scanScalar(text: string, pos: number): number | SyntaxProblem {
  if (pos >= text.length) return { offset: pos, reason: "unexpected end of input, expected a value" };
  const code = text.charCodeAt(pos);
  if (code === QUOTE) return scanString(text, pos);
  if (code === MINUS || isDigit(code)) return scanNumber(text, pos);
  for (const literal of ["true", "false", "null"]) {
    if (text.startsWith(literal, pos)) return pos + literal.length;
  }
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(pos, pos + 64))?.[0];
  if (word) {
    return {
      offset: pos,
      reason: `unexpected word '${word}', expected a value (JSON strings use double quotes)`,
    };
  }
  const hint = code === 0x27 ? " (JSON strings use double quotes)" : "";
  return { offset: pos, reason: `unexpected ${describeAt(text, pos)}, expected a value${hint}` };
}

function scanString(text: string, start: number): number | SyntaxProblem {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { offset: start, reason: "unterminated string" };
    const code = text.charCodeAt(i);
    if (code === QUOTE) return i + 1;
    if (code === BACKSLASH) {
      const escaped = text[i + 1];
      if (escaped === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return { offset: i, reason: "invalid \\u escape: expected four hex digits" };
        }
        i += 6;
      } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) {
        i += 2;
      } else if (escaped === undefined) {
        return { offset: start, reason: "unterminated string" };
      } else {
        return { offset: i, reason: `invalid escape sequence '\\${escaped}' in string` };
      }
      continue;
    }
    if (code < 0x20) {
      const name = code === 0x0a ? "line break" : code === 0x09 ? "tab" : "control character";
      return { offset: i, reason: `unescaped ${name} in string` };
    }
    i++;
  }
}

function scanNumber(text: string, start: number): number | SyntaxProblem {
  let i = start;
  if (text.charCodeAt(i) === MINUS) i++;
  if (text.charCodeAt(i) === 0x30) {
    i++;
    if (isDigit(text.charCodeAt(i))) return { offset: start, reason: "numbers cannot have leading zeros" };
  } else if (isDigit(text.charCodeAt(i))) {
    while (isDigit(text.charCodeAt(i))) i++;
  } else {
    return { offset: i, reason: `expected a digit after '-', found ${describeAt(text, i)}` };
  }
  if (text.charCodeAt(i) === DOT) {
    i++;
    if (!isDigit(text.charCodeAt(i))) {
      return { offset: i, reason: `expected a digit after the decimal point, found ${describeAt(text, i)}` };
    }
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const exponent = text[i];
  if (exponent === "e" || exponent === "E") {
    i++;
    const sign = text[i];
    if (sign === "+" || sign === "-") i++;
    if (!isDigit(text.charCodeAt(i))) {
      return { offset: i, reason: `expected a digit in the exponent, found ${describeAt(text, i)}` };
    }
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

// ---- positions in valid JSON ----

/** End offset of the string literal starting at `start` (the text is known to be valid). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i += 2;
    else if (code === QUOTE) return i + 1;
    else i++;
  }
  return i;
}

/** End offset of the value starting at `start`. */
function skipValue(text: string, start: number): number {
  const code = text.charCodeAt(start);
  if (code === QUOTE) return skipString(text, start);
  if (code !== OPEN_OBJECT && code !== OPEN_ARRAY) {
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isWhitespace(c)) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i);
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

/**
 * Offset where the value at `tokens` starts in valid JSON text, or undefined when there is none.
 * With duplicate keys the last one counts, as it does for JSON.parse.
 */
export function jsonValueOffset(text: string, tokens: readonly string[]): number | undefined {
  let pos = skipWhitespace(text, 0);
  for (const token of tokens) {
    const code = text.charCodeAt(pos);
    if (code === OPEN_OBJECT) {
      let found: number | undefined;
      let p = skipWhitespace(text, pos + 1);
      while (text.charCodeAt(p) === QUOTE) {
        const keyEnd = skipString(text, p);
        const raw = text.slice(p + 1, keyEnd - 1);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(p, keyEnd)) as string) : raw;
        const colon = skipWhitespace(text, keyEnd);
        const valueStart = skipWhitespace(text, colon + 1);
        if (key === token) found = valueStart;
        p = skipWhitespace(text, skipValue(text, valueStart));
        if (text.charCodeAt(p) !== COMMA) break;
        p = skipWhitespace(text, p + 1);
      }
      if (found === undefined) return undefined;
      pos = found;
    } else if (code === OPEN_ARRAY) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(token)) return undefined;
      let remaining = Number(token);
      let p = skipWhitespace(text, pos + 1);
      if (text.charCodeAt(p) === CLOSE_ARRAY) return undefined;
      while (remaining > 0) {
        p = skipWhitespace(text, skipValue(text, p));
        if (text.charCodeAt(p) !== COMMA) return undefined;
        p = skipWhitespace(text, p + 1);
        remaining--;
      }
      pos = p;
    } else {
      return undefined;
    }
  }
  return pos;
}
