import { flattenRows } from "./fields.js";
import type { DocsModel, FieldRow } from "./types.js";

/**
 * The client-side search index, kept compact because the browser loads it whole: property paths are
 * stored once in a dictionary and subjects refer to them by number.
 *
 * `s` rows are `[name, slug, description, latestVersion, flags, tags, props]` where flags bit 1 is
 * "deprecated" and `props` alternates dictionary index and the latest version holding that path
 * (so a hit opens the version where the property exists).
 */
export interface SearchIndex {
  readonly v: 1;
  readonly p: readonly string[];
  readonly s: readonly SearchRow[];
}

export type SearchRow = readonly [string, string, string, number, number, string, readonly number[]];

const DESCRIPTION_CHARS = 140;

/** Rows that name a property (not `[]`, `[0]`, `option 1` or a pattern): what people search for. */
function isProperty(row: FieldRow): boolean {
  return row.kind === "property";
}

function snippet(text: string | undefined): string {
  if (text === undefined) return "";
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > DESCRIPTION_CHARS ? `${flat.slice(0, DESCRIPTION_CHARS - 1)}…` : flat;
}

export function searchIndex(model: DocsModel): SearchIndex {
  const dictionary = new Map<string, number>();
  const rows: SearchRow[] = model.subjects.map((subject) => {
    const lastSeen = new Map<string, number>();
    for (const version of subject.versions) {
      for (const row of flattenRows(version.fields.rows)) {
        if (isProperty(row)) lastSeen.set(row.path, version.version);
      }
    }
    const props: number[] = [];
    for (const [path, version] of lastSeen) {
      let id = dictionary.get(path);
      if (id === undefined) {
        id = dictionary.size;
        dictionary.set(path, id);
      }
      props.push(id, version);
    }
    const latest = subject.versions.at(-1)?.version ?? 0;
    return [
      subject.name,
      subject.slug,
      snippet(subject.description),
      latest,
      subject.deprecated ? 1 : 0,
      subject.tags.join(" "),
      props,
    ] as const;
  });
  return { v: 1, p: [...dictionary.keys()], s: rows };
}
