import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkLayers, LAYERS, repoPath } from "./support/layers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => repoPath(root, join(root, folder, name)))
    .sort();
}

describe("the layers", () => {
  it.each(LAYERS)("%s/ keeps to the arrows (and the core to no I/O)", (layer) => {
    const files = sourceFiles(layer);
    expect(files.length).toBeGreaterThan(0);
    const violations = files.flatMap((file) => checkLayers(file, readFileSync(join(root, file), "utf8")));
    expect(violations.map((v) => `${v.file}:${v.line}: ${v.message}`)).toEqual([]);
  });
});

describe("the layer checker", () => {
  const messages = (path: string, text: string) => checkLayers(path, text).map((v) => v.message);

  it("refuses I/O in the core: Node built-ins in any import form, and I/O globals", () => {
    const text = [
      'import { readFileSync } from "node:fs";',
      'import * as path from "path";',
      'export { spawn } from "node:child_process";',
      'const http = await import("node:http");',
      'import type { Worker } from "node:worker_threads";',
      "type Socket = import('node:net').Socket;",
      "export const env = process.env.HOME;",
      'console.log("hi");',
      "const url = import.meta.url;",
      "setTimeout(() => {}, 1);",
    ].join("\n");
    const found = checkLayers("contracts/schema/bad.ts", text);
    expect(found.map((v) => v.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(found[6]?.message).toContain('"process"');
    expect(found[7]?.message).toContain('"console"');
  });

  it("refuses packages the core has not named as pure, and built-in exceptions beyond their names", () => {
    expect(messages("contracts/a.ts", 'import Fastify from "fastify";')).toHaveLength(1);
    expect(messages("contracts/a.ts", 'import Database from "better-sqlite3";')).toHaveLength(1);
    expect(messages("contracts/a.ts", 'import { randomUUID } from "node:crypto";')).toHaveLength(1);
    expect(messages("contracts/a.ts", 'import * as crypto from "node:crypto";')).toHaveLength(1);
    expect(messages("contracts/a.ts", 'import { createHash } from "node:crypto";')).toEqual([]);
    expect(messages("contracts/a.ts", 'import Ajv from "ajv/dist/2020.js";')).toEqual([]);
  });

  it("refuses imports against the arrows", () => {
    expect(messages("contracts/lint/a.ts", 'import { x } from "../../registry/service.js";')).toHaveLength(1);
    expect(messages("contracts/lint/a.ts", 'import { x } from "../../test/support/corpus.js";')).toHaveLength(
      1,
    );
    expect(messages("templates/docs/a.ts", 'import { x } from "../../cli/io.js";')).toHaveLength(1);
    expect(messages("templates/docs/a.ts", 'import { x } from "../../registry/client.js";')).toHaveLength(1);
    expect(messages("registry/routes/a.ts", 'import { x } from "../../cli/io.js";')).toHaveLength(1);
    expect(messages("registry/routes/a.ts", 'import { x } from "../../templates/files.js";')).toHaveLength(1);
    expect(messages("templates/a.ts", 'import { readFile } from "node:fs/promises";')).toHaveLength(1);
  });

  it("lets the arrows and each layer's own files through", () => {
    expect(messages("cli/commands/a.ts", 'import "../../registry/client.js";')).toEqual([]);
    expect(messages("cli/a.ts", 'import { x } from "../templates/files.js";')).toEqual([]);
    expect(messages("cli/a.ts", 'import { readFile } from "node:fs/promises";')).toEqual([]);
    expect(messages("registry/a.ts", 'import { x } from "../contracts/errors.js";')).toEqual([]);
    expect(messages("templates/a/b.ts", 'import { x } from "../../contracts/errors.js";')).toEqual([]);
    expect(messages("contracts/a/b.ts", 'import { x } from "../c/d.js";')).toEqual([]);
  });

  it("reads names, not words: properties, keys and strings called process or console pass", () => {
    const text = [
      "const step = { process: 1, console: 2 };",
      "export const n = step.process + step.console;",
      'export const s = "console.log(process.env)";',
      "interface T { process: number }",
      "const { process: renamed } = step;",
      "// process.exit(1)",
    ].join("\n");
    expect(messages("contracts/a.ts", text)).toEqual([]);
  });
});
