import type { Catalog, CatalogConfig } from "../catalog/types.js";
import type { CompareOptions } from "../compat/index.js";
import { isJsonObject } from "../schema/json-value.js";
import type { SchemaDocument } from "../schema/types.js";
import { ShownChanges, versionChange } from "./changes.js";
import { consumerSafety } from "./consumers.js";
import { exampleFor } from "./examples.js";
import { fieldTable } from "./fields.js";
import { Slugger } from "./slug.js";
import type {
  DocsModel,
  DocsSubjectInput,
  ServiceDoc,
  SubjectDoc,
  SubjectGroup,
  VersionChange,
  VersionDoc,
} from "./types.js";

export interface BuildDocsOptions {
  readonly title?: string;
  readonly version?: string;
  /** `catalog`, or the registry URL the subjects were read from. */
  readonly source?: string;
  /** Producers' content-model assumption, as the catalog states it (passed to the engine). */
  readonly writersEmitOnlyDeclared?: boolean;
  /** Keywords the catalog declares non-validating (passed to the engine). */
  readonly annotationKeywords?: readonly string[];
  /** Skip the compatibility reports (AsyncAPI output has no use for them). Default true. */
  readonly changes?: boolean;
}

export const DEFAULT_TITLE = "Event catalog";
export const UNTAGGED = "Untagged";

/** What accord.yaml says about the docs: `docs.title`, `docs.version`, and the content-model assumption. */
/** What the engine is told, for the version changes and the consumers' verdicts alike. */
function compareOptionsOf(options: BuildDocsOptions): CompareOptions {
  return {
    writersEmitOnlyDeclared: options.writersEmitOnlyDeclared === true,
    annotationKeywords: options.annotationKeywords ?? [],
  };
}

