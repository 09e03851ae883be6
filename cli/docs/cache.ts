import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SubjectDraft } from "../../contracts/docs/build.js";

/**
 * A content-addressed cache of subject drafts, so a rebuild only loads and documents the subjects
 * whose files changed. A key covers the subject's file texts, the catalog settings that shape a
 * draft, and a fingerprint of Accord's own contracts/ code: a new engine or loader never serves an
 * old draft. Entries unused for two weeks are removed.
 */

const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** `$XDG_CACHE_HOME/accord/docs`, else `~/.cache/accord/docs`. */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "accord", "docs");
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Hash of every file in contracts/ (compiled or source, whichever is running). */
async function codeFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await filesUnder(fileURLToPath(new URL("../../contracts/", import.meta.url)))) {
    hash.update(file.slice(file.lastIndexOf("contracts")));
    hash.update(await readFile(file));
  }
  return hash.digest("hex");
}

export class DraftCache {
  private readonly used = new Set<string>();

  private constructor(
    private readonly dir: string,
    private readonly salt: string,
  ) {}

  /** `settings`: everything outside a subject's own files that shapes its draft. */
  static async open(dir: string, settings: unknown): Promise<DraftCache> {
    const salt = createHash("sha256")
      .update(await codeFingerprint())
      .update(JSON.stringify(settings))
      .digest("hex");
    return new DraftCache(dir, salt);
  }

  keyOf(name: string, files: readonly (readonly [string, string])[]): string {
    const hash = createHash("sha256").update(this.salt).update(name);
    for (const [path, text] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      hash.update(`\0${path}\0${text.length}\0`).update(text);
    }
    return hash.digest("hex").slice(0, 40);
  }

  async read(key: string): Promise<SubjectDraft | undefined> {
    const file = join(this.dir, `${key}.json`);
    try {
      const draft = JSON.parse(await readFile(file, "utf8")) as SubjectDraft;
      this.used.add(key);
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return draft;
    } catch {
      // Missing or unreadable: a miss; the subject is built again and the entry rewritten.
      return undefined;
    }
  }

  /** Best effort: a cache that cannot be written only makes the next build slower. */
  async write(key: string, draft: SubjectDraft): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      // Renamed into place, so a concurrent build never reads half an entry.
      const temp = join(this.dir, `${key}.${process.pid}.tmp`);
      await writeFile(temp, JSON.stringify(draft));
      await rename(temp, join(this.dir, `${key}.json`));
      this.used.add(key);
    } catch {
      // ignore: see above
    }
  }

  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const cutoff = Date.now() - MAX_AGE_MS;
    for (const name of names) {
      if (this.used.has(name.replace(/\.json$/, ""))) continue;
      const file = join(this.dir, name);
      const info = await stat(file).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await rm(file, { force: true });
    }
  }
}
