#!/usr/bin/env node
// Start-up cost of the built CLI: `accord --version` against bare `node -e 0`, run alternately so
// both see the same machine load. Usage: node bench/startup.js [--runs N] [--max-ratio R]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20" },
    warmups: { type: "string", default: "2" },
    "max-ratio": { type: "string" },
  },
});
const runs = Number(values.runs);
const warmups = Number(values.warmups);
const maxRatio = values["max-ratio"] === undefined ? undefined : Number(values["max-ratio"]);

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = fileURLToPath(new URL("../bin/run.js", import.meta.url));

if (!existsSync(`${root}dist`) || !existsSync(`${root}oclif.manifest.json`)) {
  console.error("bench/startup: dist/ or oclif.manifest.json is missing; run `npm run build` first.");
  process.exit(2);
}

// NODE_ENV=development|test makes oclif look for TypeScript sources, which is not what users run.
const env = { ...process.env };
delete env.NODE_ENV;

const subjects = [
  { name: "accord --version", args: [bin, "--version"] },
  { name: "node -e 0", args: ["-e", "0"] },
];

function timeOnce(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}`);
  return ms;
}

function percentile(sorted, p) {
  // Nearest-rank: the smallest sample with at least p of the samples at or below it.
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

function median(sorted) {
  const mid = sorted.length / 2;
  return sorted.length % 2 === 0 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[Math.floor(mid)];
}

for (let i = 0; i < warmups; i++) for (const subject of subjects) timeOnce(subject.args);

const samples = subjects.map(() => []);
for (let i = 0; i < runs; i++) {
  subjects.forEach((subject, index) => {
    samples[index].push(timeOnce(subject.args));
  });
}

const stats = subjects.map((subject, index) => {
  const sorted = [...samples[index]].sort((a, b) => a - b);
  return { name: subject.name, min: sorted[0], median: median(sorted), p90: percentile(sorted, 0.9) };
});

console.log(`start-up (${runs} runs each after ${warmups} warm-ups, Node ${process.version})`);
for (const s of stats) {
  console.log(
    `  ${s.name.padEnd(18)} median ${s.median.toFixed(1).padStart(7)} ms   p90 ${s.p90.toFixed(1).padStart(7)} ms`,
  );
}
const [cli, bare] = stats;
const ratio = cli.median / bare.median;
// The minimum ratio is the best guide on a shared machine, where load inflates the slower side more.
console.log(
  `  ratio (median)     ${ratio.toFixed(2)}x bare node   (min: ${(cli.min / bare.min).toFixed(2)}x)`,
);

if (maxRatio !== undefined && ratio > maxRatio) {
  console.error(`bench/startup: ratio ${ratio.toFixed(2)} exceeds --max-ratio ${maxRatio}`);
  process.exitCode = 1;
}
