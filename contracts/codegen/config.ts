import { type AccordError, accordError, fail, ok, type Result } from "../errors.js";
import { errorAtPosition } from "../schema/located.js";
import { parseSchemaText } from "../schema/parse.js";
import { joinPointer } from "../schema/pointer.js";
import type { Position } from "../schema/text-position.js";
import type { Json } from "../schema/types.js";
import { isIdentifier } from "./naming.js";
import { MODULE_STYLES, type ModuleStyle, WIRE_FORMATS, type WireFormat } from "./types.js";

/**
 * The settings of `accord generate`: the `generate:` section of the consuming repository's
 * accord.yaml, overridden key by key by flags. Paths keep what they are relative to (the config
 * file's folder or the working directory); the command resolves them.
 *
 *   generate:
 *     catalog: ../contracts          # a catalog folder (with `ref:`, read at that git ref), or
 *     git: { url: https://..., ref: main, path: catalog }
 *     registry: http://localhost:8081 # alone: the source; with catalog/git: where ids are looked up
 *     subjects: ["order-*"]
 *     out: src/generated/accord
 *     wire: confluent                 # or json
 *     module: esm                     # or cjs
 *     names: { order-placed: OrderPlaced }
 *     consumer: billing-service        # this repository's name as a consumer
 *     reads: { order-placed: [/orderId, /lines/*\/sku] }  # what it reads: projection types
 */

export const DEFAULT_OUT = "src/generated/accord";

/** A path from the config file (relative to its folder) or from a flag (relative to the working directory). */
export interface SettingPath {
  readonly path: string;
  readonly relativeTo: "config" | "cwd";
}

export type GenerateSource =
  | { readonly kind: "catalog"; readonly dir: SettingPath; readonly ref?: string }
  | { readonly kind: "git"; readonly url: string; readonly ref?: string; readonly path: string }
  | { readonly kind: "registry"; readonly url: string };

export interface GenerateSettings {
  readonly source: GenerateSource;
  /** With a catalog source: the registry that gives schema ids (else the catalog's `registry.url`). */
  readonly lookupRegistry?: string;
  readonly subjects: readonly string[];
  readonly out: SettingPath;
  readonly wire: WireFormat;
  readonly module: ModuleStyle;
  /** Subject → TypeScript base name. */
  readonly names: Readonly<Record<string, string>>;
  /** What this repository reads, as a consumer: projection types, and `accord consumer publish`. */
  readonly reads?: ConsumerReads;
}

/** `generate.consumer` and `generate.reads`, with where they stand in the config file. */
export interface ConsumerReads {
  /** The consumer's name (`generate.consumer`); absent when only `reads` is given. */
  readonly consumer?: string;
  /** Subject → read paths (JSON Pointers into the event, `*` for every item or map value). */
  readonly subjects: Readonly<Record<string, readonly string[]>>;
  /** The config file, and the line and column of a node in it, for messages about a declaration. */
  readonly file: string;
  readonly locate: (pointer: string) => Position | undefined;
}

/** What flags can say; every field overrides the config's. */
export interface GenerateFlags {
  readonly catalog?: string;
  readonly git?: string;
  readonly ref?: string;
  readonly gitPath?: string;
  readonly registry?: string;
  readonly subjects?: readonly string[];
  readonly out?: string;
  readonly wire?: WireFormat;
  readonly module?: ModuleStyle;
}

interface RawSection {
  catalog?: string;
  ref?: string;
  git?: { url: string; ref?: string; path?: string };
  registry?: string;
  subjects?: string[];
  out?: string;
  wire?: WireFormat;
  module?: ModuleStyle;
  names?: Record<string, string>;
  consumer?: string;
  reads?: Record<string, string[]>;
}

const KEYS = [
  "catalog",
  "ref",
  "git",
  "registry",
  "subjects",
  "out",
  "wire",
  "module",
  "names",
  "consumer",
  "reads",
];

/**
 * Reads the `generate:` section of accord.yaml (`text` undefined when there is no such file) and
 * applies the flags. `file` labels messages, which point at file:line:column.
 */
export function resolveGenerateSettings(
  text: string | undefined,
  file: string,
  flags: GenerateFlags,
): Result<GenerateSettings> {
  let section: RawSection = {};
  let locate: Locate = () => undefined;
  if (text !== undefined && text.trim() !== "") {
    const parsed = parseSchemaText(text, file);
    if (!parsed.ok) return parsed;
    const read = readSection(parsed.value.value, file, parsed.value.locate);
    if (!read.ok) return read;
    section = read.value;
    locate = parsed.value.locate;
  }
  const merged = merge(section, flags, file);
  if (!merged.ok || (section.reads === undefined && section.consumer === undefined)) return merged;
  const reads: ConsumerReads = {
    ...(section.consumer !== undefined ? { consumer: section.consumer } : {}),
    subjects: section.reads ?? {},
    file,
    locate,
  };
  return ok({ ...merged.value, reads });
}

