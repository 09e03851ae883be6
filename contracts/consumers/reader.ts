import type {
  CatalogFiles,
  CatalogVersion,
  ConsumerEntry,
  ConsumerReader,
  Locator,
} from "../catalog/types.js";
import { type AccordError, fail, ok, type Result } from "../errors.js";
import { loadSchema, loadSchemaValue } from "../schema/load.js";
import { errorAtPosition } from "../schema/located.js";
import { joinPointer } from "../schema/pointer.js";
import { indexRefs } from "../schema/refs.js";
import type { Draft, SchemaDocument } from "../schema/types.js";
import { declaresPath } from "./declared.js";
import { deriveReader } from "./derive.js";
import { parseReadPath, readTrie } from "./reads.js";

/** Where a consumer declaration was written, for messages that point at it. */
export interface DeclarationSite {
  /** The file holding the declaration (a subject.yaml, a consuming repository's accord.yaml). */
  readonly file: string;
  readonly locate?: Locator;
  /** Pointer of the entry in that file, e.g. `#/consumers/1`. */
  readonly pointer: string;
}

/** An error pointing at `site.pointer` plus `path` (e.g. `reads/2`), with `file:line:column`. */
export function declarationError(
  site: DeclarationSite,
  path: readonly (string | number)[],
  message: string,
): AccordError {
  const pointer = joinPointer(site.pointer, ...path);
  return errorAtPosition(
    "ACCORD_ERR_CATALOG_CONSUMER_INVALID",
    site.file,
    site.locate?.(pointer) ?? site.locate?.(site.pointer),
    [message],
    pointer,
  );
}

export interface ReaderInput {
  readonly subject: string;
  readonly entry: ConsumerEntry;
  /** The version the consumer is pinned to. */
  readonly pinned: CatalogVersion;
  readonly site: DeclarationSite;
  /** For `schema:`: the catalog's files and the folder the path is relative to. */
  readonly files?: CatalogFiles;
  readonly folder?: string;
  readonly defaultDraft?: Draft;
  /**
   * Leave out read paths the pinned version does not declare instead of refusing them: for a
   * consumer assumed to be built against an earlier version than it names, what it reads that
   * the earlier version did not have yet is no promise to keep.
   */
  readonly onlyDeclared?: boolean;
}

/**
 * The reader schema of a consumer that declared `reads` (derived from the pinned version, see
 * derive.ts) or `schema` (its own file). Read paths are checked first: each must be a well-formed
 * pointer that the pinned version declares.
 */
