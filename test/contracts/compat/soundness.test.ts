import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, generateEventSchema, mutateSchema } from "../../../bench/fixtures/event-schemas.js";
import {
  type CompareOptions,
  type CompatReport,
  compareSchemas,
  type Direction,
} from "../../../contracts/compat/index.js";
import type { Json } from "../../../contracts/schema/types.js";
import { closeWriter, compileValidator } from "../../support/corpus.js";
import { findCounterexample, sampleInstances } from "../../support/sampling.js";
import { schemaDocument } from "../../support/schema-doc.js";

// Fixed so a failure replays; fast-check prints the failing seed of the pair as well.
const SEED = 0x0acc0d;
const RUNS = 300;

interface Pair {
  readonly seed: number;
  readonly a: Json;
  readonly b: Json;
}

/** A realistic event schema and its next version, both from one seed. */
function pairOf(seed: number): Pair {
  const rng = createRng(seed);
  const a = generateEventSchema(rng, { properties: [1, 8], maxDepth: 3, defs: rng.chance(0.2) ? 1 : 0 });
  return { seed, a, b: mutateSchema(rng, a) };
}

const seeds = fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff }));
const extraValues = fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }) as fc.Arbitrary<Json[]>;

type Tally = Record<CompatReport["verdict"], number>;

/**
 * Checks one direction of one pair: a `compatible` verdict must survive every sampled event, and
 * every finding of an `incompatible` one must be a real break.
 */
function checkDirection(
  pair: Pair,
  extra: readonly Json[],
  direction: Direction,
  options: CompareOptions,
): CompatReport {
  const writer = direction === "backward" ? pair.a : pair.b;
  const reader = direction === "backward" ? pair.b : pair.a;
  const report = compareSchemas(
    schemaDocument(pair.a, `seed ${pair.seed} (a)`),
    schemaDocument(pair.b, `seed ${pair.seed} (b)`),
    direction === "backward" ? "BACKWARD" : "FORWARD",
    options,
  );
  const writerAccepts = compileValidator(
    options.writersEmitOnlyDeclared ? closeWriter(writer) : writer,
    "draft-07",
  );
  const readerAccepts = compileValidator(reader, "draft-07");
  const context = () =>
    `seed ${pair.seed} ${direction}\na = ${JSON.stringify(pair.a)}\nb = ${JSON.stringify(pair.b)}`;
  if (report.verdict === "compatible") {
    const instances = [
      ...extra,
      ...sampleInstances(writer, reader, { seed: pair.seed, fromWriter: 60, fromReader: 20, random: 0 }),
    ];
    const counterexample = findCounterexample(instances, writerAccepts, readerAccepts);
    if (counterexample !== undefined) {
      throw new Error(
        `engine said compatible, but ${JSON.stringify(counterexample)} breaks the reader\n${context()}`,
      );
    }
  }
  for (const finding of report.findings) {
    if (!writerAccepts(finding.example) || readerAccepts(finding.example)) {
      throw new Error(
        `finding ${finding.rule} has an example that does not break: ${JSON.stringify(finding.example)}\n${context()}`,
      );
    }
  }
  return report;
}

describe("compat soundness on generated event schemas", () => {
  it("generates valid draft-07 schemas, small and bench-sized", () => {
    for (let i = 0; i < 200; i++) {
      const pair = pairOf(i * 104_729);
      const rng = createRng(i);
      const wide = generateEventSchema(rng, {
        properties: [26, 34],
        nestedProperties: 5,
        defs: 3,
        refRate: 0.12,
      });
      for (const schema of [pair.a, pair.b, wide, mutateSchema(rng, wide, { edits: 3 })]) {
        expect(() => compileValidator(schema, "draft-07"), JSON.stringify(schema)).not.toThrow();
      }
    }
  });

  it("generates pairs where breaks are common but not universal (else the property proves little)", () => {
    let broken = 0;
    const total = 150;
    for (let i = 0; i < total; i++) {
      const pair = pairOf(i * 7919);
      const instances = sampleInstances(pair.a, pair.b, {
        seed: i,
        fromWriter: 60,
        fromReader: 20,
        random: 0,
      });
      const found = findCounterexample(
        instances,
        compileValidator(pair.a, "draft-07"),
        compileValidator(pair.b, "draft-07"),
      );
      if (found !== undefined) broken++;
    }
    expect(broken).toBeGreaterThan(total * 0.2);
    expect(broken).toBeLessThan(total * 0.8);
  });

  it("BACKWARD and FORWARD: compatible means no sampled event breaks; every finding's example breaks", () => {
    const tally: Tally = { compatible: 0, incompatible: 0, undetermined: 0 };
    fc.assert(
      fc.property(seeds, extraValues, (seed, extra) => {
        const pair = pairOf(seed);
        for (const direction of ["backward", "forward"] as const)
          tally[checkDirection(pair, extra, direction, {}).verdict]++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The engine must decide most generated pairs; a wall of `undetermined` would pass the property vacuously.
    expect(tally.compatible).toBeGreaterThan(RUNS * 0.2);
    expect(tally.incompatible).toBeGreaterThan(RUNS * 0.2);
    expect(tally.undetermined).toBeLessThan(RUNS * 0.2);
  });

  it("with writersEmitOnlyDeclared, compatible still means no event the closed writer emits breaks", () => {
    fc.assert(
      fc.property(seeds, extraValues, (seed, extra) => {
        const pair = pairOf(seed);
        for (const direction of ["backward", "forward"] as const) {
          checkDirection(pair, extra, direction, { writersEmitOnlyDeclared: true });
        }
      }),
      { seed: SEED + 1, numRuns: 100 },
    );
  });
});
