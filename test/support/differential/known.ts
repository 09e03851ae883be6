import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Draft, Json } from "../../../contracts/schema/types.js";

/**
 * The soundness case lists, in test/fixtures/soundness/ (not test/fixtures/compat/, whose files are
 * the verdict corpus):
 * - known-unsound.json: open cases, each still wrong today. The test fails when one is no longer
 *   wrong, so the list stays honest: move the case to regressions.json.
 * - regressions.json: cases that were wrong once and must stay right.
 * - known-realworld.json: open failures of the real-world corpus test (crashes, bad pointers).
 * Each case is written as a BACKWARD comparison: `writer` is the old schema, `reader` the new.
 */

/** "fatal": comparing the case kills the process (V8 aborts); the test checks it in a child process. */
export type CaseKind = "wrong-compatible" | "bogus-example" | "crash" | "fatal";

export interface SoundnessCase {
  /** `issue15-row1`, `long-<family>-<n>`, or `ci:<index>:<direction>` for a pair of the CI run. */
  readonly id: string;
  readonly kind: CaseKind;
  /** Root-cause family (see rootFamily), for grouping. */
  readonly family: string;
  readonly draft: Draft;
  readonly writer: Json;
  readonly reader: Json;
  /** Valid under the writer, invalid under the reader (ajv). */
  readonly instance?: Json;
  /** For a bogus example: the finding's example that does not break. */
  readonly example?: Json;
  readonly error?: string;
  readonly source: string;
  readonly note?: string;
}

export interface CaseFile {
  readonly about: string;
  readonly cases: SoundnessCase[];
}

export const SOUNDNESS_FIXTURES = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "fixtures",
  "soundness",
);

export const KNOWN_UNSOUND = join(SOUNDNESS_FIXTURES, "known-unsound.json");
export const REGRESSIONS = join(SOUNDNESS_FIXTURES, "regressions.json");
export const KNOWN_REALWORLD = join(SOUNDNESS_FIXTURES, "known-realworld.json");

export function readCases(file: string): CaseFile {
  return JSON.parse(readFileSync(file, "utf8")) as CaseFile;
}

export function writeCases(file: string, content: CaseFile): void {
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}
