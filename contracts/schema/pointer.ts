import type { Json } from "./types.js";

/**
 * JSON Pointers (RFC 6901). Accord writes them in URI-fragment form, `#/properties/id`, the same form
 * a `$ref` uses, so a pointer in a message can be pasted into a schema. Root is `#`.
 */

/** Escapes one reference token: `~` becomes `~0`, `/` becomes `~1` (RFC 6901 section 3). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Reverses escapePointerToken; undefined for a `~` not followed by 0 or 1 (an invalid pointer). */
export function unescapePointerToken(token: string): string | undefined {
  if (/~(?![01])/.test(token)) return undefined;
  return decodePointerToken(token);
}

/**
 * Decodes one reference token as ajv resolves `$ref` fragments: `~1` to `/`, then `~0` to `~`
 * (RFC 6901 section 4: ~1 first, so "~01" decodes to "~1" and not "/"); any other `~` is kept.
 */
export function decodePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

// Characters a URI fragment cannot hold literally (RFC 3986 section 3.5), plus `%` so that decoding
// gives back exactly what was encoded. Non-ASCII stays as is (an IRI fragment, RFC 3987): property
// names in other scripts remain readable in messages.
const FRAGMENT_UNSAFE_PRINTABLE = new Set(' "#%<>[\\]^`{|}');

function encodeFragmentToken(token: string): string {
  let out = "";
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    const ch = token[i] as string;
    const unsafe = code < 0x20 || code === 0x7f || FRAGMENT_UNSAFE_PRINTABLE.has(ch);
    out += unsafe ? `%${code.toString(16).toUpperCase().padStart(2, "0")}` : ch;
  }
  return out;
}

/**
 * Appends tokens to a pointer: `joinPointer("#/properties", "a/b")` is `#/properties/a~1b`.
 * `base` may be `#`, `#/...`, `""` or `/...`; the result is always in `#` form.
 */
export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  let pointer = base.startsWith("#") ? base : `#${base}`;
  for (const token of tokens) pointer += `/${encodeFragmentToken(escapePointerToken(String(token)))}`;
  return pointer;
}

/**
 * Splits a pointer into unescaped reference tokens. Accepts `#/a/b` (percent-decoded first, as
 * RFC 6901 section 6 prescribes for fragments), `/a/b`, `#` and `""`. Undefined when malformed.
 */
export function parsePointer(pointer: string): string[] | undefined {
  let body = pointer;
  if (body.startsWith("#")) {
    try {
      body = decodeURIComponent(body.slice(1));
    } catch {
      return undefined;
    }
  }
  if (body === "") return [];
  if (!body.startsWith("/")) return undefined;
  const tokens: string[] = [];
  for (const raw of body.slice(1).split("/")) {
    const token = unescapePointerToken(raw);
    if (token === undefined) return undefined;
    tokens.push(token);
  }
  return tokens;
}

/**
 * The plain RFC 6901 form of a pointer into an instance, as ajv writes `instancePath`: `/a/b~1c`,
 * `""` for the root (no `#`, no percent-encoding).
 */
export function instancePointer(tokens: readonly string[]): string {
  let pointer = "";
  for (const token of tokens) pointer += `/${escapePointerToken(token)}`;
  return pointer;
}

/** The tokens of an instance path as ajv writes it (`/a/b~1c`, `""` for the root): the inverse of instancePointer. */
export function instanceTokens(path: string): string[] {
  return path === "" ? [] : path.slice(1).split("/").map(decodePointerToken);
}

/** Builds the `#` form from unescaped tokens: the inverse of parsePointer. */
export function pointerFromTokens(tokens: readonly (string | number)[]): string {
  return joinPointer("#", ...tokens);
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/** Steps one token into a value; only own properties count, so `constructor` or `__proto__` never leak in. */
export function childAt(value: Json, token: string): Json | undefined {
  if (Array.isArray(value)) return ARRAY_INDEX.test(token) ? value[Number(token)] : undefined;
  if (value !== null && typeof value === "object" && Object.hasOwn(value, token)) return value[token];
  return undefined;
}

/** The value at a pointer, or undefined when the pointer is malformed or leads nowhere. */
export function resolvePointer(root: Json, pointer: string): Json | undefined {
  const tokens = parsePointer(pointer);
  if (tokens === undefined) return undefined;
  let node: Json | undefined = root;
  for (const token of tokens) {
    if (node === undefined) return undefined;
    node = childAt(node, token);
  }
  return node;
}
