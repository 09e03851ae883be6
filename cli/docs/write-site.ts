import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import type { RenderedFile } from "../../templates/docs/files.js";

/**
 * Writes rendered docs into an output folder that may hold other things (a repository's docs/,
 * a wiki checkout). A manifest lists what each format wrote last time: only those files are ever
 * overwritten or removed, so a page for a deleted subject disappears and nobody else's file does.
 */

export const MANIFEST = ".accord-docs.json";

interface Manifest {
  readonly generator: "accord docs";
  readonly formats: Readonly<Record<string, readonly string[]>>;
}

async function readManifest(out: string): Promise<Manifest> {
  const empty: Manifest = { generator: "accord docs", formats: {} };
  let text: string;
  try {
    text = await readFile(join(out, MANIFEST), "utf8");
  } catch {
    return empty;
  }
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    if (value.generator !== "accord docs" || typeof value.formats !== "object" || value.formats === null)
      return empty;
    const formats: Record<string, string[]> = {};
    for (const [format, paths] of Object.entries(value.formats)) {
      if (Array.isArray(paths)) formats[format] = paths.filter((p): p is string => typeof p === "string");
    }
    return { generator: "accord docs", formats };
  } catch {
    return empty;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function inside(out: string, path: string): string {
  const target = resolve(out, ...path.split("/"));
  if (target !== out && !target.startsWith(`${out}${sep}`)) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_INTERNAL", [`rendered path escapes the output folder: ${path}`]),
    );
  }
  return target;
}

function writeFailure(path: string, cause: unknown): AccordFailure {
  const code = (cause as { code?: string }).code;
  const reason =
    code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "ENOTDIR" || code === "EEXIST"
        ? "a file is in the way of a folder"
        : code === "ENOSPC"
          ? "no space left on the device"
          : cause instanceof Error
            ? cause.message
            : String(cause);
  return new AccordFailure(accordError("ACCORD_ERR_DOCS_WRITE", [path, reason], { file: path }));
}

export interface WriteSummary {
  readonly written: number;
  readonly removed: number;
}

/** Where files wait, inside the output folder, until every one is rendered and none conflicts. */
export const STAGING = ".accord-docs-staging";

/**
 * Writes the files as they come into a staging folder inside `outDir`, so only one subject's pages
 * are in memory at a time; once all are there and none would overwrite a file Accord did not
 * write, moves them into place. A conflict, or a failure while rendering or staging, leaves the
 * folder as it was.
 */
export async function writeSite(
  outDir: string,
  format: string,
  files: Iterable<RenderedFile>,
): Promise<WriteSummary> {
  const out = resolve(outDir);
  const manifest = await readManifest(out);
  const ours = new Set(Object.values(manifest.formats).flat());
  const previous = new Set(manifest.formats[format] ?? []);
  const staging = join(out, STAGING);
  await rm(staging, { recursive: true, force: true });
  try {
    const paths = await stage(out, staging, files);
    // Check everything before moving anything, so a conflict leaves the folder as it was.
    for (const path of paths) {
      const target = inside(out, path);
      if (!ours.has(path) && (await exists(target))) {
        throw new AccordFailure(
          accordError("ACCORD_ERR_DOCS_OUTPUT_FOREIGN", [relative(process.cwd(), target) || target], {
            file: target,
          }),
        );
      }
    }
    const dirs = new Set(paths.map((path) => dirname(inside(out, path))));
    for (const dir of [...dirs].sort()) {
      await mkdir(dir, { recursive: true }).catch((cause) => {
        throw writeFailure(dir, cause);
      });
    }
    for (const path of paths) {
      const target = inside(out, path);
      await rename(inside(staging, path), target).catch((cause) => {
        throw writeFailure(target, cause);
      });
    }

    const now = new Set(paths);
    const stale = [...previous].filter((path) => !now.has(path));
    for (const path of stale) await rm(inside(out, path), { force: true });

    const formats = { ...manifest.formats, [format]: [...now].sort() };
    const next: Manifest = { generator: "accord docs", formats };
    await writeFile(join(out, MANIFEST), `${JSON.stringify(next, null, 2)}\n`, "utf8").catch((cause) => {
      throw writeFailure(join(out, MANIFEST), cause);
    });
    return { written: paths.length, removed: stale.length };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Writes each file under `staging` as it is made; the paths, each once, in the order they came (a
 * path rendered twice keeps its last content, as writing in place would).
 */
async function stage(out: string, staging: string, files: Iterable<RenderedFile>): Promise<string[]> {
  const paths = new Set<string>();
  const made = new Set<string>();
  for (const file of files) {
    inside(out, file.path);
    const target = inside(staging, file.path);
    const dir = dirname(target);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true }).catch((cause) => {
        throw writeFailure(dir, cause);
      });
      made.add(dir);
    }
    await writeFile(target, file.content, "utf8").catch((cause) => {
      throw writeFailure(target, cause);
    });
    paths.add(file.path);
  }
  return [...paths];
}
