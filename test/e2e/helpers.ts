import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root, so tests can name files relative to it whatever vitest's cwd is. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const BIN = fileURLToPath(new URL("../../bin/run.js", import.meta.url));

export interface CliResult {
  /** Process exit code (a signal counts as -1). */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCliOptions {
  /** Working directory; the repository root by default. */
  readonly cwd?: string;
  /** Extra or overriding environment variables; `undefined` removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to the CLI's stdin, which is then closed. */
  readonly input?: string;
  /** Kills the CLI after this long; 30 s by default. */
  readonly timeoutMs?: number;
}

/**
 * Runs the BUILT CLI (`node bin/run.js ...args`, which loads dist/; `npm test` builds first) and
 * collects its exit code and output. Never rejects on a non-zero exit: tests assert the code.
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined) env[key] = value;
  }
  // vitest sets NODE_ENV=test, which makes oclif look for TypeScript sources instead of dist/ and
  // print development-only warnings; the CLI under test must behave as a user's install does.
  delete env.NODE_ENV;
  // Colour is decided by the TTY check, but a stray FORCE_COLOR in CI must not leak escapes into assertions.
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 30_000,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
    child.stdin.end(options.input ?? "");
  });
}
