import type { Json } from "../../../contracts/schema/types.js";

/**
 * Greedy shrinking of a failing schema pair: try every one-step simplification of either schema
 * (a keyword deleted, a sub-schema replaced by `true`/`false`/`{}`, a list element dropped, a
 * number rounded) and keep the first that still fails, until none does or the budget runs out.
 * What "still fails" means is the caller's (a wrong `compatible` that still has a counterexample).
 */

type Node = { [key: string]: Json } | Json[];

const isContainer = (value: Json): value is Node => value !== null && typeof value === "object";

/** Simplifications of one document, each as a fresh copy; `$schema` at the root stays. */
export function simplifications(root: Json): Json[] {
  const out: Json[] = [];
  const edit = (path: readonly (string | number)[], change: (parent: Node, key: string | number) => void) => {
    const copy = structuredClone(root);
    let parent = copy as Node;
    for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step] as Node;
    change(parent, path[path.length - 1] as string | number);
    out.push(copy);
  };
  if (isContainer(root) && !Array.isArray(root) && Object.keys(root).some((key) => key !== "$schema")) {
    const keep: Json = typeof root.$schema === "string" ? { $schema: root.$schema } : {};
    out.push(keep, true);
  }
  const visit = (node: Json, path: (string | number)[]): void => {
    if (!isContainer(node)) return;
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        edit([...path, index], (parent) => (parent as Json[]).splice(index, 1));
        visit(child, [...path, index]);
      });
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (path.length === 0 && key === "$schema") continue;
      const here = [...path, key];
      edit(here, (parent) => {
        delete (parent as Record<string, Json>)[key];
      });
      if (isContainer(child) && !Array.isArray(child)) {
        for (const replacement of [true, false, {}] as Json[]) {
          if (JSON.stringify(child) !== JSON.stringify(replacement))
            edit(here, (parent) => {
              (parent as Record<string, Json>)[key] = replacement;
            });
        }
      }
      if (typeof child === "number" && !Number.isInteger(child) && Math.abs(child) < 1e15) {
        edit(here, (parent) => {
          (parent as Record<string, Json>)[key] = Math.round(child);
        });
      }
      visit(child, here);
    }
  };
  visit(root, []);
  return out;
}

const size = (value: Json) => JSON.stringify(value).length;

export interface Shrinkable {
  readonly writer: Json;
  readonly reader: Json;
}

/**
 * Shrinks both schemas while `fails` holds; `fails` may also return a new witness (kept by the
 * caller). Each accepted step makes the pair strictly smaller, so this terminates.
 */
export function minimise<T extends Shrinkable>(
  start: T,
  fails: (candidate: T) => T | undefined,
  budget = 400,
): T {
  let current = start;
  let tries = 0;
  let progress = true;
  while (progress && tries < budget) {
    progress = false;
    for (const side of ["writer", "reader"] as const) {
      for (const simpler of simplifications(current[side])) {
        if (size(simpler) >= size(current[side])) continue;
        if (++tries > budget) return current;
        const next = fails({ ...current, [side]: simpler });
        if (next) {
          current = next;
          progress = true;
          break;
        }
      }
      if (progress) break;
    }
  }
  return current;
}
