import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstGapOfFewest } from "../../../contracts/compat/fewest-gaps.js";
import type { Gap, Outcome } from "../../../contracts/compat/gaps.js";

/** A gap standing for its example; `real` says whether the whole reader rejects it. */
function gap(id: number): Gap {
  return { kind: "type", writerPath: "", readerPath: "", subject: String(id), example: id } as Gap;
}

/** The definition: count every outcome's real gaps; the fewest (at least one) wins, earlier on ties. */
function plainAnswer(outcomes: readonly Outcome[], isReal: (gap: Gap) => boolean): Gap | undefined {
  let best: { gap: Gap; count: number } | undefined;
  for (const outcome of outcomes) {
    const real = outcome.gaps.filter(isReal);
    if (real.length > 0 && (!best || real.length < best.count))
      best = { gap: real[0] as Gap, count: real.length };
  }
  return best?.gap;
}

describe("the gap a reader union reports", () => {
  it("is the first real gap of the outcome with the fewest, earlier outcomes winning ties", () => {
    const a = [gap(1), gap(2), gap(3)];
    const b = [gap(4), gap(5)];
    const real = new Set([2, 3, 4, 5]);
    const isReal = (g: Gap) => real.has(g.example as number);
    const outcomes = [
      { gaps: a, unknowns: [] },
      { gaps: b, unknowns: [] },
    ];
    expect(firstGapOfFewest(outcomes, isReal)).toBe(a[1]);
    real.delete(3);
    expect(firstGapOfFewest(outcomes, isReal)).toBe(a[1]);
    real.delete(5);
    real.add(1);
    expect(firstGapOfFewest(outcomes, isReal)).toBe(b[0]);
    expect(firstGapOfFewest([{ gaps: [gap(9)], unknowns: [] }], isReal)).toBeUndefined();
    expect(firstGapOfFewest([], isReal)).toBeUndefined();
  });

  it("answers as counting every gap would, testing fewer", () => {
    const outcomesOf = fc.array(fc.array(fc.boolean(), { maxLength: 12 }), { maxLength: 6 });
    fc.assert(
      fc.property(outcomesOf, (shape) => {
        let id = 0;
        const real = new Set<number>();
        const outcomes: Outcome[] = shape.map((flags) => ({
          gaps: flags.map((flag) => {
            id++;
            if (flag) real.add(id);
            return gap(id);
          }),
          unknowns: [],
        }));
        let tested = 0;
        const answer = firstGapOfFewest(outcomes, (g) => {
          tested++;
          return real.has(g.example as number);
        });
        expect(answer).toBe(plainAnswer(outcomes, (g) => real.has(g.example as number)));
        expect(tested).toBeLessThanOrEqual(id);
      }),
      { numRuns: 5_000 },
    );
  });

  it("tests a lone outcome only up to its first real gap", () => {
    let tested = 0;
    const gaps = [gap(1), gap(2), gap(3), gap(4)];
    const answer = firstGapOfFewest([{ gaps, unknowns: [] }], (g) => {
      tested++;
      return (g.example as number) >= 2;
    });
    expect(answer).toBe(gaps[1]);
    expect(tested).toBe(2);
  });
});