function merge(section: RawSection, flags: GenerateFlags, file: string): Result<GenerateSettings> {
  const flagSource = flags.catalog !== undefined || flags.git !== undefined;
  const catalog = flagSource ? flags.catalog : section.catalog;
  const gitUrl = flagSource ? flags.git : section.git?.url;
  const registry = flags.registry ?? section.registry;
  const ref = flags.ref ?? (flagSource ? undefined : (section.git?.ref ?? section.ref));

  if (catalog !== undefined && gitUrl !== undefined) {
    return fail(usage(flagSource ? "flags" : file, "name either a catalog folder or a git URL, not both"));
  }
  let source: GenerateSource;
  if (catalog !== undefined) {
    const dir: SettingPath = { path: catalog, relativeTo: flags.catalog !== undefined ? "cwd" : "config" };
    source = { kind: "catalog", dir, ...(ref !== undefined ? { ref } : {}) };
  } else if (gitUrl !== undefined) {
    const path = flags.gitPath ?? (flagSource ? undefined : section.git?.path) ?? "";
    source = {
      kind: "git",
      url: gitUrl,
      path: path.replace(/^\/+|\/+$/g, ""),
      ...(ref !== undefined ? { ref } : {}),
    };
  } else if (registry !== undefined) {
    if (ref !== undefined)
      return fail(usage("flags", "--ref applies to a catalog or git source, not to a registry"));
    source = { kind: "registry", url: registry };
  } else {
    return fail(
      usage(
        file,
        "no source: set generate.catalog, generate.git or generate.registry, or pass --catalog, --git or --registry",
      ),
    );
  }

  const out: SettingPath =
    flags.out !== undefined
      ? { path: flags.out, relativeTo: "cwd" }
      : { path: section.out ?? DEFAULT_OUT, relativeTo: section.out !== undefined ? "config" : "cwd" };
  const subjects = flags.subjects && flags.subjects.length > 0 ? flags.subjects : (section.subjects ?? ["*"]);
  return ok({
    source,
    ...(source.kind !== "registry" && registry !== undefined ? { lookupRegistry: registry } : {}),
    subjects,
    out,
    wire: flags.wire ?? section.wire ?? "confluent",
    module: flags.module ?? section.module ?? "esm",
    names: section.names ?? {},
  });
}

function usage(where: string, reason: string): AccordError {
  return accordError("ACCORD_ERR_GENERATE_CONFIG_INVALID", [where, reason], { file: where });
}

type Locate = (pointer: string) => Position | undefined;

function readSection(document: Json, file: string, locate: Locate): Result<RawSection> {
  if (document === null || typeof document !== "object" || Array.isArray(document)) return ok({});
  const raw = document.generate;
  if (raw === undefined || raw === null) return ok({});
  const at = (pointer: string, reason: string) =>
    fail<RawSection>(
      errorAtPosition("ACCORD_ERR_GENERATE_CONFIG_INVALID", file, locate(pointer), [reason], pointer),
    );
  if (typeof raw !== "object" || Array.isArray(raw)) return at("#/generate", "generate: must be a mapping");

  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) {
      return at(joinPointer("#/generate", key), `generate.${key}: unknown key (known: ${KEYS.join(", ")})`);
    }
  }
  const section: RawSection = {};
  for (const key of ["catalog", "ref", "registry", "out", "consumer"] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.trim() === "") {
      return at(joinPointer("#/generate", key), `generate.${key}: must be a non-empty string`);
    }
    section[key] = value;
  }
  if (raw.wire !== undefined) {
    if (!WIRE_FORMATS.includes(raw.wire as WireFormat)) {
      return at("#/generate/wire", `generate.wire: must be one of ${WIRE_FORMATS.join(", ")}`);
    }
    section.wire = raw.wire as WireFormat;
  }
  if (raw.module !== undefined) {
    if (!MODULE_STYLES.includes(raw.module as ModuleStyle)) {
      return at("#/generate/module", `generate.module: must be one of ${MODULE_STYLES.join(", ")}`);
    }
    section.module = raw.module as ModuleStyle;
  }
  if (raw.subjects !== undefined) {
    const list = typeof raw.subjects === "string" ? [raw.subjects] : raw.subjects;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.some((item) => typeof item !== "string" || item === "")
    ) {
      return at(
        "#/generate/subjects",
        "generate.subjects: must be a pattern or a non-empty list of patterns",
      );
    }
    section.subjects = list as string[];
  }
  if (raw.git !== undefined) {
    const git = readGit(raw.git);
    if (typeof git === "string") return at("#/generate/git", `generate.git: ${git}`);
    section.git = git;
  }
  if (raw.names !== undefined) {
    const names = raw.names;
    if (names === null || typeof names !== "object" || Array.isArray(names)) {
      return at("#/generate/names", "generate.names: must map subject names to TypeScript names");
    }
    for (const [subject, name] of Object.entries(names)) {
      if (typeof name !== "string" || !isIdentifier(name) || !/^[A-Z_]/.test(name)) {
        return at(
          joinPointer("#/generate/names", subject),
          `generate.names.${subject}: must be a TypeScript identifier starting with a capital letter, such as OrderPlaced`,
        );
      }
    }
    section.names = names as Record<string, string>;
  }
  if (raw.reads !== undefined) {
    const reads = raw.reads;
    if (reads === null || typeof reads !== "object" || Array.isArray(reads)) {
      return at("#/generate/reads", "generate.reads: must map subject names to lists of read paths");
    }
    for (const [subject, paths] of Object.entries(reads)) {
      if (!Array.isArray(paths) || paths.length === 0 || paths.some((path) => typeof path !== "string")) {
        return at(
          joinPointer("#/generate/reads", subject),
          `generate.reads.${subject}: must be a non-empty list of read paths such as /orderId`,
        );
      }
    }
    section.reads = reads as Record<string, string[]>;
  }
  return ok(section);
}

function readGit(value: Json): { url: string; ref?: string; path?: string } | string {
  if (typeof value === "string" && value !== "") return { url: value };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return "must be a URL or a mapping with url, ref and path";
  }
  const { url, ref, path, ...rest } = value;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) return `unknown key "${extra}" (known: url, ref, path)`;
  if (typeof url !== "string" || url === "") return "url: must be a non-empty string";
  if (ref !== undefined && (typeof ref !== "string" || ref === "")) return "ref: must be a non-empty string";
  if (path !== undefined && typeof path !== "string") return "path: must be a string";
  return {
    url,
    ...(typeof ref === "string" ? { ref } : {}),
    ...(typeof path === "string" ? { path } : {}),
  };
}