export function catalogDocsOptions(config: CatalogConfig): BuildDocsOptions {
  const docs = config.raw.docs;
  const section = docs !== null && typeof docs === "object" ? (docs as Record<string, unknown>) : {};
  const title = text(section.title);
  const version = text(section.version);
  return {
    writersEmitOnlyDeclared: config.writersEmitOnlyDeclared,
    annotationKeywords: config.annotationKeywords,
    source: "catalog",
    ...(title !== undefined ? { title } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

/** The docs model of a loaded catalog. */
export function docsModelFromCatalog(
  catalog: Catalog,
  options: Omit<BuildDocsOptions, "title" | "version"> = {},
): DocsModel {
  return buildDocsModel(catalog.subjects, { ...catalogDocsOptions(catalog.config), ...options });
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function versionDocs(subject: DocsSubjectInput, options: BuildDocsOptions): VersionDoc[] {
  const out: VersionDoc[] = [];
  const history: SchemaDocument[] = [];
  let previous: VersionDoc | undefined;
  const shown = new ShownChanges();
  for (const version of subject.versions) {
    const document = version.document;
    const fields = fieldTable(document.root, document.draft);
    const { example, invalidOwnExamples } = exampleFor(document);
    let change: VersionChange | undefined;
    if (previous && options.changes !== false) {
      change = versionChange(
        history,
        document,
        subject.compatibility,
        compareOptionsOf(options),
        previous.fields,
        fields,
        { from: previous.version, to: version.version },
        shown,
      );
    }
    const root = isJsonObject(document.root) ? document.root : {};
    const title = text(root.title);
    const description = text(root.description);
    const doc: VersionDoc = {
      version: version.version,
      file: version.file,
      text: version.text,
      draft: document.draft,
      draftAssumed: document.draftAssumed,
      schema: document.root,
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
      fields,
      ...(example ? { example } : {}),
      invalidOwnExamples,
      ...(change ? { change } : {}),
    };
    out.push(doc);
    history.push(document);
    previous = doc;
  }
  return out;
}

/**
 * One subject's documentation without the parts that depend on the rest of the catalog (its slug,
 * the replacement's slug). Built independently per subject, so a large catalog can be built in
 * parallel and assembled afterwards.
 */
export type SubjectDraft = Omit<SubjectDoc, "slug" | "deprecated"> & {
  readonly deprecated?: { readonly reason: string; readonly replacement?: string };
};

export function buildSubjectDraft(subject: DocsSubjectInput, options: BuildDocsOptions = {}): SubjectDraft {
  const meta = subject.meta;
  const versions = versionDocs(subject, options);
  const description = text(meta.description) ?? versions.at(-1)?.description;
  const replacement = meta.deprecated?.replacement;
  const safety =
    options.changes === false ? [] : consumerSafety(subject, versions, compareOptionsOf(options));
  return {
    name: subject.name,
    registrySubject: subject.registrySubject,
    ...(description !== undefined ? { description } : {}),
    owners: [...meta.owners],
    ...(meta.topic !== undefined ? { topic: meta.topic } : {}),
    producers: [...meta.producers],
    consumers: [...meta.consumers],
    compatibility: subject.compatibility,
    ...(safety.length > 0 ? { consumerSafety: safety } : {}),
    tags: [...meta.tags],
    ...(meta.deprecated
      ? {
          deprecated: {
            reason: meta.deprecated.reason,
            ...(replacement !== undefined ? { replacement } : {}),
          },
        }
      : {}),
    versions,
  };
}

/** Slugs, deprecation links, groups and services: what needs every subject at once. */
export function assembleDocsModel(
  drafts: readonly SubjectDraft[],
  options: Pick<BuildDocsOptions, "title" | "version" | "source"> = {},
): DocsModel {
  const sorted = [...drafts].sort((a, b) => a.name.localeCompare(b.name));
  const slugger = new Slugger();
  const slugs = sorted.map((s) => slugger.slug(s.name));
  const slugByName = new Map(sorted.map((s, i) => [s.name, slugs[i] as string]));
  for (const s of sorted) {
    if (!slugByName.has(s.registrySubject))
      slugByName.set(s.registrySubject, slugByName.get(s.name) as string);
  }
  const docs: SubjectDoc[] = sorted.map((draft, i) => {
    const replacement = draft.deprecated?.replacement;
    const replacementSlug = replacement !== undefined ? slugByName.get(replacement) : undefined;
    const { deprecated, ...rest } = draft;
    return {
      ...rest,
      slug: slugs[i] as string,
      ...(deprecated
        ? { deprecated: { ...deprecated, ...(replacementSlug !== undefined ? { replacementSlug } : {}) } }
        : {}),
    };
  });
  return {
    title: options.title ?? DEFAULT_TITLE,
    ...(options.version !== undefined ? { version: options.version } : {}),
    source: options.source ?? "catalog",
    subjects: docs,
    groups: groupsOf(docs),
    services: servicesOf(docs),
  };
}

/**
 * Builds the model from subjects (a catalog's, or those read from a registry). Pure and
 * deterministic: the same input always gives the same model, so the site diffs cleanly in git.
 */
export function buildDocsModel(
  subjects: readonly DocsSubjectInput[],
  options: BuildDocsOptions = {},
): DocsModel {
  return assembleDocsModel(
    subjects.map((subject) => buildSubjectDraft(subject, options)),
    options,
  );
}

/** One group per tag (a subject with two tags is listed in both), untagged subjects last. */
function groupsOf(subjects: readonly SubjectDoc[]): SubjectGroup[] {
  const byTag = new Map<string, number[]>();
  const untagged: number[] = [];
  subjects.forEach((subject, index) => {
    if (subject.tags.length === 0) untagged.push(index);
    for (const tag of new Set(subject.tags)) {
      listIn(byTag, tag).push(index);
    }
  });
  const slugger = new Slugger();
  const groups = [...byTag.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((tag) => ({ name: tag, slug: slugger.slug(`tag-${tag}`), subjects: byTag.get(tag) as number[] }));
  if (untagged.length > 0)
    groups.push({ name: UNTAGGED, slug: slugger.slug("untagged"), subjects: untagged });
  return groups;
}

function listIn(map: Map<string, number[]>, key: string): number[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

function servicesOf(subjects: readonly SubjectDoc[]): ServiceDoc[] {
  const produces = new Map<string, number[]>();
  const consumes = new Map<string, number[]>();
  subjects.forEach((subject, index) => {
    for (const name of new Set(subject.producers)) listIn(produces, name).push(index);
    for (const name of new Set(subject.consumers)) listIn(consumes, name).push(index);
  });
  const names = [...new Set([...produces.keys(), ...consumes.keys()])].sort((a, b) => a.localeCompare(b));
  const slugger = new Slugger();
  return names.map((name) => ({
    name,
    slug: slugger.slug(name),
    produces: produces.get(name) ?? [],
    consumes: consumes.get(name) ?? [],
  }));
}
