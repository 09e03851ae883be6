import { Flags } from "@oclif/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BaseCommand } from "../../cli/base-command.js";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { REPO_ROOT } from "../e2e/helpers.js";

/** A command whose behaviour is chosen by a flag, to drive every path of the base class in-process. */
class Probe extends BaseCommand<{ outcome: string }> {
  static override id = "probe";
  static override flags = {
    outcome: Flags.option({
      options: ["ok", "findings", "input", "bug", "non-error"] as const,
      required: true,
    })(),
  };

  async run(): Promise<{ outcome: string }> {
    const { flags } = await this.parse(Probe);
    switch (flags.outcome) {
      case "findings":
        this.log("1 breaking change");
        this.exitWithFindings();
        return { outcome: "findings" };
      case "input":
        throw new AccordFailure(
          accordError("ACCORD_ERR_SCHEMA_PARSE", ["a.json:3:7", "unexpected token"], {
            file: "a.json",
            line: 3,
            column: 7,
          }),
        );
      case "bug":
        throw new TypeError("cannot read properties of undefined");
      case "non-error":
        throw "a bare string";
      default:
        this.log("all good");
        return { outcome: "ok" };
    }
  }
}

interface Captured {
  stdout: string;
  stderr: string;
  code: number | undefined;
}

async function probe(argv: string[]): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  // oclif prints through console.log, which vitest intercepts before it reaches process.stdout.
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    stdout += `${args.map(String).join(" ")}\n`;
  });
  const error = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    stderr += `${args.map(String).join(" ")}\n`;
  });
  try {
    await Probe.run(argv, REPO_ROOT);
  } finally {
    for (const spy of [out, err, log, error]) spy.mockRestore();
  }
  const code = process.exitCode === undefined ? undefined : Number(process.exitCode);
  return { stdout, stderr, code };
}

describe("BaseCommand", () => {
  beforeEach(() => {
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  it("prints the returned object under --json and leaves the exit code alone on success", async () => {
    const result = await probe(["--outcome", "ok", "--json"]);
    expect(JSON.parse(result.stdout)).toEqual({ outcome: "ok" });
    expect(result.code ?? 0).toBe(0);
  });

  it("exits 1 for findings while still printing the report and the JSON", async () => {
    const text = await probe(["--outcome", "findings"]);
    expect(text.stdout).toBe("1 breaking change\n");
    expect(text.code).toBe(1);

    process.exitCode = undefined;
    const json = await probe(["--outcome", "findings", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({ outcome: "findings" });
    expect(json.code).toBe(1);
  });

  it("maps an AccordFailure to its table exit code with one stderr line", async () => {
    const result = await probe(["--outcome", "input"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("accord: a.json:3:7: unexpected token\n");
    expect(result.stdout).toBe("");
  });

  it("adds the error object on stdout under --json", async () => {
    const result = await probe(["--outcome", "input", "--json"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: "ACCORD_ERR_SCHEMA_PARSE",
        message: "a.json:3:7: unexpected token",
        location: { file: "a.json", line: 3, column: 7 },
      },
    });
  });

  it("turns an unexpected exception into exit 3, with the stack only under --debug", async () => {
    const quiet = await probe(["--outcome", "bug"]);
    expect(quiet.code).toBe(3);
    expect(quiet.stderr).toBe("accord: internal error: cannot read properties of undefined\n");

    process.exitCode = undefined;
    const loud = await probe(["--outcome", "bug", "--debug"]);
    expect(loud.code).toBe(3);
    expect(loud.stderr).toMatch(
      /^accord: internal error: cannot read properties of undefined\nTypeError: .*\n\s+at /,
    );

    process.exitCode = undefined;
    const odd = await probe(["--outcome", "non-error", "--json"]);
    expect(odd.code).toBe(3);
    expect(JSON.parse(odd.stdout)).toEqual({
      error: { code: "ACCORD_ERR_INTERNAL", message: "internal error: a bare string", location: null },
    });
  });

  it("maps oclif parse errors to exit 2 with one line and no help noise", async () => {
    const unknown = await probe(["--outcome", "ok", "--nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("accord: Nonexistent flag: --nope\n");

    process.exitCode = undefined;
    const missing = await probe([]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("accord: Missing required flag outcome\n");
  });
});
