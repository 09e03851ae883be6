import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, mkdir, readFile, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { parse as parseYamlText } from "yaml";
import { CONFIG_FILE } from "../../contracts/catalog/config.js";
import { SCHEMAS_DIR } from "../../contracts/catalog/layout.js";
import { selectByPatterns } from "../../contracts/codegen/glob.js";
import type { CompatibilityMode } from "../../contracts/compat/types.js";
import { AccordFailure, accordError } from "../../contracts/errors.js";
import {
  importedConfigText,
  importedSubjectMetaText,
  mapVersions,
  sameJson,
  subjectFolder,
  versionFileText,
} from "../../contracts/registry-sync/plan.js";
import { RegistryClient, unwrapCall } from "../../registry/client.js";

/**
 * `accord import`: a registry's JSON Schema subjects written as a catalog folder. Everything is
 * read first, every target is checked, the files are written into a staging folder beside the
 * catalog and only then moved into place, so a failure leaves nothing half-written.
 */

export interface ImportedSubject {
  readonly subject: string;
  /** The folder under schemas/: the subject, or `context~subject` for one in a schema context. */
  readonly folder: string;
  /** Catalog version ← registry version. */
  readonly versions: readonly {
    readonly version: number;
    readonly registryVersion: number;
    readonly id: number;
  }[];
  /** True when the registry's version numbers had gaps, so catalog versions differ from them. */
  readonly renumbered: boolean;
  /** The subject's own level in the registry, written to subject.yaml. */
  readonly compatibility?: CompatibilityMode;
}

export interface ImportResult {
  readonly registry: string;
  readonly dir: string;
  readonly subjects: readonly ImportedSubject[];
  /** Subjects left out: other schema types, references. */
  readonly skipped: readonly { readonly subject: string; readonly reason: string }[];
  /** Subjects whose names cannot be folder names. */
  readonly refused: readonly { readonly subject: string; readonly reason: string }[];
  /** Files written, relative to dir. */
  readonly written: readonly string[];
  /** Files already there with the same content. */
  readonly unchanged: readonly string[];
}

export interface ImportOptions {
  readonly registry: string;
  readonly dir: string;
  readonly subjects?: readonly string[];
  readonly warn: (message: string) => void;
}

interface PlannedFile {
  readonly path: string;
  readonly content: string;
  /** How to compare with a file already there: parsed JSON, or not at all (kept as it is). */
  readonly kind: "version" | "keep";
}

export async function importRegistry(options: ImportOptions): Promise<ImportResult> {
  const client = new RegistryClient({ url: options.registry });
  let names = unwrapCall(await client.listSubjects());
  if (options.subjects && options.subjects.length > 0) {
    const { selected, unmatched } = selectByPatterns(names, (name) => name, options.subjects);
    for (const pattern of unmatched) options.warn(`--subject ${pattern} matched no registry subject`);
    names = [...selected];
  }
  names.sort();
  const global = unwrapCall(await client.getConfig()).compatibilityLevel;

  const subjects: ImportedSubject[] = [];
  const skipped: { subject: string; reason: string }[] = [];
  const refused: { subject: string; reason: string }[] = [];
  const files: PlannedFile[] = [];
  // A subject in a context gets a folder of its own (see subjectFolder); two subjects never share one.
  const folderOwners = new Map<string, string>();
  for (const name of names) {
    const placed = subjectFolder(name);
    if ("reason" in placed) {
      refused.push({ subject: name, reason: `not a safe folder name: ${placed.reason}` });
      continue;
    }
    const owner = folderOwners.get(placed.folder);
    if (owner !== undefined) {
      refused.push({
        subject: name,
        reason: `its folder ${placed.folder} is the folder of subject ${owner}`,
      });
      continue;
    }
    folderOwners.set(placed.folder, name);
    const { folder, registrySubject } = placed;
    const mapping = mapVersions(unwrapCall(await client.listVersions(name)));
    const fetched = [];
    let skipReason: string | undefined;
    for (const entry of mapping.versions) {
      const registered = unwrapCall(await client.getVersion(name, entry.registryVersion));
      const schemaType = registered.schemaType ?? "AVRO";
      if (schemaType !== "JSON") {
        skipReason = `version ${entry.registryVersion} is a ${schemaType} schema; a catalog holds JSON Schema only`;
        break;
      }
      if (registered.references && registered.references.length > 0) {
        skipReason = `version ${entry.registryVersion} uses schema references, which a catalog cannot hold`;
        break;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(registered.schema);
      } catch {
        skipReason = `version ${entry.registryVersion} is not valid JSON`;
        break;
      }
      fetched.push({ ...entry, id: registered.id, parsed });
    }
    if (skipReason !== undefined) {
      skipped.push({ subject: name, reason: skipReason });
      options.warn(`skipping subject ${name}: ${skipReason}`);
      continue;
    }
    const own = unwrapCall(await client.getSubjectConfig(name));
    for (const entry of fetched) {
      files.push({
        path: `${SCHEMAS_DIR}/${folder}/v${entry.version}.json`,
        content: versionFileText(entry.parsed),
        kind: "version",
      });
    }
    if (own !== undefined || registrySubject !== undefined) {
      files.push({
        path: `${SCHEMAS_DIR}/${folder}/subject.yaml`,
        content: importedSubjectMetaText({
          ...(own === undefined ? {} : { compatibility: own }),
          ...(registrySubject === undefined ? {} : { registrySubject }),
        }),
        kind: "keep",
      });
    }
    subjects.push({
      subject: name,
      folder,
      versions: fetched.map(({ version, registryVersion, id }) => ({ version, registryVersion, id })),
      renumbered: mapping.renumbered,
      ...(own === undefined ? {} : { compatibility: own }),
    });
  }
  files.push({
    path: CONFIG_FILE,
    content: importedConfigText({ url: client.url, compatibility: global }),
    kind: "keep",
  });

  const root = resolve(options.dir);
  const toWrite: PlannedFile[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    const existing = await existingVersion(root, file);
    if (existing === "absent") toWrite.push(file);
    else if (existing === "same") unchanged.push(file.path);
    else {
      throw new AccordFailure(
        accordError("ACCORD_ERR_CATALOG_FILE_EXISTS", [
          `${join(options.dir, existing)} (it differs from what the registry holds)`,
        ]),
      );
    }
  }
  await writeStaged(root, options.dir, toWrite);
  return {
    registry: client.url,
    dir: options.dir,
    subjects,
    skipped,
    refused,
    written: toWrite.map((file) => file.path),
    unchanged,
  };
}