export function consumerReader(input: ReaderInput): Result<ConsumerReader> {
  const { entry, pinned, site, subject } = input;
  const base = { name: entry.name, version: pinned.version, entry };
  if (entry.schema !== undefined) {
    const file = schemaFile(input.folder ?? "", entry.schema);
    const text = file === undefined ? undefined : input.files?.get(file);
    if (file === undefined || text === undefined) {
      return fail(
        declarationError(
          site,
          ["schema"],
          file === undefined
            ? `consumer ${entry.name}: schema "${entry.schema}" must be a .json or .yaml file inside the subject's consumers/ folder (e.g. consumers/${entry.name}.json)`
            : `consumer ${entry.name}: no reader schema at ${file}`,
        ),
      );
    }
    const document = loadSchema(text, file, input.defaultDraft ? { defaultDraft: input.defaultDraft } : {});
    if (!document.ok) return document;
    return ok({ ...base, file, document: document.value, paths: [] });
  }

  const root = pinned.document.root;
  const refs = indexRefs(root, pinned.document.draft, { source: pinned.file });
  if (!refs.ok) return refs;
  const paths: string[][] = [];
  const pathsText: string[] = [];
  for (const [index, path] of (entry.reads ?? []).entries()) {
    const parsed = parseReadPath(path);
    if (!parsed.ok)
      return fail(
        declarationError(site, ["reads", index], `consumer ${entry.name} reads "${path}": ${parsed.reason}`),
      );
    if (!declaresPath(root, refs.value, parsed.tokens)) {
      if (input.onlyDeclared) continue;
      return fail(
        declarationError(
          site,
          ["reads", index],
          `consumer ${entry.name} reads ${path}, which ${subject} v${pinned.version} does not declare`,
        ),
      );
    }
    paths.push(parsed.tokens);
    pathsText.push(path);
  }
  const label = `${entry.name}'s reader of ${subject} v${pinned.version}`;
  const derive = (
    tokens: readonly (readonly string[])[],
    at: (string | number)[],
  ): Result<SchemaDocument> => {
    const derived = deriveReader(root, pinned.document.draft, refs.value, readTrie(tokens));
    if (!derived.ok) return fail(declarationError(site, at, `consumer ${entry.name}: ${derived.reason}`));
    const document = loadSchemaValue(derived.schema, label, { compile: false });
    if (!document.ok)
      return fail(declarationError(site, at, `consumer ${entry.name}: ${document.error.message}`));
    return document;
  };
  const whole = derive(paths, ["reads"]);
  if (!whole.ok) return whole;
  const perPath: ConsumerReader["paths"][number][] = [];
  for (const [index, tokens] of paths.entries()) {
    const document = paths.length === 1 ? whole : derive([tokens], ["reads", index]);
    if (!document.ok) return document;
    perPath.push({ path: pathsText[index] as string, document: document.value });
  }
  return ok({ ...base, document: whole.value, paths: perPath });
}

/** `consumers/<name>.json|yaml|yml` under the subject folder, or undefined for anything else. */
function schemaFile(folder: string, path: string): string | undefined {
  const parts = path.split("/");
  if (
    parts.length !== 2 ||
    parts[0] !== "consumers" ||
    !/^[^.][^/]*\.(json|ya?ml)$/i.test(parts[1] as string)
  ) {
    return undefined;
  }
  return `${folder}/${path}`;
}

/**
 * The readers of one catalog subject: every entry with `reads` or `schema`, pinned to its `version`
 * (which must exist) or else the latest. Names must be unique.
 */
export function subjectReaders(input: {
  readonly subject: string;
  readonly entries: readonly ConsumerEntry[];
  readonly versions: readonly CatalogVersion[];
  readonly metaFile: string;
  readonly locate?: Locator;
  readonly files: CatalogFiles;
  readonly defaultDraft: Draft;
}): Result<ConsumerReader[]> {
  const readers: ConsumerReader[] = [];
  const names = new Set<string>();
  const folder = input.metaFile.slice(0, input.metaFile.lastIndexOf("/"));
  for (const entry of input.entries) {
    const site = {
      file: input.metaFile,
      ...(input.locate ? { locate: input.locate } : {}),
      pointer: joinPointer("#", "consumers", entry.index),
    };
    if (names.has(entry.name))
      return fail(declarationError(site, [], `consumer ${entry.name} is listed twice`));
    names.add(entry.name);
    if (entry.reads === undefined && entry.schema === undefined) continue;
    const pinned = pinnedVersion(input.versions, entry.version);
    if (!pinned) {
      const known = input.versions.map((version) => `v${version.version}`).join(", ");
      return fail(
        declarationError(
          site,
          ["version"],
          `consumer ${entry.name} is pinned to v${entry.version}, which ${input.subject} does not have (it has ${known})`,
        ),
      );
    }
    const reader = consumerReader({
      subject: input.subject,
      entry,
      pinned,
      site,
      files: input.files,
      folder,
      defaultDraft: input.defaultDraft,
    });
    if (!reader.ok) return reader;
    readers.push(reader.value);
  }
  return ok(readers);
}

/** The version a consumer is pinned to: its `version`, or else the latest. */
export function pinnedVersion(
  versions: readonly CatalogVersion[],
  version: number | undefined,
): CatalogVersion | undefined {
  return version === undefined ? versions[versions.length - 1] : versions.find((v) => v.version === version);
}
