import { spawn } from "node:child_process";
import { type Dirent, readdirSync, readFileSync } from "node:fs";
import { mkdir, realpath, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { simpleGit } from "simple-git";
import { CONFIG_FILE } from "../contracts/catalog/config.js";
import { READERS_DIR, SCHEMAS_DIR } from "../contracts/catalog/layout.js";
import type { Catalog, CatalogFiles } from "../contracts/catalog/types.js";
import { type AccordError, AccordFailure, accordError } from "../contracts/errors.js";
import { readTextFile } from "./io.js";

/**
 * Reads a catalog's files, from the working tree or from a git ref, into the path → text map that
 * contracts/catalog/load.ts takes. Only files the loader looks at are read: accord.yaml, and
 * schema-like files (.json, .yaml, .yml) in schemas/ and its subject folders.
 */

const RELEVANT = /\.(json|ya?ml)$/i;

/** Paths (relative to the catalog root, `/`-separated) the loader cares about. */
export function isCatalogPath(path: string): boolean {
  if (path === CONFIG_FILE) return true;
  const parts = path.split("/");
  const inCatalog =
    parts.length === 2 || parts.length === 3 || (parts.length === 4 && parts[2] === READERS_DIR);
  return parts[0] === SCHEMAS_DIR && inCatalog && RELEVANT.test(path);
}

/** The catalog in the working tree at `dir`. Fails (exit 2) when `dir` has no accord.yaml. */
export async function readCatalogFiles(dir: string): Promise<CatalogFiles> {
  const root = resolve(dir);
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_FILE_READ", [dir, rootStat ? "it is not a directory" : "no such directory"], {
        file: dir,
      }),
    );
  }
  const configStat = await stat(join(root, CONFIG_FILE)).catch(() => undefined);
  if (!configStat?.isFile()) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_CATALOG_NOT_FOUND", [dir], { file: join(dir, CONFIG_FILE) }),
    );
  }

  const paths = [CONFIG_FILE, ...schemaPaths(root)];
  const files = new Map<string, string>();
  for (const path of paths) {
    const full = join(root, ...path.split("/"));
    try {
      // Synchronous reads: for thousands of small files they are several times faster than
      // promise-based ones, and nothing else runs meanwhile.
      files.set(path, readFileSync(full, "utf8"));
    } catch {
      // readTextFile reports the failure the way every other command does.
      files.set(path, await readTextFile(full));
    }
  }
  return sortedMap(files);
}

function schemaPaths(root: string): string[] {
  const top = join(root, SCHEMAS_DIR);
  const paths: string[] = [];
  for (const entry of listDir(top)) {
    const path = `${SCHEMAS_DIR}/${entry.name}`;
    if (entry.isFile() && RELEVANT.test(entry.name)) paths.push(path);
    if (!entry.isDirectory()) continue;
    for (const inner of listDir(join(top, entry.name))) {
      if (inner.isFile() && RELEVANT.test(inner.name)) paths.push(`${path}/${inner.name}`);
    }
    for (const reader of listDir(join(top, entry.name, READERS_DIR))) {
      if (reader.isFile() && RELEVANT.test(reader.name)) paths.push(`${path}/${READERS_DIR}/${reader.name}`);
    }
  }
  return paths;
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    // No schemas/ folder yet is an empty catalog, not an error.
    return [];
  }
}

export interface BaseRef {
  /** The full commit id the ref resolved to. */
  readonly commit: string;
  /** What was resolved: the ref as given, or `origin/<ref>` when only the remote-tracking branch exists. */
  readonly resolved: string;
  /** The git top level (absolute). */
  readonly topLevel: string;
  /** The catalog folder relative to the top level, `/`-separated ("" when it is the top level). */
  readonly catalogPath: string;
}

/**
 * Resolves `ref` to a commit in the repository holding `dir`. CI checkouts often lack a local
 * `main` but have `origin/main`, so that is tried second. When neither exists, the error says
 * whether the clone is shallow and how to fetch the base.
 */
