import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Direction, Verdict } from "../contracts/compat/index.js";
import { ajvFor } from "../contracts/schema/ajv.js";
import type { Json } from "../contracts/schema/types.js";
import {
  checkDirection,
  countResult,
  type DirectionResult,
  emptyTally,
  generatePair,
  type Outcome,
  type RunTally,
} from "../test/support/differential/harness.js";
import type { SearchBudget } from "../test/support/differential/instances.js";

/**
 * Runs the pairs in child processes, so an input that makes V8 abort (no try/catch survives an
 * array past its size limit) costs one pair, not the run: each child streams one line per pair
 * started and per direction checked; when a child dies, the pair it started last is recorded as
 * `fatal` and a new child goes on from the next one.
 */

const SCRIPT = fileURLToPath(new URL("./soundness.js", import.meta.url));
const CHILD_PAIRS = 2_000;
// ajv keeps every schema it compiled; a child empties it now and then (meta-schemas stay), which
// changes no verdict: each compile is self-contained.
const AJV_RESET_EVERY = 500;

type Line =
  | { readonly pair: number }
  | {
      readonly index: number;
      readonly direction: Direction;
      readonly verdict?: Verdict;
      readonly outcome: Outcome;
      readonly counterexample?: Json;
      readonly finding?: { readonly rule: string; readonly example: Json };
      readonly error?: string;
    };

/** The child's side: checks pairs `from`..`to` and appends a line for each step to `stream`. */
export function runWorker(
  seed: number,
  from: number,
  to: number,
  budget: SearchBudget,
  stream: string,
): void {
  const write = (line: Line) => appendFileSync(stream, `${JSON.stringify(line)}\n`);
  for (let index = from; index < to; index++) {
    if ((index - from) % AJV_RESET_EVERY === 0) {
      for (const draft of ["draft-07", "2019-09", "2020-12"] as const) ajvFor(draft).removeSchema();
    }
    write({ pair: index });
    const pair = generatePair(seed, index);
    for (const direction of ["backward", "forward"] as const) {
      const { verdict, outcome, counterexample, finding, error } = checkDirection(pair, direction, budget);
      write({ index, direction, verdict, outcome, counterexample, finding, error });
    }
  }
}

/** The line of a dying child's stderr that says why (V8's "Fatal ..." or the uncaught error). */
function diagnosis(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.replace(/^#\s*/, "").trim());
  return lines.find((line) => /fatal|error/i.test(line)) ?? lines.find((line) => line !== "") ?? "no output";
}

/** The parent's side: every pair of the run, in children; results in pair order. */
export function runIsolated(
  seed: number,
  first: number,
  pairs: number,
  budget: "ci" | "long",
  onEach: (result: DirectionResult) => void,
): RunTally {
  const tally = emptyTally();
  const dir = mkdtempSync(join(tmpdir(), "accord-soundness-"));
  try {
    const end = first + pairs;
    let next = first;
    let child = 0;
    while (next < end) {
      const to = Math.min(end, next + CHILD_PAIRS);
      const stream = join(dir, `child-${child++}.jsonl`);
      const run = spawnSync(
        process.execPath,
        [
          SCRIPT,
          "--worker",
          `--seed=${seed}`,
          `--from=${next}`,
          `--to=${to}`,
          `--budget=${budget}`,
          `--stream=${stream}`,
        ],
        { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      );
      const lines = existsSync(stream)
        ? readFileSync(stream, "utf8")
            .split("\n")
            .filter((line) => line !== "")
            .map((line) => JSON.parse(line) as Line)
        : [];
      let started: { index: number; done: Direction[] } | undefined;
      for (const line of lines) {
        if ("pair" in line) {
          started = { index: line.pair, done: [] };
          tally.pairs++;
          continue;
        }
        const result: DirectionResult = { ...line, pair: generatePair(seed, line.index) };
        started?.done.push(line.direction);
        countResult(tally, result);
        onEach(result);
      }
      if (run.status === 0) {
        next = to;
      } else {
        // The child died inside the pair it started last, in the first direction not written.
        if (!started) throw new Error(`soundness child for pairs ${next}..${to} died before its first pair`);
        const direction = started.done.includes("backward") ? "forward" : "backward";
        const result: DirectionResult = {
          pair: generatePair(seed, started.index),
          direction,
          outcome: "fatal",
          error: `process died (${run.signal ?? `exit ${run.status}`}): ${diagnosis(run.stderr)}`,
        };
        countResult(tally, result);
        onEach(result);
        next = started.index + 1;
      }
      process.stderr.write(`\r${tally.pairs}/${pairs} pairs, ${tally.wrongCompatible} wrong compatible   `);
    }
    process.stderr.write("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return tally;
}
