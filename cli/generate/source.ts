import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { simpleGit } from "simple-git";
import type { CatalogFiles } from "../../contracts/catalog/types.js";
import type { GenerateSettings, SettingPath } from "../../contracts/codegen/config.js";
import { selectByPatterns } from "../../contracts/codegen/glob.js";
import { LOCK_FILE, type Lock, lockedSchemaId } from "../../contracts/codegen/lock.js";
import type { CodegenSubject, CodegenVersion } from "../../contracts/codegen/types.js";
import { AccordFailure, accordError, unwrap } from "../../contracts/errors.js";
import { fingerprint } from "../../contracts/schema/canonical.js";
import type { Json } from "../../contracts/schema/types.js";
import type { RegistryClient } from "../../registry/client.js";

/**
 * Where `accord generate` gets its schemas and their ids.
 *
 * - Registry source: subjects, versions, schemas and ids all come from the registry.
 * - Catalog source (a folder, a git ref of it, or a git URL): schemas come from the catalog, which
 *   has no ids. Under `--wire confluent` each version's id comes from accord.lock when the lock
 *   pins one to the same schema fingerprint; otherwise it is looked up (never registered) in the
 *   registry named by `generate.registry`/`--registry`, else by the catalog's `registry.url`.
 *   A version with neither is a usage error naming it. `--wire json` needs no ids.
 */

export interface LoadedSource {
  /** For messages and the result: `catalog ../contracts`, `registry http://...`. */
  readonly label: string;
  readonly subjects: readonly CodegenSubject[];
  /** With a catalog source: the registry its accord.yaml names. */
  readonly catalogRegistry?: string;
}

export interface SourceDirs {
  readonly configDir: string;
  readonly cwd: string;
}

export function resolveSettingPath(setting: SettingPath, dirs: SourceDirs): string {
  return resolve(setting.relativeTo === "config" ? dirs.configDir : dirs.cwd, setting.path);
}

export async function loadSource(settings: GenerateSettings, dirs: SourceDirs): Promise<LoadedSource> {
  const source = settings.source;
  if (source.kind === "registry") return loadRegistry(source.url, settings);
  const { readCatalogFiles, readCatalogFilesAtRef } = await import("../catalog-io.js");
  if (source.kind === "catalog") {
    const dir = resolveSettingPath(source.dir, dirs);
    const files =
      source.ref === undefined ? await readCatalogFiles(dir) : await readCatalogFilesAtRef(dir, source.ref);
    const label = `catalog ${source.dir.path}${source.ref === undefined ? "" : `@${source.ref}`}`;
    return fromCatalog(files, label, settings);
  }
  const clone = await mkdtemp(join(tmpdir(), "accord-generate-"));
  try {
    try {
      await simpleGit().clone(source.url, clone, ["--quiet"]);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).trim().split("\n")[0] ?? "";
      throw new AccordFailure(accordError("ACCORD_ERR_GIT_FAILED", [`clone ${source.url}`, reason]));
    }
    const dir = join(clone, ...source.path.split("/").filter((part) => part !== ""));
    // The catalog folder may exist only at the ref asked for, not in the default branch checked out.
    await mkdir(dir, { recursive: true });
    const files = await readCatalogFilesAtRef(dir, source.ref ?? "HEAD");
    const label = `git ${source.url}${source.ref === undefined ? "" : `@${source.ref}`}${source.path === "" ? "" : ` (${source.path})`}`;
    return await fromCatalog(files, label, settings);
  } finally {
    await rm(clone, { recursive: true, force: true });
  }
}

async function fromCatalog(
  files: CatalogFiles,
  label: string,
  settings: GenerateSettings,
): Promise<LoadedSource> {
  const { loadCatalog } = await import("../../contracts/catalog/load.js");
  if (!files.has("accord.yaml")) {
    throw new AccordFailure(accordError("ACCORD_ERR_CATALOG_NOT_FOUND", [label]));
  }
  const catalog = unwrap(loadCatalog(files));
  const selected = select(catalog.subjects, (subject) => subject.name, settings.subjects, label);
  const subjects = selected.map((subject) =>
    codegenSubject(
      subject.name,
      subject.registrySubject,
      subject.versions.map((version) => ({
        version: version.version,
        document: version.document,
        fingerprint: fingerprint(version.document.root),
      })),
      settings,
    ),
  );
  const registry = catalog.config.registry?.url;
  return { label, subjects, ...(registry !== undefined ? { catalogRegistry: registry } : {}) };
}

function select<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  patterns: readonly string[],
  label: string,
): readonly T[] {
  const { selected, unmatched } = selectByPatterns(items, nameOf, patterns);
  if (unmatched.length > 0) {
    throw new AccordFailure(accordError("ACCORD_ERR_GENERATE_NO_SUBJECTS", [unmatched[0], label]));
  }
  return selected;
}

