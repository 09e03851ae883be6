/**
 * A vitest reporter beside the default one: the default reporter counts skipped tests but never
 * names them, so a suite skipped for a missing prerequisite (PostgreSQL, Chromium) would pass
 * unremarked. Tests skipped for such a reason say so in their own or their suite's name,
 * `... (skipped: <reason>)`; after the run this prints each reason once with its test count and
 * files.
 */
import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

/** The reason in `(skipped: <reason>)`, which may itself hold one level of parentheses. */
const REASON = /\(skipped: ((?:[^()]|\([^()]*\))*)\)/;

/** Each stated reason → the files of the tests skipped for it, and how many tests. */
export function skipReasons(
  tests: ReadonlyArray<{ readonly fullName: string; readonly file: string }>,
): Map<string, { count: number; files: Set<string> }> {
  const reasons = new Map<string, { count: number; files: Set<string> }>();
  for (const test of tests) {
    const reason = REASON.exec(test.fullName)?.[1];
    if (reason === undefined) continue;
    const entry = reasons.get(reason) ?? { count: 0, files: new Set<string>() };
    entry.count++;
    entry.files.add(test.file);
    reasons.set(reason, entry);
  }
  return reasons;
}

export default class SkipReasonsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped = testModules.flatMap((module) =>
      [...module.children.allTests("skipped")].map((test) => ({
        fullName: test.fullName,
        file: relative(process.cwd(), module.moduleId),
      })),
    );
    const reasons = skipReasons(skipped);
    if (reasons.size === 0) return;
    const lines = [" Skipped, and why:"];
    for (const [reason, { count, files }] of reasons) {
      lines.push(
        `   ${count} test${count === 1 ? "" : "s"}: ${reason}`,
        `     in ${[...files].sort().join(", ")}`,
      );
    }
    process.stdout.write(`${lines.join("\n")}\n\n`);
  }
}
