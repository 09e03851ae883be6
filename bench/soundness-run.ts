import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { ajvFor } from "../contracts/schema/ajv.js";
import type { Draft } from "../contracts/schema/types.js";
import {
  CI_BUDGET,
  CI_PAIRS,
  CI_SEED,
  caseOf,
  ciCaseId,
  type DirectionResult,
  emptyTally,
  LONG_BUDGET,
  outcomeOf,
  type RunTally,
  rolesOf,
  runPairs,
} from "../test/support/differential/harness.js";
import {
  KNOWN_UNSOUND,
  REGRESSIONS,
  readCases,
  type SoundnessCase,
  writeCases,
} from "../test/support/differential/known.js";
import { runIsolated } from "./soundness-worker.js";

/** The long run behind bench/soundness.js (see there for usage). */

export interface SoundnessOptions {
  readonly seed: number;
  /** The first pair's index (to replay a stretch of a run). */
  readonly first: number;
  readonly pairs: number;
  readonly budget: "ci" | "long";
  readonly out: string;
  readonly minimisePerFamily: number;
  readonly updateKnown: boolean;
  /** Output files of earlier runs whose cases join this run's in known-unsound.json. */
  readonly merge: readonly string[];
}

const DRAFTS: readonly Draft[] = ["draft-07", "2019-09", "2020-12"];
// ajv keeps every schema it compiled; a long run compiles tens of thousands, so it is emptied
// now and then (meta-schemas stay), which changes no verdict: each compile is self-contained.
const AJV_RESET_EVERY = 500;

function percent(part: number, whole: number): string {
  return whole === 0 ? "0%" : `${((100 * part) / whole).toFixed(2)}%`;
}

function runInChunks(
  seed: number,
  pairs: number,
  budget: typeof CI_BUDGET,
  onFailure: (r: DirectionResult) => void,
): RunTally {
  const tally = emptyTally();
  for (let from = 0; from < pairs; from += AJV_RESET_EVERY) {
    runPairs(seed, from, Math.min(pairs, from + AJV_RESET_EVERY), budget, onFailure, tally);
    for (const draft of DRAFTS) ajvFor(draft).removeSchema();
    process.stderr.write(`\r${tally.pairs}/${pairs} pairs, ${tally.wrongCompatible} wrong compatible   `);
  }
  process.stderr.write("\n");
  return tally;
}