function codegenSubject(
  subject: string,
  registrySubject: string,
  versions: CodegenVersion[],
  settings: GenerateSettings,
): CodegenSubject {
  const typeName = settings.names[subject];
  return { subject, registrySubject, versions, ...(typeName !== undefined ? { typeName } : {}) };
}

async function registryClient(url: string): Promise<RegistryClient> {
  const { RegistryClient } = await import("../../registry/client.js");
  return new RegistryClient({ url });
}

async function loadRegistry(url: string, settings: GenerateSettings): Promise<LoadedSource> {
  const [{ unwrapCall }, { loadSchemaValue }, client] = await Promise.all([
    import("../../registry/client.js"),
    import("../../contracts/schema/load.js"),
    registryClient(url),
  ]);
  const label = `registry ${client.url}`;
  const names = select(unwrapCall(await client.listSubjects()), (name) => name, settings.subjects, label);
  const subjects = await mapLimited([...names].sort(), 8, async (subject) => {
    const numbers = unwrapCall(await client.listVersions(subject)).sort((a, b) => a - b);
    const versions = await mapLimited(numbers, 8, async (number) => {
      const registered = unwrapCall(await client.getVersion(subject, number));
      const type = registered.schemaType ?? "AVRO";
      if (type.toUpperCase() !== "JSON") {
        throw new AccordFailure(accordError("ACCORD_ERR_GENERATE_SCHEMA_TYPE", [subject, number, type]));
      }
      const source = `subject "${subject}" version ${number}`;
      let value: Json;
      try {
        value = JSON.parse(registered.schema) as Json;
      } catch (error) {
        throw new AccordFailure(
          accordError("ACCORD_ERR_SCHEMA_PARSE", [
            source,
            `the registry's schema text is not JSON (${(error as Error).message})`,
          ]),
        );
      }
      const document = unwrap(loadSchemaValue(value, source));
      return {
        version: number,
        document,
        fingerprint: fingerprint(document.root),
        schemaId: registered.id,
        ...(registered.guid === undefined ? {} : { schemaGuid: registered.guid.toLowerCase() }),
      };
    });
    return codegenSubject(subject, subject, versions, settings);
  });
  return { label, subjects };
}

/**
 * Gives every version of a catalog source its schema id: from the lock when it pins one to the
 * same fingerprint, else from a registry lookup (POST /subjects/{subject}, which never registers).
 */
export async function attachSchemaIds(
  subjects: readonly CodegenSubject[],
  lock: Lock | undefined,
  registryUrl: string | undefined,
): Promise<CodegenSubject[]> {
  let client: RegistryClient | undefined;
  const out: CodegenSubject[] = [];
  for (const subject of subjects) {
    const versions: CodegenVersion[] = [];
    for (const version of subject.versions) {
      const locked = lockedSchemaId(lock, subject.subject, version.version, version.fingerprint);
      if (locked && "schemaId" in locked) {
        versions.push({ ...version, ...locked });
        continue;
      }
      if (registryUrl === undefined) {
        const why = locked?.stale ?? `${LOCK_FILE} has no id for it`;
        throw missingId(
          subject,
          version,
          `${why}, and no registry is named to look it up (generate.registry, --registry, or registry.url in the catalog's accord.yaml)`,
        );
      }
      client ??= await registryClient(registryUrl);
      versions.push({ ...version, ...(await lookupId(client, subject, version)) });
    }
    out.push({ ...subject, versions });
  }
  return out;
}

async function lookupId(
  client: RegistryClient,
  subject: CodegenSubject,
  version: CodegenVersion,
): Promise<{ schemaId: number; schemaGuid?: string }> {
  const result = await client.lookup(subject.registrySubject, {
    schema: JSON.stringify(version.document.root),
  });
  if (result.ok) {
    const { id, guid } = result.value;
    return { schemaId: id, ...(guid === undefined ? {} : { schemaGuid: guid.toLowerCase() }) };
  }
  const code = result.error.errorCode;
  if (code === 40401 || code === 40403) {
    throw missingId(
      subject,
      version,
      `the registry at ${client.url} has no version of subject "${subject.registrySubject}" with this schema (publish it first; generate never registers)`,
    );
  }
  throw new AccordFailure(result.error);
}

function missingId(subject: CodegenSubject, version: CodegenVersion, reason: string): AccordFailure {
  return new AccordFailure(
    accordError("ACCORD_ERR_GENERATE_SCHEMA_ID_MISSING", [subject.subject, version.version, reason]),
  );
}

/** `fn` over `items` with at most `limit` calls in flight, results in input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