export async function resolveBaseRef(dir: string, ref: string): Promise<BaseRef> {
  const git = simpleGit({ baseDir: resolve(dir) });
  let topLevel: string;
  try {
    topLevel = (await git.revparse(["--show-toplevel"])).trim();
  } catch (cause) {
    if (/not a git repository/i.test(errorText(cause))) {
      throw new AccordFailure(accordError("ACCORD_ERR_GIT_NOT_A_REPOSITORY", [dir, ref]));
    }
    throw gitFailure("rev-parse --show-toplevel", cause);
  }
  const catalogPath = relative(await realpath(topLevel), await realpath(resolve(dir)))
    .split(sep)
    .join("/");

  for (const candidate of ref.startsWith("origin/") ? [ref] : [ref, `origin/${ref}`]) {
    const commit = await commitOf(git, candidate);
    if (commit) return { commit, resolved: candidate, topLevel, catalogPath };
  }

  const shallow = (await git.revparse(["--is-shallow-repository"]).catch(() => "false")).trim() === "true";
  throw new AccordFailure(
    accordError("ACCORD_ERR_GIT_REF_NOT_FOUND", [
      ref,
      shallow ? " (this is a shallow clone, so the base branch and its history were not fetched)" : "",
      `Fetch it first: in GitHub Actions set \`fetch-depth: 0\` on actions/checkout; in GitLab CI set GIT_DEPTH: 0; locally run \`git fetch origin ${ref.replace(/^origin\//, "")}:${ref.replace(/^origin\//, "")}\`.`,
    ]),
  );
}

