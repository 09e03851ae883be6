import type { Hook } from "@oclif/core";
import { accordError } from "../../contracts/errors.js";
import type { ErrorJson } from "../base-command.js";
import { styleFor } from "../format/style.js";

/**
 * An unknown command, said the way every Accord error is: one line on stderr, `accord: ...`, exit
 * 2, and the error object on stdout under --json (instead of oclif's ` ›   Error:` block).
 */
const hook: Hook<"command_not_found"> = async ({ id, argv }) => {
  const words = id.split(":").join(" ");
  const error = accordError("ACCORD_ERR_USAGE", [
    `unknown command "${words}"; \`accord help\` lists the commands`,
  ]);
  process.stderr.write(`${styleFor(process.stderr).red("accord:")} ${error.message}\n`);
  if ((argv ?? []).includes("--json")) {
    const json: ErrorJson = { error: { code: error.code, message: error.message, location: null } };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }
  process.exitCode = 2;
};

export default hook;