/**
 * Whether the target is absent, holds the same content, or (returning the conflicting path) holds
 * something else. A version may exist as .json, .yaml or .yml; any of them counts.
 */
async function existingVersion(root: string, file: PlannedFile): Promise<"absent" | "same" | string> {
  if (file.kind === "keep") {
    return (await isFile(join(root, ...file.path.split("/")))) ? "same" : "absent";
  }
  const stem = file.path.replace(/\.json$/, "");
  const wanted = JSON.parse(file.content) as unknown;
  for (const extension of [".json", ".yaml", ".yml"]) {
    const path = `${stem}${extension}`;
    const full = join(root, ...path.split("/"));
    if (!(await isFile(full))) continue;
    let parsed: unknown;
    try {
      const text = await readFile(full, "utf8");
      parsed = extension === ".json" ? JSON.parse(text) : parseYamlText(text);
    } catch {
      return path;
    }
    return sameJson(parsed, wanted) ? "same" : path;
  }
  return "absent";
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

/**
 * Writes the files into a staging folder beside `root`, then moves them in: the whole folder at
 * once when `root` does not exist yet, else file by file with exclusive copies (which never replace a
 * file), undoing the moved ones if one fails.
 */
async function writeStaged(root: string, shown: string, files: readonly PlannedFile[]): Promise<void> {
  if (files.length === 0) return;
  const staging = join(dirname(root), `.${basename(root)}.accord-import-${randomBytes(4).toString("hex")}`);
  try {
    for (const file of files) {
      const target = join(staging, ...file.path.split("/"));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content, { flag: "wx" });
    }
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw writeFailure(shown, cause);
  }
  try {
    if (!(await stat(root).catch(() => undefined))) {
      await mkdir(dirname(root), { recursive: true });
      await rename(staging, root);
      return;
    }
    const moved: string[] = [];
    try {
      for (const file of files) {
        const target = join(root, ...file.path.split("/"));
        await mkdir(dirname(target), { recursive: true });
        // COPYFILE_EXCL: never replaces a file that appeared since the check.
        await copyFile(join(staging, ...file.path.split("/")), target, constants.COPYFILE_EXCL);
        moved.push(target);
      }
    } catch (cause) {
      for (const target of moved) await unlink(target).catch(() => undefined);
      const code = (cause as { code?: string }).code;
      if (code === "EEXIST") {
        throw new AccordFailure(
          accordError("ACCORD_ERR_CATALOG_FILE_EXISTS", [
            `a file in ${shown} (it appeared during the import)`,
          ]),
        );
      }
      throw writeFailure(shown, cause);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function writeFailure(shown: string, cause: unknown): AccordFailure {
  return new AccordFailure(
    accordError("ACCORD_ERR_CATALOG_WRITE", [shown, cause instanceof Error ? cause.message : String(cause)]),
  );
}
