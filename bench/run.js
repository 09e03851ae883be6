#!/usr/bin/env node
// Runs every bench/*.js script in turn (alphabetical), each in its own process so one bench's
// warm caches and heap do not flatter the next. Exits non-zero if any bench failed.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("./", import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const benches = readdirSync(dir)
  .filter((name) => name.endsWith(".js") && name !== self)
  .sort();

const failed = [];
for (const name of benches) {
  console.log(`\n## ${name}\n`);
  const result = spawnSync(process.execPath, [`${dir}${name}`], { stdio: "inherit" });
  if (result.status !== 0) failed.push(`${name} (exit ${result.status ?? result.signal})`);
}

if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exitCode = 1;
}
