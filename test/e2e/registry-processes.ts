import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "./helpers.js";

const BIN = fileURLToPath(new URL("../../bin/run.js", import.meta.url));
export const VND = "application/vnd.schemaregistry.v1+json";

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
  readonly output: () => string;
}

export function requireBuild(): void {
  if (!existsSync(join(REPO_ROOT, "dist", "cli", "commands", "serve.js"))) {
    throw new Error("dist/ is missing: run `npm run build` before the e2e tests");
  }
}

/**
 * Starts the built CLI's `serve` on 127.0.0.1 (a free port) and waits for its URL line. The store
 * URL travels in ACCORD_STORE, as the README advises for URLs with passwords.
 */
export function startServe(options: {
  readonly dataDir: string;
  readonly store?: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}): Promise<ServeProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.NODE_ENV;
  if (options.store === undefined) delete env.ACCORD_STORE;
  else env.ACCORD_STORE = options.store;
  const args = [
    BIN,
    "serve",
    "--host",
    "127.0.0.1",
    "--port",
    "0",
    "--data",
    options.dataDir,
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], exited, output: () => out });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${out}`));
    });
  });
}

export async function stopServe(
  server: ServeProcess,
  signal: NodeJS.Signals = "SIGTERM",
): Promise<number | null> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}

export interface HttpReply {
  readonly status: number;
  readonly text: string;
  readonly body: unknown;
}

export async function call(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpReply> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": VND, ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    // not JSON: the caller asserts on the text
  }
  return { status: response.status, text, body: parsed };
}
