import { randomBytes } from "node:crypto";
import type { Dirent } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import { BANNER_FIRST_LINE, type RenderedFile } from "../../templates/typescript/code.js";

/**
 * The disk side of `accord generate`: bundling the ajv helpers, comparing what would be generated
 * with what is on disk, and replacing the output folder. Nothing is written until every file has
 * been rendered; the new folder is written beside the old one and then swapped in by renames.
 */

export type FileStatus = "created" | "updated" | "unchanged" | "deleted";

export interface FileChange {
  /** Relative to the working directory, `/`-separated. */
  readonly path: string;
  readonly status: FileStatus;
}

/** Bundling resolves ajv and ajv-formats from here: Accord's own dependencies, not the user's. */
const THIS_FILE = fileURLToPath(import.meta.url);

/**
 * Bundles an ES module with esbuild. Module paths are renamed to `<package>/<file>` (from the last
 * `node_modules/`), so the output names no absolute or install-specific path and is the same
 * bytes on every machine with the same package versions.
 */
export async function bundleWithEsbuild(entrySource: string): Promise<string> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    stdin: {
      contents: entrySource,
      resolveDir: dirname(THIS_FILE),
      sourcefile: "accord-ajv-helpers.js",
      loader: "js",
    },
    // Comments in the output name paths relative to this; a fixed folder keeps them machine-independent.
    absWorkingDir: dirname(THIS_FILE),
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2020",
    charset: "utf8",
    legalComments: "inline",
    logLevel: "silent",
    plugins: [
      {
        name: "accord-stable-paths",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            const from = (args.pluginData as { file?: string } | undefined)?.file ?? THIS_FILE;
            const file = createRequire(from).resolve(args.path);
            const at = file.lastIndexOf(`node_modules${sep}`);
            const stable = (at === -1 ? basename(file) : file.slice(at + 13)).split(sep).join("/");
            return { path: stable, namespace: "accord", pluginData: { file } };
          });
          build.onLoad({ filter: /.*/, namespace: "accord" }, async (args) => {
            const file = (args.pluginData as { file: string }).file;
            return {
              contents: await readFile(file, "utf8"),
              loader: "js",
              resolveDir: dirname(file),
              pluginData: { file },
            };
          });
        },
      },
    ],
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output for the ajv helpers");
  return output.text;
}

/** Every file under `dir` (relative, `/`-separated, sorted), or none when it does not exist. */
async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(dir, prefix), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && prefix === "") return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) for (const file of await listFiles(dir, path)) files.push(file);
    else files.push(path);
  }
  return files.sort();
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export interface GenerationTarget {
  /** Absolute output folder. */
  readonly outDir: string;
  readonly files: readonly RenderedFile[];
  /** Absolute path of accord.lock. */
  readonly lockPath: string;
  readonly lockText: string;
  /** Paths in messages and results are relative to this folder. */
  readonly cwd: string;
}

/**
 * What writing would change: each generated file created, updated or unchanged, every other
 * file in the output folder deleted, and the lock. Refuses an output folder holding a file
 * Accord did not generate, since generation replaces the folder as a whole.
 */
export async function planChanges(target: GenerationTarget): Promise<FileChange[]> {
  const shown = (path: string) => relative(target.cwd, path).split(sep).join("/") || ".";
  const existing = await listFiles(target.outDir);
  const wanted = new Map(target.files.map((file) => [file.path, file.content]));
  const changes: FileChange[] = [];
  for (const path of existing) {
    const text = await readIfExists(join(target.outDir, path));
    if (text === undefined || !text.startsWith(BANNER_FIRST_LINE)) {
      throw new AccordFailure(
        accordError("ACCORD_ERR_GENERATE_OUTPUT_FOREIGN", [shown(target.outDir), path], {
          file: shown(join(target.outDir, path)),
        }),
      );
    }
    const next = wanted.get(path);
    changes.push({
      path: shown(join(target.outDir, path)),
      status: next === undefined ? "deleted" : next === text ? "unchanged" : "updated",
    });
  }
  const before = new Set(existing);
  for (const file of target.files) {
    if (!before.has(file.path))
      changes.push({ path: shown(join(target.outDir, file.path)), status: "created" });
  }
  const lock = await readIfExists(target.lockPath);
  changes.push({
    path: shown(target.lockPath),
    status: lock === undefined ? "created" : lock === target.lockText ? "unchanged" : "updated",
  });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Writes the generated package: into a temporary sibling folder first, which then replaces the
 * output folder by rename (same file system, so a reader sees the old folder or the new one);
 * then the lock, by the same write-and-rename. When nothing changed, nothing is touched, so
 * build tools watching the folder see no new timestamps.
 */
export async function writeGeneration(
  target: GenerationTarget,
  changes: readonly FileChange[],
): Promise<void> {
  if (changes.every((change) => change.status === "unchanged")) return;
  const parent = dirname(target.outDir);
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const staging = join(parent, `.${basename(target.outDir)}.accord-new-${tag}`);
  const retired = join(parent, `.${basename(target.outDir)}.accord-old-${tag}`);
  await mkdir(parent, { recursive: true });
  try {
    for (const file of target.files) {
      const path = join(staging, ...file.path.split("/"));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content, "utf8");
    }
    const hadOutput = (await readdir(target.outDir).catch(() => undefined)) !== undefined;
    if (hadOutput) await rename(target.outDir, retired);
    try {
      await rename(staging, target.outDir);
    } catch (error) {
      if (hadOutput) await rename(retired, target.outDir);
      throw error;
    }
    await rm(retired, { recursive: true, force: true });

    const lockStaging = `${target.lockPath}.accord-new-${tag}`;
    await mkdir(dirname(target.lockPath), { recursive: true });
    await writeFile(lockStaging, target.lockText, "utf8");
    await rename(lockStaging, target.lockPath);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
