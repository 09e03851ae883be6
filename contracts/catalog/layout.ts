import { type AccordError, accordError, fail, ok, type Result } from "../errors.js";

/**
 * Which files make up the catalog: `schemas/<subject>/v<N>.json|yaml|yml` (one per version) and
 * an optional `schemas/<subject>/subject.yaml`. Anything else in a subject folder that looks like
 * a schema is a mistake worth stopping for (a `v2.schema.json` would otherwise be silently left
 * out of every check); other files (READMEs) and deeper folders are left alone.
 */

export const SCHEMAS_DIR = "schemas";

/** The sub-folder of a subject holding consumers' own reader schemas (`schema:` in subject.yaml). */
export const READERS_DIR = "consumers";

/**
 * The subject a catalog file belongs to: its version files and subject.yaml, and its consumers'
 * reader schemas (`schemas/<subject>/consumers/<name>.json`); undefined for anything else. What
 * splits a catalog by subject (gate scope, worker slices, docs cache) must keep these together.
 */
export function subjectOfFile(path: string): string | undefined {
  const parts = path.split("/");
  if (parts[0] !== SCHEMAS_DIR) return undefined;
  const inSubject = parts.length === 3 || (parts.length === 4 && parts[2] === READERS_DIR);
  return inSubject ? parts[1] : undefined;
}

export interface SubjectFiles {
  readonly name: string;
  readonly metaFile?: string;
  /** Sorted by version. */
  readonly versions: readonly { readonly version: number; readonly file: string }[];
}

const VERSION_FILE = /^v([0-9]+)\.(json|yaml|yml)$/;
const META_FILE = /^subject\.ya?ml$/;
const SCHEMA_EXTENSION = /\.(json|yaml|yml)$/i;

export function layoutOf(paths: Iterable<string>): Result<SubjectFiles[]> {
  const subjects = new Map<string, { metaFile?: string; versions: Map<number, string> }>();
  const entry = (name: string) => {
    let found = subjects.get(name);
    if (!found) {
      found = { versions: new Map() };
      subjects.set(name, found);
    }
    return found;
  };

  for (const path of [...paths].sort()) {
    const parts = path.split("/");
    if (parts[0] !== SCHEMAS_DIR || parts.length < 2) continue;
    const file = parts[parts.length - 1] as string;
    if (parts.length === 2) {
      if (SCHEMA_EXTENSION.test(file)) {
        return fail(
          layoutError(path, `schema files go in a subject folder, e.g. ${SCHEMAS_DIR}/<subject>/v1.json`),
        );
      }
      continue;
    }
    if (parts.length > 3) continue;
    const name = parts[1] as string;
    if (META_FILE.test(file)) {
      const subject = entry(name);
      if (subject.metaFile)
        return fail(layoutError(path, `${subject.metaFile} is there too; keep one of them`));
      subject.metaFile = path;
      continue;
    }
    const match = VERSION_FILE.exec(file);
    if (match) {
      const digits = match[1] as string;
      if (digits.startsWith("0")) {
        return fail(layoutError(path, "version numbers start at 1 and have no leading zeros (v1, v2, ...)"));
      }
      const version = Number(digits);
      if (!Number.isSafeInteger(version)) return fail(layoutError(path, "version number is too large"));
      const subject = entry(name);
      const other = subject.versions.get(version);
      if (other) return fail(layoutError(path, `${other} holds version ${version} too; keep one of them`));
      subject.versions.set(version, path);
      continue;
    }
    if (SCHEMA_EXTENSION.test(file)) {
      return fail(
        layoutError(path, "a subject folder holds only v<N>.json|yaml version files and subject.yaml"),
      );
    }
  }

  const result: SubjectFiles[] = [];
  for (const name of [...subjects.keys()].sort()) {
    const subject = subjects.get(name) as { metaFile?: string; versions: Map<number, string> };
    if (subject.versions.size === 0) {
      return fail(
        layoutError(
          `${SCHEMAS_DIR}/${name}`,
          `the subject has no version files; add ${SCHEMAS_DIR}/${name}/v1.json`,
        ),
      );
    }
    const versions = [...subject.versions.entries()]
      .sort(([a], [b]) => a - b)
      .map(([version, file]) => ({ version, file }));
    result.push({ name, ...(subject.metaFile ? { metaFile: subject.metaFile } : {}), versions });
  }
  return ok(result);
}

function layoutError(path: string, reason: string): AccordError {
  return accordError("ACCORD_ERR_CATALOG_LAYOUT", [path, reason], { file: path });
}
