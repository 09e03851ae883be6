import {
  type Alias,
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Parser,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { MAX_NESTING_DEPTH } from "./json-value.js";
import { lineIndex, type Position } from "./text-position.js";
import type { Json } from "./types.js";

/**
 * YAML to plain JSON data. Done by hand from yaml's syntax tree rather than with `toJS()`, which
 * builds cyclic values from self-referencing aliases, returns Buffers, Dates and NaN, and writes
 * process warnings for collection keys: none of which a schema may contain, and contracts/ prints
 * nothing. The steps that recurse in yaml (composing the document) only run once the nesting depth
 * is known to be safe; see MAX_NESTING_DEPTH.
 */

export type YamlProblem = {
  readonly kind: "parse" | "too-deep";
  readonly offset: number;
  readonly reason: string;
};

export interface ParsedYaml {
  readonly value: Json;
  /** Position of the node at the tokens, or undefined when there is none. */
  readonly locate: (tokens: readonly string[]) => Position | undefined;
}

/** Alias expansion beyond this many nodes is refused: a few lines of aliases can describe billions. */
export const MAX_ALIAS_EXPANSION = 100_000;

const JSON_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`),
);

type YamlNode = Scalar | YAMLMap | YAMLSeq | Alias;

export function parseYaml(
  text: string,
): { ok: true; value: ParsedYaml } | { ok: false; problem: YamlProblem } {
  // The parser builds its syntax tree with a loop, so it is safe on any input; only composing recurses.
  const tokens = Array.from(new Parser().parse(text));
  const deepAt = firstTooDeep(tokens);
  if (deepAt !== undefined) {
    return { ok: false, problem: { kind: "too-deep", offset: deepAt, reason: "nested too deeply" } };
  }
  // uniqueKeys rejects duplicate keys, which would otherwise silently keep the last value.
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false });
  const docs = Array.from(composer.compose(tokens, true, text.length));
  const doc = docs[0] as Document.Parsed;
  const second = docs[1];
  if (second) {
    return {
      ok: false,
      problem: {
        kind: "parse",
        offset: second.range[0],
        reason: "a schema file holds one YAML document; this is a second",
      },
    };
  }
  const error = doc.errors[0];
  if (error) {
    return { ok: false, problem: { kind: "parse", offset: error.pos[0], reason: lowerFirst(error.message) } };
  }
  const converted = toJson(doc.contents as YamlNode | null);
  if (!converted.ok) return converted;
  const position = lineIndex(text);
  return {
    ok: true,
    value: {
      value: converted.value,
      locate: (path) => {
        const offset = offsetOf(doc, path);
        return offset === undefined ? undefined : position(offset);
      },
    },
  };
}

function lowerFirst(message: string): string {
  // "Map keys must be unique" reads as the rest of a sentence after `file:line:column:`; keep acronyms.
  return /^[A-Z][a-z]/.test(message) ? message[0]?.toLowerCase() + message.slice(1) : message;
}

/** Offset of the first collection nested deeper than the limit, walking the syntax tree with a loop. */
function firstTooDeep(tokens: readonly CST.Token[]): number | undefined {
  // Children are pushed in reverse so that they are popped, and checked, in document order.
  const work: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 })).reverse();
  while (work.length > 0) {
    const { token, depth } = work.pop() as { token: CST.Token; depth: number };
    if (token.type === "document") {
      if (token.value) work.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection")
      continue;
    const inner = depth + 1;
    if (inner > MAX_NESTING_DEPTH) return token.offset;
    for (let i = token.items.length - 1; i >= 0; i--) {
      const item = token.items[i] as CST.CollectionItem;
      if (item.value) work.push({ token: item.value, depth: inner });
      if (item.key) work.push({ token: item.key, depth: inner });
    }
  }
  return undefined;
}

/** The JSON property name for a YAML key: strings as they are, other scalars as written (`1.0`, `0x10`). */
function keyText(key: Scalar): string {
  if (typeof key.value === "string") return key.value;
  return key.source ?? String(key.value);
}

function offsetOfNode(node: { range?: readonly number[] | null } | null | undefined): number {
  return node?.range?.[0] ?? 0;
}

type Task =
  | {
      readonly kind: "node";
      readonly node: YamlNode | null;
      readonly assign: (value: Json) => void;
      readonly depth: number;
      readonly viaAlias: boolean;
    }
  | {
      readonly kind: "pair";
      readonly map: YAMLMap;
      readonly index: number;
      readonly target: Record<string, Json>;
      readonly depth: number;
      readonly viaAlias: boolean;
    }
  | { readonly kind: "leave"; readonly node: object };

/**
 * Builds plain data in document order with an explicit stack. Aliases are expanded into copies (so
 * the result is a tree), resolved against the anchors seen so far, which is exactly YAML's rule that
 * an alias names the closest preceding anchor; an alias to a node still being built is a cycle.
 */
function toJson(root: YamlNode | null): { ok: true; value: Json } | { ok: false; problem: YamlProblem } {
  const anchors = new Map<string, YamlNode>();
  const building = new Set<object>();
  let aliasNodes = 0;
  let result: Json = null;
  const fail = (node: unknown, reason: string, kind: YamlProblem["kind"] = "parse") => ({
    ok: false as const,
    problem: { kind, offset: offsetOfNode(node as Scalar), reason },
  });
  const work: Task[] = [
    { kind: "node", node: root, assign: (value) => (result = value), depth: 0, viaAlias: false },
  ];

  while (work.length > 0) {
    const task = work.pop() as Task;
    if (task.kind === "leave") {
      building.delete(task.node);
      continue;
    }
    if (task.kind === "pair") {
      const pair = task.map.items[task.index];
      let key = pair?.key as YamlNode | null | undefined;
      if (key && !task.viaAlias && "anchor" in key && key.anchor) anchors.set(key.anchor, key);
      if (isAlias(key)) {
        const anchored = anchors.get(key.source);
        if (!anchored) return fail(key, `alias *${key.source} has no anchor &${key.source} before it`);
        key = anchored;
      }
      let name: string;
      if (key === null || key === undefined) name = "";
      else if (!isScalar(key)) return fail(key, "mapping keys must be strings or other scalars");
      else if (typeof key.value === "symbol")
        return fail(key, "YAML merge keys (<<) are not supported; write the keys out");
      else name = keyText(key);
      const target = task.target;
      work.push({
        kind: "node",
        node: (pair?.value ?? null) as YamlNode | null,
        // defineProperty keeps `__proto__` an ordinary own key instead of replacing the prototype.
        assign: (value) =>
          Object.defineProperty(target, name, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          }),
        depth: task.depth,
        viaAlias: task.viaAlias,
      });
      continue;
    }

    let node = task.node;
    let viaAlias = task.viaAlias;
    if (node && !viaAlias && !isAlias(node) && node.anchor) anchors.set(node.anchor, node);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return fail(node, `alias *${node.source} has no anchor &${node.source} before it`);
      if (building.has(target)) return fail(node, `alias *${node.source} refers to a node that contains it`);
      node = target;
      viaAlias = true;
    }
    if (viaAlias && ++aliasNodes > MAX_ALIAS_EXPANSION) {
      return fail(task.node, `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes`);
    }
    if (node === null) {
      task.assign(null);
      continue;
    }
    if (node.tag !== undefined && !JSON_TAGS.has(node.tag)) {
      return fail(
        node,
        `YAML tag ${node.tag.replace("tag:yaml.org,2002:", "!!")} is not supported in a schema`,
      );
    }
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === "string" || typeof value === "boolean" || value === null) task.assign(value);
      else if (typeof value === "number" && Number.isFinite(value)) task.assign(value);
      else if (typeof value === "number") return fail(node, `${node.source ?? value} is not a JSON number`);
      else return fail(node, "this YAML value has no JSON equivalent");
      continue;
    }
    const depth = task.depth + 1;
    if (depth > MAX_NESTING_DEPTH) return fail(node, "nested too deeply", "too-deep");
    building.add(node);
    work.push({ kind: "leave", node });
    if (isMap(node)) {
      const target: Record<string, Json> = {};
      task.assign(target);
      for (let i = node.items.length - 1; i >= 0; i--)
        work.push({ kind: "pair", map: node, index: i, target, depth, viaAlias });
    } else if (isSeq(node)) {
      const target: Json[] = [];
      task.assign(target);
      for (let i = node.items.length - 1; i >= 0; i--) {
        work.push({
          kind: "node",
          node: node.items[i] as YamlNode | null,
          assign: (value) => target.push(value),
          depth,
          viaAlias,
        });
      }
    } else {
      return fail(node, "this YAML node has no JSON equivalent");
    }
  }
  return { ok: true, value: result };
}

/** Offset of the node at the tokens; the key's offset when the value is empty (`key:`). */
function offsetOf(doc: Document.Parsed, tokens: readonly string[]): number | undefined {
  let node = doc.contents as YamlNode | null;
  if (tokens.length === 0) return offsetOfNode(node);
  for (const [i, token] of tokens.entries()) {
    if (isAlias(node)) node = (node.resolve(doc) as YamlNode | undefined) ?? null;
    const last = i === tokens.length - 1;
    if (isMap(node)) {
      // Keys are unique (the composer rejects duplicates), so the first match is the only one.
      const pair = node.items.find((item) => {
        let key = item.key as YamlNode | null;
        if (isAlias(key)) key = (key.resolve(doc) as YamlNode | undefined) ?? null;
        return (key === null ? "" : isScalar(key) ? keyText(key) : undefined) === token;
      });
      if (!pair) return undefined;
      const value = pair.value as YamlNode | null | undefined;
      // `key:` with nothing after it parses as a zero-width null scalar; the key is what people can see.
      const empty = !value || (isScalar(value) && value.range?.[0] === value.range?.[1]);
      if (last && empty) return offsetOfNode(pair.key as Scalar);
      node = pair.value as YamlNode | null;
    } else if (isSeq(node)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(token)) return undefined;
      node = (node.items[Number(token)] as YamlNode | null | undefined) ?? null;
      if (!node) return undefined;
    } else {
      return undefined;
    }
  }
  return offsetOfNode(node);
}
