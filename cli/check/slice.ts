import { loadCatalog } from "../../contracts/catalog/load.js";
import type { Catalog } from "../../contracts/catalog/types.js";
import type { AccordError } from "../../contracts/errors.js";
import { type GatePart, gatePart } from "../../contracts/gate/index.js";

/**
 * One slice of a catalog (some subjects' files, plus accord.yaml), loaded and gated. The same code
 * runs on the main thread and in gate workers (cli/check/worker.ts), so a parallel check cannot
 * differ from a sequential one.
 */

export interface SliceInput {
  /** accord.yaml and the slice's files of the working tree. */
  readonly head: readonly (readonly [string, string])[];
  /** The same at the base ref; "empty" when the ref has no catalog; null without --against. */
  readonly base: readonly (readonly [string, string])[] | "empty" | null;
  readonly allowUndetermined: boolean;
}

export type SliceResult =
  | { readonly ok: true; readonly part: GatePart }
  | { readonly ok: false; readonly from: "head" | "base"; readonly error: AccordError };

export function checkSlice(
  input: SliceInput,
  onProgress?: (done: number, total: number) => void,
): SliceResult {
  const head = loadCatalog(new Map(input.head));
  if (!head.ok) return { ok: false, from: "head", error: head.error };
  let base: Catalog | undefined;
  if (input.base === "empty") base = { config: head.value.config, subjects: [] };
  else if (input.base !== null) {
    const loaded = loadCatalog(new Map(input.base), { reuse: head.value });
    if (!loaded.ok) return { ok: false, from: "base", error: loaded.error };
    base = loaded.value;
  }
  const part = gatePart({
    head: head.value,
    ...(base ? { base } : {}),
    allowUndetermined: input.allowUndetermined,
    ...(onProgress ? { onProgress } : {}),
  });
  return { ok: true, part };
}
