import { readFileSync } from "node:fs";
import type { Draft, Json } from "../../../contracts/schema/types.js";
import { verdictOf } from "./harness.js";

/**
 * Compares one case in a process of its own (`node --import tsx child-compare.ts < case.json`):
 * some inputs make V8 abort (an array past its size limit), which no try/catch survives, so the
 * harness asks a child and reads how it ended. Prints the verdict or the thrown message.
 */
const input = JSON.parse(readFileSync(0, "utf8")) as { draft: Draft; writer: Json; reader: Json };
const { report, error } = verdictOf(input.draft, input.writer, input.reader, "backward");
process.stdout.write(report ? report.verdict : `threw: ${error}`);