export async function runSoundness(options: SoundnessOptions): Promise<void> {
  const budget = options.budget === "ci" ? CI_BUDGET : LONG_BUDGET;
  const started = performance.now();
  const failures: DirectionResult[] = [];
  // Per focus family: directions, undetermined ones, and those a search settled.
  const undecided: Record<string, { directions: number; undetermined: number; settled: number }> = {};
  const settledExamples: DirectionResult[] = [];
  const tally = runIsolated(options.seed, options.first, options.pairs, options.budget, (result) => {
    if (result.outcome !== "ok") failures.push(result);
    const key = result.pair.family;
    const row = undecided[key] ?? { directions: 0, undetermined: 0, settled: 0 };
    undecided[key] = row;
    row.directions++;
    if (result.verdict !== "undetermined") return;
    row.undetermined++;
    if (result.counterexample === undefined) return;
    row.settled++;
    if (settledExamples.filter((r) => r.pair.family === key).length < 3) settledExamples.push(result);
  });

  const seconds = (performance.now() - started) / 1000;
  // Saved before minimising, which runs the engine in this process and could meet a fatal input.
  writeFileSync(
    options.out,
    `${JSON.stringify({ seed: options.seed, tally, unminimised: failures.map(({ pair, ...rest }) => ({ ...rest, pair: pair.id, ...rolesOf(pair, rest.direction), draft: pair.draft })) }, null, 2)}\n`,
  );

  // Minimise a bounded number per focus family (minimising is far dearer than finding).
  const perFocus = new Map<string, number>();
  const cases: SoundnessCase[] = [];
  const rawByFocus: Record<string, number> = {};
  for (const failure of failures) {
    const focus = `${failure.outcome}/${failure.pair.family}`;
    rawByFocus[focus] = (rawByFocus[focus] ?? 0) + 1;
    const seen = perFocus.get(focus) ?? 0;
    if (seen >= options.minimisePerFamily) continue;
    perFocus.set(focus, seen + 1);
    const id = `run-${options.seed}:${failure.pair.id.split(":")[1]}:${failure.direction}`;
    cases.push(
      caseOf(
        failure,
        id,
        `bench/soundness.js --seed ${options.seed}, pair ${failure.pair.id} ${failure.direction}`,
        budget,
      ),
    );
  }
  const byRootFamily: Record<string, number> = {};
  for (const c of cases)
    byRootFamily[`${c.kind}/${c.family}`] = (byRootFamily[`${c.kind}/${c.family}`] ?? 0) + 1;

  const undetermined = tally.verdicts.undetermined;
  console.log(`seed ${options.seed}, budget ${options.budget}, ${seconds.toFixed(1)} s`);
  console.log(`pairs                      ${tally.pairs}`);
  console.log(`directions                 ${tally.directions}`);
  console.log(
    `verdicts                   compatible ${tally.verdicts.compatible}, incompatible ${tally.verdicts.incompatible}, undetermined ${undetermined}`,
  );
  console.log(
    `wrong compatible           ${tally.wrongCompatible} (${percent(tally.wrongCompatible, tally.directions)} of directions)`,
  );
  console.log(`bogus examples             ${tally.bogus}`);
  console.log(`crashes                    ${tally.crashes}`);
  console.log(`undetermined rate          ${percent(undetermined, tally.directions)}`);
  console.log(
    `undetermined, search found a counterexample  ${tally.undeterminedWithCounterexample} (${percent(tally.undeterminedWithCounterexample, undetermined)} of undetermined)`,
  );
  console.log("raw failures by outcome/focus family of the pair:");
  for (const [key, count] of Object.entries(rawByFocus).sort()) console.log(`  ${key.padEnd(40)} ${count}`);
  console.log(
    `minimised cases by outcome/root-cause family (at most ${options.minimisePerFamily} per focus family):`,
  );
  for (const [key, count] of Object.entries(byRootFamily).sort()) console.log(`  ${key.padEnd(40)} ${count}`);

  console.log("undetermined by focus family: directions, undetermined (rate), settled by the search:");
  for (const [family, row] of Object.entries(undecided).sort()) {
    console.log(
      `  ${family.padEnd(14)} ${String(row.directions).padStart(6)} ${String(row.undetermined).padStart(6)} (${percent(row.undetermined, row.directions)}) ${String(row.settled).padStart(5)}`,
    );
  }
  // Unminimised: the engine could have said incompatible here, with this instance.
  const settled = settledExamples.map((result) => ({
    pair: result.pair.id,
    direction: result.direction,
    family: result.pair.family,
    draft: result.pair.draft,
    ...rolesOf(result.pair, result.direction),
    instance: result.counterexample,
  }));
  writeFileSync(
    options.out,
    `${JSON.stringify({ seed: options.seed, tally, rawByFocus, undecided, cases, settled }, null, 2)}\n`,
  );
  console.log(`cases written to ${options.out}`);

  if (options.updateKnown) {
    const earlier = options.merge.flatMap(
      (file) => (JSON.parse(readFileSync(file, "utf8")) as { cases: SoundnessCase[] }).cases,
    );
    updateKnown([...cases, ...earlier]);
  }
}

function sameCase(a: SoundnessCase, b: SoundnessCase): boolean {
  return a.draft === b.draft && JSON.stringify([a.writer, a.reader]) === JSON.stringify([b.writer, b.reader]);
}

/**
 * known-unsound.json from scratch: fixed cases still open are kept (the ones that now hold move
 * to regressions.json), this run's minimised cases are added (one per distinct pair), and the CI
 * run's failing directions are listed by id with their minimised form.
 */
function updateKnown(runCases: readonly SoundnessCase[]): void {
  const known = readCases(KNOWN_UNSOUND);
  const regressions = readCases(REGRESSIONS);
  const fixed = known.cases.filter((c) => !c.id.startsWith("ci:"));
  const open: SoundnessCase[] = [];
  for (const c of fixed) {
    if (outcomeOf(c) === c.kind) open.push(c);
    else if (!regressions.cases.some((r) => r.id === c.id)) regressions.cases.push(c);
  }
  for (const c of runCases) {
    if (c.kind === "wrong-compatible" && outcomeOf(c) !== "wrong-compatible") continue;
    if (!open.some((other) => sameCase(other, c))) open.push(c);
  }
  const ciCases: SoundnessCase[] = [];
  runInChunks(CI_SEED, CI_PAIRS, CI_BUDGET, (failure) => {
    ciCases.push(
      caseOf(
        failure,
        ciCaseId(failure.pair, failure.direction),
        `CI run, pair ${failure.pair.id}`,
        CI_BUDGET,
      ),
    );
  });
  writeCases(KNOWN_UNSOUND, { about: known.about, cases: [...open, ...ciCases] });
  writeCases(REGRESSIONS, regressions);
  console.log(
    `known-unsound.json: ${open.length} fixed cases, ${ciCases.length} CI directions; regressions.json: ${regressions.cases.length} cases`,
  );
}
