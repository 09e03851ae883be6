// Preloaded into a measured process (`node --import ./bench/support/max-rss.js ...`): on exit, writes
// the process's peak resident set size in KiB (worker threads included, they share the process) to
// the file named by ACCORD_BENCH_RSS_FILE. Node reports a child's peak memory no other way.
import { writeFileSync } from "node:fs";

const file = process.env.ACCORD_BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
