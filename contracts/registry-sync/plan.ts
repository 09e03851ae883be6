import type { CompatibilityMode } from "../compat/types.js";

/**
 * Pure pieces of `accord publish` and `accord import`: which names make safe folders, how registry
 * versions map to catalog versions, and the texts written into an imported catalog. Nothing here
 * reads the disk or the network.
 */

/** Why a registry subject cannot be a folder under schemas/, or undefined when it can. */
export function unsafeSubjectFolder(name: string): string | undefined {
  if (name === "") return "the name is empty";
  if (name === "." || name === "..") return `"${name}" names a folder that already exists`;
  if (name.includes("..")) return 'it contains ".."';
  if (/[/\\]/.test(name)) return "it contains a path separator";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return "it contains control characters";
  if (name.trim() !== name) return "it starts or ends with white space";
  if (name.startsWith(".")) return "it starts with a dot (a hidden folder)";
  if (/[<>:"|?*]/.test(name)) return 'it contains a character not allowed in file names (<>:"|?*)';
  return undefined;
}

/** Between a context and a subject in a folder name: `:.eu:orders-value` is imported as `eu~orders-value`. */
export const CONTEXT_FOLDER_SEPARATOR = "~";

/**
 * The catalog folder for a registry subject. A subject in the default context is its own folder. A
 * subject in another schema context (`:.eu:orders-value`, Confluent's qualified name) becomes
 * `eu~orders-value` (the context without its dot, `~`, the subject), and its subject.yaml keeps
 * the qualified name as `registrySubject`, so `accord publish` registers it back in its context
 * and `accord import` finds the same folder again. `reason` says why a subject has no folder.
 */
export function subjectFolder(
  subject: string,
): { readonly folder: string; readonly registrySubject?: string } | { readonly reason: string } {
  if (!subject.startsWith(":.")) {
    const unsafe = unsafeSubjectFolder(subject);
    return unsafe === undefined ? { folder: subject } : { reason: unsafe };
  }
  const close = subject.indexOf(":", 2);
  const context = close < 0 ? subject.slice(2) : subject.slice(2, close);
  const name = close < 0 ? "" : subject.slice(close + 1);
  // `:.:orders` is the default context's `orders`.
  if (context === "") return subjectFolder(name);
  if (name === "") return { reason: "it names a context, not a subject" };
  if (context.includes(CONTEXT_FOLDER_SEPARATOR)) {
    return {
      reason: `its context contains "${CONTEXT_FOLDER_SEPARATOR}", which separates context and subject in a folder name`,
    };
  }
  const folder = `${context}${CONTEXT_FOLDER_SEPARATOR}${name}`;
  const unsafe = unsafeSubjectFolder(folder);
  return unsafe === undefined ? { folder, registrySubject: subject } : { reason: unsafe };
}

export interface VersionMapping {
  /** The version number in the registry. */
  readonly registryVersion: number;
  /** The catalog version, 1..n in registry order. */
  readonly version: number;
}

/** Registry versions → catalog versions 1..n; `renumbered` when the registry's had gaps. */
export function mapVersions(registryVersions: readonly number[]): {
  readonly versions: readonly VersionMapping[];
  readonly renumbered: boolean;
} {
  const sorted = [...registryVersions].sort((a, b) => a - b);
  const versions = sorted.map((registryVersion, index) => ({ registryVersion, version: index + 1 }));
  return { versions, renumbered: versions.some((entry) => entry.registryVersion !== entry.version) };
}

/** A registry schema's text as a catalog version file: pretty-printed JSON, ending in a newline. */
export function versionFileText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * The accord.yaml an import writes when the folder has none. Its lint preset is `minimal`, the one
 * an imported catalog can pass: nothing in a registry says who owns a subject.
 */
export function importedConfigText(options: {
  readonly url: string;
  readonly compatibility: CompatibilityMode;
}): string {
  return `# Accord catalog settings, written by \`accord import\`. Reference: README, section "accord.yaml".
version: 1

# The registry's global compatibility level when imported; subject.yaml may override it.
compatibility: ${options.compatibility}

defaultDraft: draft-07
writersEmitOnlyDeclared: false

registry:
  url: ${JSON.stringify(options.url)}

# minimal: a registry holds schemas only, so the owners, descriptions and naming the standard
# preset asks for are not there yet. Raise it to standard once each subject.yaml names its owners.
lint:
  preset: minimal

exceptions: []
`;
}

/**
 * subject.yaml for an imported subject that has its own compatibility level in the registry, or
 * lives in a schema context (its qualified name, see subjectFolder), or both.
 */
export function importedSubjectMetaText(options: {
  readonly compatibility?: CompatibilityMode;
  readonly registrySubject?: string;
}): string {
  let text = "# Written by `accord import`.\n";
  if (options.registrySubject !== undefined) {
    text += `# The subject's name in the registry, with its schema context.\nregistrySubject: ${JSON.stringify(options.registrySubject)}\n`;
  }
  if (options.compatibility !== undefined) {
    text += `# The subject's own compatibility level in the registry.\ncompatibility: ${options.compatibility}\n`;
  }
  return text;
}

/** Rule ids (`[enum-value-removed]`) named in a registry's 409 message. */
export function ruleIdsIn(message: string): string[] {
  const ids = new Set<string>();
  for (const match of message.matchAll(/\[([a-z0-9]+(?:-[a-z0-9]+)*)\]/g)) ids.add(match[1] as string);
  return [...ids];
}

/** A client error message without the `(POST /subjects/x/versions: HTTP 409)` suffix it adds. */
export function serverMessage(message: string): string {
  return message.replace(/ \((?:GET|POST|PUT|DELETE) [^ ]+: HTTP \d+\)$/, "");
}

/** Deep equality of parsed JSON values (object key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]));
}
