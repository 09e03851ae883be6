#!/usr/bin/env node
// Differential soundness of the compatibility engine, the long run (issue 15): generated schema
// pairs over every keyword family and draft, each direction's verdict checked against ajv on
// hundreds of instances built from both schemas. Prints pairs and directions tried, verdict
// counts, wrong `compatible` verdicts by root-cause family (minimised cases written to --out),
// bogus examples, crashes, the undetermined rate and how many undetermined directions a plain
// search settles. Runs the TypeScript sources through tsx (no build needed), so it checks the
// engine as it is in the working tree. The CI test (test/contracts/compat/differential.test.ts)
// runs the same harness on a fixed seed and a smaller budget.
//
// Usage: node bench/soundness.js [--seed 1] [--pairs 2000] [--first 0] [--budget long|ci]
//          [--out /tmp/accord-soundness-<seed>.json] [--minimise 12] [--update-known [--merge FILE]...]
// --update-known rewrites test/fixtures/soundness/known-unsound.json: the CI run's failing
// directions, this run's minimised cases (and those of earlier runs' --out files given with
// --merge), and the fixed cases still open; fixed cases that now hold move to regressions.json.
// `--pairs 0 --update-known --merge /tmp/accord-soundness-1.json` refreshes the list from a
// finished long run without repeating it.
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    pairs: { type: "string", default: "2000" },
    first: { type: "string", default: "0" },
    budget: { type: "string", default: "long" },
    out: { type: "string" },
    minimise: { type: "string", default: "12" },
    "update-known": { type: "boolean", default: false },
    merge: { type: "string", multiple: true, default: [] },
    worker: { type: "boolean", default: false },
    from: { type: "string" },
    to: { type: "string" },
    stream: { type: "string" },
  },
});

register();
if (values.worker) {
  // A child of the run (see soundness-worker.ts): checks its range and streams the results.
  const { runWorker } = await import("./soundness-worker.ts");
  const { CI_BUDGET, LONG_BUDGET } = await import("../test/support/differential/harness.ts");
  runWorker(
    Number(values.seed),
    Number(values.from),
    Number(values.to),
    values.budget === "ci" ? CI_BUDGET : LONG_BUDGET,
    values.stream,
  );
  process.exit(0);
}
const { runSoundness } = await import("./soundness-run.ts");
await runSoundness({
  seed: Number(values.seed),
  first: Number(values.first),
  pairs: Number(values.pairs),
  budget: values.budget === "ci" ? "ci" : "long",
  out: values.out ?? `/tmp/accord-soundness-${values.seed}.json`,
  minimisePerFamily: Number(values.minimise),
  updateKnown: values["update-known"],
  merge: values.merge,
});
