import { beforeAll, describe, expect, it } from "vitest";
import {
  CI_BUDGET,
  CI_PAIRS,
  CI_SEED,
  ciCaseId,
  type DirectionResult,
  emptyTally,
  findBreak,
  generatePair,
  outcomeOf,
  rolesOf,
  runPairs,
  verdictOf,
} from "../../support/differential/harness.js";
import {
  KNOWN_UNSOUND,
  REGRESSIONS,
  readCases,
  type SoundnessCase,
} from "../../support/differential/known.js";
import { FAMILIES } from "../../support/differential/schemas.js";
import { seedOf } from "../../support/sampling.js";

/**
 * Differential soundness (issue 15): random schema pairs over every keyword family and draft, each
 * direction's verdict checked against ajv on hundreds of instances built from both schemas. A
 * `compatible` with a counterexample, a finding whose example does not break, or a crash fails
 * the test, except the open cases listed in test/fixtures/soundness/known-unsound.json; a listed
 * case that no longer fails fails the test too, so the list only shrinks. Longer runs with figures:
 * `node bench/soundness.js --pairs 20000`.
 */

const known = readCases(KNOWN_UNSOUND).cases;
const regressions = readCases(REGRESSIONS).cases;
const fixedOpen = known.filter((c) => !c.id.startsWith("ci:"));
const ciOpen = new Map(known.filter((c) => c.id.startsWith("ci:")).map((c) => [c.id, c]));

const describeCase = (c: SoundnessCase) =>
  `${c.id} (${c.family}, ${c.draft})\nwriter ${JSON.stringify(c.writer)}\nreader ${JSON.stringify(c.reader)}\ninstance ${JSON.stringify(c.instance)}`;

describe("differential soundness: fixed cases", () => {
  it("lists each case once, in one of the two files", () => {
    const ids = [...known, ...regressions].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(regressions.map((c) => [c.id, c] as const))("%s stays right", (_id, c) => {
    if (c.kind === "wrong-compatible") {
      // The case only proves something while its instance really separates writer and reader.
      const { report } = verdictOf(c.draft, c.writer, c.reader, "backward");
      expect(report, describeCase(c)).toBeDefined();
      expect(
        findBreak(c.draft, c, 0, { perSchema: 0, nudges: 0, random: 0 }, [c.instance ?? null]),
        describeCase(c),
      ).toEqual(c.instance);
      expect(report?.verdict, describeCase(c)).not.toBe("compatible");
    }
    expect(outcomeOf(c), describeCase(c)).toBe("ok");
  });

  it.each(fixedOpen.map((c) => [c.id, c] as const))(
    "%s is still open (else move it to regressions.json)",
    (_id, c) => {
      expect(
        outcomeOf(c),
        `no longer fails: move it from known-unsound.json to regressions.json\n${describeCase(c)}`,
      ).toBe(c.kind);
    },
  );
});

describe("differential soundness: random pairs (fixed seed)", () => {
  const failures: DirectionResult[] = [];
  let tally = emptyTally();
  beforeAll(() => {
    tally = runPairs(CI_SEED, 0, CI_PAIRS, CI_BUDGET, (result) => failures.push(result));
  });

  it("covers every family in every draft that has it", () => {
    const seen = new Set<string>();
    for (let index = 0; index < 120; index++) {
      const pair = generatePair(CI_SEED, index);
      seen.add(`${pair.draft}/${pair.family}`);
    }
    // unevaluated* exists from 2019-09 on.
    expect(seen.size).toBe(FAMILIES.length * 3 - 1);
  });

  it("no wrong compatible, bogus example or crash beyond the known-open CI directions", () => {
    const unexpected = failures
      .filter((result) => !ciOpen.has(ciCaseId(result.pair, result.direction)))
      .map(
        (result) =>
          `${ciCaseId(result.pair, result.direction)} ${result.outcome} (${result.pair.draft}, focus ${result.pair.family})\n` +
          `a ${JSON.stringify(result.pair.a)}\nb ${JSON.stringify(result.pair.b)}\n` +
          `counterexample ${JSON.stringify(result.counterexample)} finding ${JSON.stringify(result.finding)} error ${result.error ?? ""}`,
      );
    expect(unexpected).toEqual([]);
  });

  it("every known-open CI direction still fails (else remove it from known-unsound.json)", () => {
    const failing = new Set(failures.map((result) => ciCaseId(result.pair, result.direction)));
    const fixed = [...ciOpen.keys()].filter((id) => !failing.has(id));
    expect(fixed, "these no longer fail: remove them from known-unsound.json").toEqual([]);
  });

  it("decides most directions, both ways (else the property holds vacuously)", () => {
    expect(tally.directions).toBe(CI_PAIRS * 2);
    expect(tally.verdicts.compatible).toBeGreaterThan(tally.directions * 0.25);
    expect(tally.verdicts.incompatible).toBeGreaterThan(tally.directions * 0.25);
    expect(tally.verdicts.undetermined).toBeLessThan(tally.directions * 0.2);
  });

  it("finds a counterexample for nearly every direction the engine proves incompatible (the search is strong)", () => {
    let proven = 0;
    let found = 0;
    for (let index = 0; index < 150; index++) {
      const pair = generatePair(CI_SEED, index);
      for (const direction of ["backward", "forward"] as const) {
        const { report } = verdictOf(pair.draft, pair.a, pair.b, direction);
        if (report?.verdict !== "incompatible") continue;
        proven++;
        const seed = seedOf(`${pair.id}:${direction}`);
        if (findBreak(pair.draft, rolesOf(pair, direction), seed, CI_BUDGET) !== undefined) found++;
      }
    }
    expect(proven).toBeGreaterThan(50);
    expect(found / proven).toBeGreaterThan(0.9);
  });
});
