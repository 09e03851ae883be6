import { loadCatalog } from "../../contracts/catalog/load.js";
import type { Catalog } from "../../contracts/catalog/types.js";
import type { AccordError } from "../../contracts/errors.js";
import { type GatePart, gatePart } from "../../contracts/gate/index.js";
import { forgetValidators } from "../../contracts/schema/ajv.js";

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

/** A slice's catalogs loaded: the working tree's, and the base's when there is one. */
export type LoadedSlice =
  | { readonly ok: true; readonly head: Catalog; readonly base?: Catalog }
  | { readonly ok: false; readonly from: "head" | "base"; readonly error: AccordError };

export function loadSlice(input: SliceInput): LoadedSlice {
  const head = loadCatalog(new Map(input.head));
  if (!head.ok) return { ok: false, from: "head", error: head.error };
  if (input.base === null) return { ok: true, head: head.value };
  if (input.base === "empty")
    return { ok: true, head: head.value, base: { config: head.value.config, subjects: [] } };
  const base = loadCatalog(new Map(input.base), { reuse: head.value });
  if (!base.ok) return { ok: false, from: "base", error: base.error };
  return { ok: true, head: head.value, base: base.value };
}

export function checkSlice(
  input: SliceInput,
  onProgress?: (done: number, total: number) => void,
): SliceResult {
  const loaded = loadSlice(input);
  if (!loaded.ok) return loaded;
  const part = gatePart({
    head: loaded.head,
    ...(loaded.base ? { base: loaded.base } : {}),
    allowUndetermined: input.allowUndetermined,
    ...(onProgress ? { onProgress } : {}),
  });
  return { ok: true, part };
}

/**
 * Checks a slice of a parallel check, counting its progress in `progress` (done, total at 2*index)
 * where every thread can read it. Its validators are forgotten afterwards: no other slice shares
 * its documents, and compiled validators are most of what a check holds in memory.
 */
export function checkSliceCounting(
  input: SliceInput,
  index: number,
  progress: SharedArrayBuffer,
  onProgress?: () => void,
): SliceResult {
  const counters = new Int32Array(progress);
  const result = checkSlice(input, (done, total) => {
    Atomics.store(counters, 2 * index, done);
    Atomics.store(counters, 2 * index + 1, total);
    onProgress?.();
  });
  forgetValidators();
  return result;
}