async function commitOf(git: ReturnType<typeof simpleGit>, ref: string): Promise<string | undefined> {
  // A leading dash would be read as an option; no real ref starts with one.
  if (ref.startsWith("-")) return undefined;
  try {
    const out = (await git.raw(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The catalog at `dir` as it is at `ref`, read from git objects (`ls-tree`, then the blobs), never
 * by checking anything out: the working tree and index stay untouched. Without accord.yaml at that
 * ref the map has no "accord.yaml" (the catalog did not exist yet).
 */
export async function readCatalogFilesAtRef(dir: string, ref: string): Promise<CatalogFiles> {
  const base = await resolveBaseRef(dir, ref);
  const git = simpleGit({ baseDir: base.topLevel });
  const prefix = base.catalogPath === "" ? "" : `${base.catalogPath}/`;
  let listing: string;
  try {
    listing = await git.raw([
      "ls-tree",
      "-r",
      "-z",
      "--full-tree",
      base.commit,
      "--",
      `${prefix}${CONFIG_FILE}`,
      `${prefix}${SCHEMAS_DIR}`,
    ]);
  } catch (cause) {
    throw gitFailure(`ls-tree ${base.resolved}`, cause);
  }

  const wanted: { path: string; object: string }[] = [];
  for (const record of listing.split("\0")) {
    // "<mode> <type> <object>\t<path>"
    const match = /^[0-7]+ (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (match?.[1] !== "blob") continue;
    const path = (match[3] as string).slice(prefix.length);
    if (isCatalogPath(path)) wanted.push({ path, object: match[2] as string });
  }
  const texts = await readBlobs(
    base.topLevel,
    wanted.map((entry) => entry.object),
  );
  const files = new Map<string, string>();
  wanted.forEach((entry, index) => {
    files.set(entry.path, texts[index] as string);
  });
  return sortedMap(files);
}

/**
 * Blob texts in one `git cat-file --batch` process: `git show` per file would start thousands of
 * processes for a large catalog. simple-git cannot feed a command's stdin, hence the spawn.
 */
function readBlobs(cwd: string, objects: readonly string[]): Promise<string[]> {
  if (objects.length === 0) return Promise.resolve([]);
  return new Promise((resolvePromise, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => errors.push(chunk));
    child.on("error", (cause) => reject(gitFailure("cat-file --batch", cause)));
    child.on("close", (code) => {
      if (code !== 0) {
        reject(gitFailure("cat-file --batch", new Error(Buffer.concat(errors).toString("utf8").trim())));
        return;
      }
      try {
        resolvePromise(parseBatch(Buffer.concat(chunks), objects.length));
      } catch (cause) {
        reject(gitFailure("cat-file --batch", cause));
      }
    });
    child.stdin.end(`${objects.join("\n")}\n`);
  });
}

/** Splits `<object> blob <size>\n<content>\n` records. */
export function parseBatch(output: Buffer, count: number): string[] {
  const texts: string[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd === -1) throw new Error("truncated output");
    const header = output.subarray(offset, headerEnd).toString("utf8");
    const match = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!match) throw new Error(`unexpected record "${header}"`);
    const size = Number(match[1]);
    const start = headerEnd + 1;
    texts.push(output.subarray(start, start + size).toString("utf8"));
    offset = start + size + 1;
  }
  return texts;
}

function gitFailure(command: string, cause: unknown): AccordFailure {
  const text = errorText(cause);
  const reason = /ENOENT/.test(text)
    ? "git is not installed or not on PATH"
    : text.split("\n")[0] || "unknown error";
  return new AccordFailure(accordError("ACCORD_ERR_GIT_FAILED", [command, reason]));
}

function errorText(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).trim();
}

function sortedMap(files: Map<string, string>): Map<string, string> {
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The working tree's catalog, loaded. Messages name files as seen from the working directory
 * (`catalog/schemas/a/v1.json:3:5`), not from the catalog root.
 */
export async function loadWorkingCatalog(dir: string): Promise<Catalog> {
  const files = await readCatalogFiles(dir);
  const { loadCatalog } = await import("../contracts/catalog/load.js");
  const result = loadCatalog(files);
  if (!result.ok) throw workingTreeFailure(result.error, dir);
  return result.value;
}

export interface BaseCatalog {
  readonly ref: BaseRef;
  /** The catalog at the ref; empty (no subjects) when the ref has no accord.yaml yet. */
  readonly catalog: Catalog;
  /** False when the ref had no accord.yaml, so every subject counts as new. */
  readonly existed: boolean;
}

/** The catalog at a git ref, loaded; `head` supplies the settings when the ref predates the catalog. */
export async function loadBaseCatalog(dir: string, ref: string, head: Catalog): Promise<BaseCatalog> {
  const resolved = await resolveBaseRef(dir, ref);
  const files = await readCatalogFilesAtRef(dir, resolved.commit);
  if (!files.has(CONFIG_FILE))
    return { ref: resolved, catalog: { config: head.config, subjects: [] }, existed: false };
  const { loadCatalog } = await import("../contracts/catalog/load.js");
  const result = loadCatalog(files, { reuse: head });
  if (!result.ok) throw baseFailure(result.error, ref);
  return { ref: resolved, catalog: result.value, existed: true };
}

/** A load error in the working tree, with paths as seen from the working directory. */
export function workingTreeFailure(error: AccordError, dir: string): AccordFailure {
  return new AccordFailure(relocated(error, dir));
}

/** A load error in the catalog at the base ref: nothing sound to compare against. */
export function baseFailure(error: AccordError, ref: string): AccordFailure {
  return new AccordFailure(
    accordError("ACCORD_ERR_CATALOG_BASE_INVALID", [ref, error.message], error.location),
  );
}

/** Prefix for catalog-relative paths as seen from the working directory ("" for the catalog itself). */
export function cwdPrefix(dir: string): string {
  return relative(process.cwd(), resolve(dir)).split(sep).join("/");
}

/**
 * Prefix for catalog-relative paths as seen from the repository root, which is what GitHub
 * annotations and SARIF want; the working directory when the catalog is not in git.
 */
export async function repositoryPrefix(dir: string): Promise<string> {
  try {
    const top = (await simpleGit({ baseDir: resolve(dir) }).revparse(["--show-toplevel"])).trim();
    return relative(await realpath(top), await realpath(resolve(dir)))
      .split(sep)
      .join("/");
  } catch {
    return cwdPrefix(dir);
  }
}

function relocated(error: AccordError, dir: string): AccordError {
  const prefix = cwdPrefix(dir);
  const file = error.location?.file;
  if (prefix === "" || file === undefined || !error.message.startsWith(file)) return error;
  const shown = `${prefix}/${file}`;
  return {
    ...error,
    message: `${shown}${error.message.slice(file.length)}`,
    location: { ...error.location, file: shown },
  };
}

/**
 * Writes files under `dir`, creating folders, and never overwrites: every target is checked
 * first, so either all are written or (when one exists) none.
 */
export async function writeNewFiles(
  dir: string,
  files: readonly { readonly path: string; readonly content: string }[],
): Promise<void> {
  const root = resolve(dir);
  for (const file of files) {
    const target = join(root, ...file.path.split("/"));
    if (await stat(target).catch(() => undefined)) {
      throw new AccordFailure(accordError("ACCORD_ERR_CATALOG_FILE_EXISTS", [join(dir, file.path)]));
    }
  }
  for (const file of files) {
    const target = join(root, ...file.path.split("/"));
    try {
      await mkdir(dirname(target), { recursive: true });
      // "wx" fails if the file appeared since the check, rather than overwrite it.
      await writeFile(target, file.content, { flag: "wx" });
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      throw new AccordFailure(
        code === "EEXIST"
          ? accordError("ACCORD_ERR_CATALOG_FILE_EXISTS", [join(dir, file.path)])
          : accordError("ACCORD_ERR_CATALOG_WRITE", [
              join(dir, file.path),
              cause instanceof Error ? cause.message : String(cause),
            ]),
      );
    }
  }
}
