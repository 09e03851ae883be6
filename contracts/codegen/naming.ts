/**
 * Names in generated code. Everything is derived deterministically from subject names, schema
 * titles and pointer tokens, so regenerating never renames a type by accident.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Words TypeScript reserves; a generated identifier must never be one of them. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false " +
    "finally for function if import in instanceof new null return super switch this throw true try " +
    "typeof var void while with implements interface let package private protected public static " +
    "yield any boolean number string symbol type from of as is keyof unknown never object bigint " +
    "undefined await async declare namespace module require global"
  ).split(" "),
);

/**
 * Global types and values a generated declaration would shadow. Shadowing compiles, but a type
 * named `Date` or `Record` in a module makes the next reader (and json-schema-to-typescript's own
 * output) mean something else by the word.
 */
const GLOBALS = new Set(
  (
    "Array Boolean Date Error Function JSON Map Math Number Object Partial Promise Readonly ReadonlyArray " +
    "Record RegExp Required Set String Symbol Uint8Array WeakMap WeakSet Pick Omit Exclude Extract"
  ).split(" "),
);

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/** Names a generated declaration must avoid besides those already taken in its scope. */
export function isReservedTypeName(name: string): boolean {
  return RESERVED.has(name) || GLOBALS.has(name);
}

/**
 * `order-placed` → `OrderPlaced`, `order_placed.v1` → `OrderPlacedV1`, `orderPlaced` → `OrderPlaced`.
 * Words are runs of ASCII letters and digits; each gets an upper-case first letter and keeps the
 * rest, so camelCase input survives. Empty when the text has no letters or digits. A leading digit
 * gets an underscore in front, because an identifier cannot start with one.
 */
export function pascalCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word !== "");
  const joined = words.map((word) => (word[0] as string).toUpperCase() + word.slice(1)).join("");
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** `OrderPlaced` → `orderPlaced` (an underscore-led name keeps its shape). */
export function camelCase(pascal: string): string {
  if (pascal.startsWith("_")) return pascal;
  return pascal.slice(0, 1).toLowerCase() + pascal.slice(1);
}

/** `OrderPlaced` → `order-placed`, `HTTPRequestSeen` → `http-request-seen`, `_3dsAuth` → `3ds-auth`. */
export function kebabCase(pascal: string): string {
  return pascal
    .replace(/^_+/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

/**
 * The TypeScript base name of a subject. A registry subject under the default TopicNameStrategy is
 * `<topic>-value`; the suffix says where the schema sits in the record, not what the event is, so
 * it is dropped (`orders-value` → `Orders`). `-key` subjects keep theirs: a key is a different type.
 */
export function subjectBaseName(subject: string): string {
  return pascalCase(subject.replace(/[-_.]value$/i, ""));
}

/**
 * The first of `candidate`, `candidate2`, `candidate3`, ... that `taken` does not hold (after a
 * name ending in a digit, `_2`, `_3`: `MoneyV22` would read as version 22). Callers add the
 * result to `taken` themselves.
 */
export function uniqueName(candidate: string, taken: ReadonlySet<string>): string {
  if (!taken.has(candidate) && !isReservedTypeName(candidate)) return candidate;
  const separator = /[0-9]$/.test(candidate) ? "_" : "";
  for (let n = 2; ; n++) {
    const name = `${candidate}${separator}${n}`;
    if (!taken.has(name)) return name;
  }
}
