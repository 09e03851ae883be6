import { Command, Errors, Flags, type Interfaces } from "@oclif/core";
import { type AccordError, AccordFailure, accordError, ERRORS } from "../contracts/errors.js";
import { type Style, stripAnsi, styleFor } from "./format/style.js";

/** Flags every Accord command accepts, besides oclif's `--json`. */
const accordBaseFlags = {
  debug: Flags.boolean({
    description: "Print stack traces for internal errors.",
    helpGroup: "GLOBAL",
  }),
};

export type BaseFlags = Interfaces.InferredFlags<typeof accordBaseFlags>;

/** The object printed on stdout under `--json` when a command fails. */
export interface ErrorJson {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly location: AccordError["location"] | null;
  };
}

/**
 * Base of every Accord command.
 *
 * - `run()` returns the command's result object; under `--json` oclif prints exactly that object.
 * - Findings (incompatible, undetermined, lint errors) are not errors: print the report, call
 *   `this.exitWithFindings()`, and still return the result, so the JSON is printed and the exit code is 1.
 * - Input problems are thrown as `AccordFailure` (build them from the error table with
 *   `accordError` or `unwrap(result)`); never call `this.error()`, whose exit code is oclif's, not ours.
 * - Anything else thrown is an internal error: exit 3, stack only with `--debug`.
 */
export abstract class BaseCommand<R = unknown> extends Command {
  static override enableJsonFlag = true;
  static override baseFlags = accordBaseFlags;

  abstract override run(): Promise<R>;

  /**
   * Prints a report for people. Under `--json` nothing is rendered at all: oclif would drop the
   * text anyway, and rendering a large report only to discard it costs time and memory.
   */
  protected async logReport(render: () => string | Promise<string>): Promise<void> {
    if (this.jsonEnabled()) return;
    this.log(await render());
  }

  /**
   * `--json` output, plain. oclif's own tokenises the JSON to colour it, which for a report of many
   * megabytes takes seconds and an object per token; this output is for machines anyway.
   */
  override logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  /** Makes the process exit 1 once the command finishes; output (including `--json`) still happens. */
  protected exitWithFindings(): void {
    process.exitCode = 1;
  }

  /** Styling for stdout: colour only on a TTY without NO_COLOR. */
  protected get style(): Style {
    return styleFor(process.stdout);
  }

  /** Styling for stderr, judged on its own (stdout may be piped while stderr is a terminal). */
  protected get errorStyle(): Style {
    return styleFor(process.stderr);
  }

  /**
   * A one-line warning on stderr. Written even under `--json`: stdout carries only the JSON, and a
   * warning the caller cannot see would defeat its purpose.
   */
  protected warnLine(message: string): void {
    process.stderr.write(`${this.errorStyle.yellow("accord: warning:")} ${message}\n`);
  }

  /**
   * Maps every failure to Accord's exit codes and prints it once. Nothing is rethrown, so oclif's
   * handler (which would print its own stack and "See more help" lines) never sees it.
   */
  override async catch(err: Error & { exitCode?: number }): Promise<void> {
    // A failed parse leaves `parsed` false, and oclif would then warn about an unparsed command.
    this.parsed = true;

    if (err instanceof Errors.ExitError) {
      process.exitCode = err.oclif.exit ?? 0;
      return;
    }

    const { error, exit, stack } = classify(err);
    process.exitCode = exit;
    const style = this.errorStyle;
    process.stderr.write(`${style.red("accord:")} ${error.message}\n`);
    if (stack && this.debugRequested()) process.stderr.write(`${stack}\n`);
    if (this.jsonEnabled() || this.formatJsonRequested()) {
      const json: ErrorJson = {
        error: { code: error.code, message: error.message, location: error.location ?? null },
      };
      this.logJson(json);
    }
  }

  /** Read from argv, not parsed flags: the failure may be the parse itself. */
  private debugRequested(): boolean {
    return this.optionsBeforeEnd().includes("--debug");
  }

  /** `--format json` (check, lint) prints the error object on failure, as `--json` does; read from argv too. */
  private formatJsonRequested(): boolean {
    const options = this.optionsBeforeEnd();
    return (
      options.includes("--format=json") ||
      options.some((word, at) => word === "--format" && options[at + 1] === "json")
    );
  }

  private optionsBeforeEnd(): string[] {
    const end = this.argv.indexOf("--");
    return end === -1 ? this.argv : this.argv.slice(0, end);
  }
}

interface Classified {
  readonly error: AccordError;
  readonly exit: number;
  /** Set only for internal errors, where a stack helps whoever fixes the bug. */
  readonly stack?: string;
}

function classify(err: unknown): Classified {
  if (err instanceof AccordFailure) {
    return { error: err.error, exit: ERRORS[err.error.code].exit };
  }
  if (err instanceof Errors.CLIError) {
    // oclif's own errors here are all about how the command was called: unknown flag, missing
    // argument, bad option value.
    return { error: accordError("ACCORD_ERR_USAGE", [usageLine(err)]), exit: ERRORS.ACCORD_ERR_USAGE.exit };
  }
  const message = err instanceof Error ? err.message : String(err);
  const stack = err instanceof Error ? err.stack : undefined;
  const error = accordError("ACCORD_ERR_INTERNAL", [message]);
  return stack === undefined
    ? { error, exit: ERRORS.ACCORD_ERR_INTERNAL.exit }
    : { error, exit: ERRORS.ACCORD_ERR_INTERNAL.exit, stack };
}

/** Folds oclif's multi-line parse messages into one line. */
function usageLine(err: Errors.CLIError): string {
  const named = (err as { args?: unknown }).args;
  const message = stripAnsi(err.message);
  if (message.startsWith("Missing") && Array.isArray(named)) {
    const names = named
      .map((arg) => (arg && typeof arg === "object" && "name" in arg ? String(arg.name) : ""))
      .filter((name) => name !== "");
    const head = message.split("\n", 1)[0]?.replace(/:$/, "") ?? message;
    if (names.length > 0) return `${head}: ${names.join(", ")}`;
  }
  return (
    message
      // Validation errors arrive as "The following error occurred:" followed by indented reasons.
      .replace(/^The following errors? occurred:\s*/, "")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("See more help"))
      .join("; ")
      .replace(/:;/g, ":")
  );
}
