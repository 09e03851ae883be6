import fc from "fast-check";
import { collectHints, createRng, generateInstance } from "../../bench/fixtures/event-schemas.js";
import type { Json } from "../../contracts/schema/types.js";

/** A stable 32-bit seed from a label (FNV-1a), so every case samples the same instances on every run. */
export function seedOf(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export interface SampleOptions {
  readonly seed: number;
  /** Instances generated from the writer (the ones that matter: most are valid there). */
  readonly fromWriter?: number;
  /** Instances generated from the reader: near misses of the reader often sit inside the writer. */
  readonly fromReader?: number;
  /** Arbitrary JSON values from fast-check. */
  readonly random?: number;
  readonly probes?: readonly Json[];
}

/**
 * Candidate events for an inclusion check between a writer and a reader: hand-picked probes, the
 * literal values both schemas mention, instances that follow either schema with and without small
 * perturbations, and arbitrary JSON.
 */
export function sampleInstances(writer: Json, reader: Json, options: SampleOptions): Json[] {
  const rng = createRng(options.seed);
  const hints = collectHints(writer, reader);
  const out: Json[] = [...(options.probes ?? []), ...hints.values];
  const perturbations = [0, 0, 0.03, 0.1, 0.25];
  for (let i = 0; i < (options.fromWriter ?? 300); i++) {
    out.push(generateInstance(rng, writer, { perturb: perturbations[i % perturbations.length], hints }));
  }
  for (let i = 0; i < (options.fromReader ?? 100); i++) {
    out.push(generateInstance(rng, reader, { perturb: perturbations[i % perturbations.length], hints }));
  }
  const random = options.random ?? 100;
  // fast-check's JsonValue is structurally our Json; its array type just is not spelled the same way.
  if (random > 0)
    out.push(
      ...(fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: options.seed | 0, numRuns: random }) as Json[]),
    );
  return out;
}

/** The first instance the writer accepts and the reader rejects, if any. */
export function findCounterexample(
  instances: readonly Json[],
  writerAccepts: (value: unknown) => boolean,
  readerAccepts: (value: unknown) => boolean,
): Json | undefined {
  return instances.find((value) => writerAccepts(value) && !readerAccepts(value));
}

/** How many of the instances the writer accepts: a sampling check is only as good as this number. */
export function countAccepted(instances: readonly Json[], accepts: (value: unknown) => boolean): number {
  return instances.filter((value) => accepts(value)).length;
}
