#!/usr/bin/env node
// The compatibility engine's speed on published schemas (issue 11): consecutive releases of
// GitHub's webhook payload schemas (20-40 KB each), each pair compared under FULL, against the
// floor of ajv compiling both schemas of the pair in the same run. Prints per-pair figures, the
// ratio, the slowest pair, verdict counts and the undetermined rules; only with --record adds the
// run to its table in bench/RESULTS.md. Runs the TypeScript sources through tsx (no build needed).
//
// Usage: node bench/realworld-diff.js [--pairs 60] [--all] [--record]
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";
import { recordRun } from "./support/record.js";

const { values } = parseArgs({
  options: {
    pairs: { type: "string", default: "60" },
    all: { type: "boolean", default: false },
    record: { type: "boolean", default: false },
  },
});

register();
const { runRealworldDiff } = await import("./realworld-diff-run.ts");
const run = runRealworldDiff({ pairs: values.all ? Number.POSITIVE_INFINITY : Number(values.pairs) });
if (values.record) recordRun("realworld-diff", run);
