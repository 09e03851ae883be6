import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
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

async function limited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface WriteSummary {
  readonly written: number;
  readonly removed: number;
}

export async function writeSite(
  outDir: string,
  format: string,
  files: readonly RenderedFile[],
): Promise<WriteSummary> {
  const out = resolve(outDir);
  const manifest = await readManifest(out);
  const ours = new Set(Object.values(manifest.formats).flat());
  const previous = new Set(manifest.formats[format] ?? []);

  // Check everything before writing anything, so a conflict leaves the folder as it was.
  for (const file of files) {
    const target = inside(out, file.path);
    if (!ours.has(file.path) && (await exists(target))) {
      throw new AccordFailure(
        accordError("ACCORD_ERR_DOCS_OUTPUT_FOREIGN", [relative(process.cwd(), target) || target], {
          file: target,
        }),
      );
    }
  }

  const dirs = new Set(files.map((file) => dirname(inside(out, file.path))));
  for (const dir of [...dirs].sort()) {
    await mkdir(dir, { recursive: true }).catch((cause) => {
      throw writeFailure(dir, cause);
    });
  }
  await limited(files, 32, async (file) => {
    const target = inside(out, file.path);
    await writeFile(target, file.content, "utf8").catch((cause) => {
      throw writeFailure(target, cause);
    });
  });

  const now = new Set(files.map((file) => file.path));
  const stale = [...previous].filter((path) => !now.has(path));
  for (const path of stale) await rm(inside(out, path), { force: true });

  const formats = { ...manifest.formats, [format]: [...now].sort() };
  const next: Manifest = { generator: "accord docs", formats };
  await writeFile(join(out, MANIFEST), `${JSON.stringify(next, null, 2)}\n`, "utf8").catch((cause) => {
    throw writeFailure(join(out, MANIFEST), cause);
  });
  return { written: files.length, removed: stale.length };
}
