import { readFile } from "node:fs/promises";
import { AccordFailure, accordError, unwrap } from "../contracts/errors.js";
import type { Draft, SchemaDocument } from "../contracts/schema/types.js";

export interface ReadSchemaOptions {
  /** Draft assumed for a document without `$schema` (draft-07 unless set). */
  readonly defaultDraft?: Draft;
}

/** Reads a UTF-8 file; any failure becomes ACCORD_ERR_FILE_READ naming the path. */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (cause) {
    throw new AccordFailure(
      accordError("ACCORD_ERR_FILE_READ", [path, describeFsError(cause)], { file: path }),
    );
  }
}

/** Reads and loads a schema file: parse, draft detection, meta-validation, local-only `$ref`s. */
export async function readSchemaFile(path: string, options: ReadSchemaOptions = {}): Promise<SchemaDocument> {
  const text = await readTextFile(path);
  // The loader pulls in yaml and ajv; loading it here keeps them off the start-up path.
  const { loadSchema } = await import("../contracts/schema/load.js");
  return unwrap(loadSchema(text, path, options.defaultDraft ? { defaultDraft: options.defaultDraft } : {}));
}

/** A short reason people recognise, instead of Node's `ENOENT: no such file or directory, open '...'`. */
function describeFsError(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "it is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a parent in the path is not a directory";
    default:
      return cause instanceof Error ? cause.message : String(cause);
  }
}
