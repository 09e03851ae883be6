import { unescapePointerToken } from "../schema/pointer.js";

/**
 * A consumer's read paths: instance paths in JSON Pointer syntax (`/orderId`, `/lines/*\/sku`),
 * where `*` stands for every array item or map value. Paths share prefixes, so they are kept as a
 * trie: the derivation walks the schema once per step, whatever the number of paths.
 */

/** The token meaning "every array item or map value". A property literally named `*` cannot be read. */
export const EVERY = "*";

export interface ReadTrie {
  /** True when a declared path ends here: the consumer reads this value whole. */
  readonly whole: boolean;
  readonly children: ReadonlyMap<string, ReadTrie>;
}

/** The tokens of a read path, or why it is not one. */
export function parseReadPath(path: string): { ok: true; tokens: string[] } | { ok: false; reason: string } {
  if (!path.startsWith("/")) {
    return { ok: false, reason: 'a read path is a JSON Pointer into the event and starts with "/"' };
  }
  const tokens: string[] = [];
  for (const raw of path.slice(1).split("/")) {
    const token = unescapePointerToken(raw);
    if (token === undefined) return { ok: false, reason: `"~" must be followed by 0 or 1 (in "${raw}")` };
    if (token === "") return { ok: false, reason: "a read path has no empty steps" };
    tokens.push(token);
  }
  return { ok: true, tokens };
}

interface MutableTrie {
  whole: boolean;
  children: Map<string, MutableTrie>;
}

/** The trie of already parsed paths. */
export function readTrie(paths: readonly (readonly string[])[]): ReadTrie {
  const root: MutableTrie = { whole: false, children: new Map() };
  for (const tokens of paths) {
    let node = root;
    for (const token of tokens) {
      let next = node.children.get(token);
      if (!next) {
        next = { whole: false, children: new Map() };
        node.children.set(token, next);
      }
      node = next;
    }
    node.whole = true;
  }
  return root;
}

/** The union of two tries: what a map value named `a` is read for, given reads of `/m/a/..` and `/m/*\/..`. */
export function mergeTries(a: ReadTrie | undefined, b: ReadTrie | undefined): ReadTrie | undefined {
  if (!a) return b;
  if (!b) return a;
  const children = new Map(a.children);
  for (const [token, child] of b.children)
    children.set(token, mergeTries(children.get(token), child) as ReadTrie);
  return { whole: a.whole || b.whole, children };
}
