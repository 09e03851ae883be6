import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { insertRun, RESULTS, RUNS_HEADER, runRow } from "../../../bench/support/record.js";

const results = readFileSync(RESULTS, "utf8");
const benches = readdirSync(new URL("../../../bench/", import.meta.url))
  .filter((name) => name.endsWith(".js") && name !== "run.js")
  .map((name) => name.slice(0, -".js".length))
  .sort();

/** The cells of a table row, splitting on `|` that is not escaped. */
const cells = (row: string) => row.slice(1, -1).split(/(?<!\\)\|/);

describe("bench/RESULTS.md", () => {
  it.each(benches)("has one section for bench/%s.js, with a runs table", (bench) => {
    const headings = results.split("\n").filter((line) => line.startsWith("## "));
    expect(headings.filter((line) => line.includes(`\`node bench/${bench}.js`))).toHaveLength(1);
    expect(() => insertRun(results, bench, "| row |")).not.toThrow();
  });

  it("has one section per bench and nothing else at that level", () => {
    const sections = results
      .split("\n")
      .filter((line) => line.startsWith("## "))
      .map((line) => /`node bench\/([a-z-]+)\.js/.exec(line)?.[1]);
    expect(sections).toEqual(benches);
  });

  it("gives every run in every table the six columns", () => {
    const lines = results.split("\n");
    const rows: string[] = [];
    for (let at = 0; at < lines.length; at++) {
      if (!lines[at]?.startsWith(RUNS_HEADER)) continue;
      for (at += 2; lines[at]?.startsWith("|"); at++) rows.push(lines[at] as string);
    }
    expect(rows.length).toBeGreaterThan(benches.length);
    for (const row of rows) expect(cells(row), row).toHaveLength(6);
  });
});

describe("recording a run", () => {
  const sample = [
    "# Results",
    "",
    "## alpha (`node bench/alpha.js`)",
    "",
    RUNS_HEADER,
    "|---|---|---|---|---|---|",
    "| a1 | c | m | l | f | — |",
    "",
    "Notes.",
    "",
    "## beta (`node bench/beta.js`)",
    "",
    RUNS_HEADER,
    "|---|---|---|---|---|---|",
    "| b1 | c | m | l | f | — |",
    "",
  ].join("\n");

  it("adds the row after the last run of the bench's own table", () => {
    const lines = insertRun(sample, "alpha", "| a2 |").split("\n");
    expect(lines.slice(6, 9)).toEqual(["| a1 | c | m | l | f | — |", "| a2 |", ""]);
    const beta = insertRun(sample, "beta", "| b2 |").split("\n");
    expect(beta.slice(-3)).toEqual(["| b1 | c | m | l | f | — |", "| b2 |", ""]);
  });

  it("refuses a bench without a section, or a section without a runs table", () => {
    expect(() => insertRun(sample, "gamma", "| x |")).toThrow(/no section for bench\/gamma\.js/);
    const bare = "## gamma (`node bench/gamma.js`)\n\nNo table.\n";
    expect(() => insertRun(bare, "gamma", "| x |")).toThrow(/no runs table/);
  });

  it("keeps a row to one line and its cells to six", () => {
    const row = runRow({
      date: "2026-12-05 02:00",
      commit: "abc1234+",
      machine: "2 cores",
      load: "3.1",
      figures: "a | b\nc",
    });
    expect(row).toBe("| 2026-12-05 02:00 | abc1234+ | 2 cores | 3.1 | a \\| b c | — |");
    expect(cells(row)).toHaveLength(6);
  });
});
