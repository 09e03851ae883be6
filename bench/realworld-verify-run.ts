import { performance } from "node:perf_hooks";
import {
  checkPair,
  ciSubset,
  type RealworldFailure,
  readKnownRealworld,
  realworldPairs,
  writeKnownRealworld,
} from "../test/support/realworld-verify.js";

/** The run behind bench/realworld-verify.js (see there for usage). */
export function runRealworldVerify(options: { ciSubset: boolean; updateKnown: boolean }): void {
  const all = realworldPairs();
  const pairs = options.ciSubset ? ciSubset(all) : all;
  const failures: RealworldFailure[] = [];
  const verdicts: Record<string, number> = {};
  const bySeries: Record<string, Record<string, number>> = {};
  let findings = 0;
  let undetermined = 0;
  let slowest = { id: "", ms: 0 };
  const started = performance.now();
  for (const pair of pairs) {
    const t0 = performance.now();
    const result = checkPair(pair);
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { id: pair.id, ms };
    failures.push(...result.failures);
    verdicts[result.verdict ?? "crash"] = (verdicts[result.verdict ?? "crash"] ?? 0) + 1;
    findings += result.findings;
    undetermined += result.undetermined;
    const series = pair.id.split(":")[0] as string;
    const counts = bySeries[series] ?? {};
    bySeries[series] = counts;
    for (const failure of result.failures) counts[failure.kind] = (counts[failure.kind] ?? 0) + 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const byKind: Record<string, number> = {};
  for (const failure of failures) byKind[failure.kind] = (byKind[failure.kind] ?? 0) + 1;
  console.log(
    `pairs ${pairs.length} (${options.ciSubset ? "CI subset" : "all"}), ${seconds.toFixed(1)} s, slowest ${slowest.id} ${Math.round(slowest.ms)} ms`,
  );
  console.log(`verdicts (FULL)     ${JSON.stringify(verdicts)}`);
  console.log(`findings            ${findings}, undetermined spots ${undetermined}`);
  console.log(`failures by kind    ${JSON.stringify(byKind)}`);
  for (const [series, counts] of Object.entries(bySeries))
    console.log(`  ${series.padEnd(16)} ${JSON.stringify(counts)}`);
  for (const failure of failures.slice(0, 40)) console.log(`  ${failure.id}\n      ${failure.detail}`);
  if (failures.length > 40) console.log(`  ... ${failures.length - 40} more`);
  if (options.updateKnown) {
    writeKnownRealworld({ about: readKnownRealworld().about, failures });
    console.log(`known-realworld.json: ${failures.length} failures`);
  }
}
