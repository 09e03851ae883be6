// Recording a bench run in bench/RESULTS.md: one row added to the runs table of the bench's own
// section (the `## ` heading naming `node bench/<name>.js`), after its last row. Benches call
// recordRun only under --record; without it they print and change nothing.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

export const RESULTS = fileURLToPath(new URL("../RESULTS.md", import.meta.url));

/** The header every runs table starts with; the columns of a row, in order. */
export const RUNS_HEADER = "| Date | Commit | Machine | Load | Figures | Floor |";

/** One table cell: no line breaks, and a `|` that cannot end the cell. */
const cell = (text) =>
  String(text)
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|");

/** The markdown row of a run. */
export function runRow(run) {
  return `| ${[run.date, run.commit, run.machine, run.load, run.figures, run.floor ?? "—"].map(cell).join(" | ")} |`;
}

/**
 * `markdown` with `row` added after the last row of the runs table in the section of `bench`
 * (its file name without `.js`). Throws when the section or its table is missing.
 */
export function insertRun(markdown, bench, row) {
  const lines = markdown.split("\n");
  const heading = lines.findIndex(
    (line) => line.startsWith("## ") && line.includes(`\`node bench/${bench}.js`),
  );
  if (heading < 0) throw new Error(`bench/RESULTS.md has no section for bench/${bench}.js`);
  let at = heading + 1;
  while (at < lines.length && !lines[at].startsWith("## ") && !lines[at].startsWith(RUNS_HEADER)) at++;
  if (at >= lines.length || !lines[at].startsWith(RUNS_HEADER)) {
    throw new Error(`bench/RESULTS.md: the section of bench/${bench}.js has no runs table (${RUNS_HEADER})`);
  }
  at += 2; // the header and its separator
  while (at < lines.length && lines[at].startsWith("|")) at++;
  lines.splice(at, 0, row);
  return lines.join("\n");
}

/** The commit checked out, with `+` when the working tree has uncommitted changes. */
export function currentCommit() {
  const git = (...args) =>
    spawnSync("git", args, { cwd: fileURLToPath(new URL("../..", import.meta.url)), encoding: "utf8" });
  const head = git("rev-parse", "--short", "HEAD");
  if (head.status !== 0) return "unknown";
  const dirty = git("status", "--porcelain", "--untracked-files=no").stdout.trim() !== "";
  return `${head.stdout.trim()}${dirty ? "+" : ""}`;
}

/** This machine as the Machine column reads. */
export function machine() {
  const model = cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${cpus().length} cores (${model}), ${process.platform} ${process.arch}, Node ${process.version}`;
}

/** The 1-minute load average now, as the Load column reads. */
export function loadNow() {
  return loadavg()[0].toFixed(1);
}

/**
 * Adds a run of `bench` to bench/RESULTS.md. `figures` and `floor` (ratios to the bench's floor,
 * omitted where it has none) are the bench's own words; `load` defaults to the load average now,
 * so pass the one taken when the run started.
 */
export function recordRun(bench, { figures, floor, load = loadNow() }) {
  const row = runRow({
    date: new Date().toISOString().slice(0, 16).replace("T", " "),
    commit: currentCommit(),
    machine: machine(),
    load,
    figures,
    floor,
  });
  writeFileSync(RESULTS, insertRun(readFileSync(RESULTS, "utf8"), bench, row));
  console.log(`recorded in bench/RESULTS.md (${bench})`);
}
