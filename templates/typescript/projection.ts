import { readsTypeName } from "../../contracts/codegen/plan.js";
import type { ModuleStyle, PlannedReads, PlannedSubject } from "../../contracts/codegen/types.js";
import { EVERY, parseReadPath, type ReadTrie, readTrie } from "../../contracts/consumers/reads.js";
import { banner, fileName, importLine, joinSections, quote, type RenderedFile, specifier } from "./code.js";

/**
 * A consumer's projection types (`<subject>/reads.ts`): each version's type narrowed to the paths
 * the consumer declared in `generate.reads`, and a decoder that returns them. The projections are
 * computed by TypeScript from the version types themselves, so every kept field has exactly its
 * pinned type and optionality, and any other field is absent: code that touches a field it did not
 * declare does not compile. The decoder returns the full decoder's message under the projection
 * types, which also makes the compiler prove each version type assignable to its projection.
 *
 * One generic alias per node of the read paths' trie:
 * - a node read whole is the type itself;
 * - `*` maps array items (`T extends readonly (infer I)[]`) and map values (every key);
 * - named children keep only those keys (a homomorphic mapped type with `as`, so `?` survives and
 *   index signatures of open objects are dropped), each narrowed by its own node.
 * Aliases distribute over unions (`T` is naked), so `anyOf`/`oneOf` types project branch by branch.
 */
export function renderProjection(subject: PlannedSubject, style: ModuleStyle): RenderedFile | undefined {
  const reads = subject.reads;
  if (!reads) return undefined;
  const trie = readTrie(reads.paths.map((path) => (parseReadPath(path) as { tokens: string[] }).tokens));
  const aliases: string[] = [];
  const root = nodeAlias(trie, reads, aliases);
  const newestFirst = [...subject.versions].reverse();
  const latest = newestFirst[0];
  const content = joinSections([
    banner(
      `What this consumer reads of ${quote(subject.subject)}: ${reads.paths.join(", ")}.`,
      "Generated from generate.reads; add a path there (and regenerate) before reading a new field.",
    ),
    [
      ...importLine([subject.names.decode], `./${specifier("index", style)}`),
      ...subject.versions.flatMap((version) =>
        importLine([version.typeName], `./${specifier(version.module, style)}`, true),
      ),
    ],
    aliases,
    subject.versions.map(
      (version) =>
        `/** Version ${version.version}, narrowed to the declared reads. */\nexport type ${readsTypeName(reads, version.version)} = ${root}<${version.typeName}>;`,
    ),
    latest
      ? [
          `/** The latest version's projection (${latest.version}). */`,
          `export type ${reads.base} = ${readsTypeName(reads, latest.version)};`,
        ]
      : [],
    [
      `/** What ${reads.decode} returns: the decoded version, with only the declared reads visible. */`,
      `export type ${reads.message} =`,
      ...newestFirst.map(
        (version, index) =>
          `  | { readonly version: ${version.version}; readonly value: ${readsTypeName(reads, version.version)} }${index === newestFirst.length - 1 ? ";" : ""}`,
      ),
    ],
    [
      `/** Decodes and validates like ${subject.names.decode}; the result's type shows only the declared reads. */`,
      `export function ${reads.decode}(bytes: Uint8Array): ${reads.message} {`,
      `  return ${subject.names.decode}(bytes);`,
      "}",
    ],
  ]);
  return { path: `${subject.names.folder}/${fileName("reads", style)}`, content };
}

/** Declares the alias of `node` (and its children's first) and returns its name. */
function nodeAlias(node: ReadTrie, reads: PlannedReads, aliases: string[]): string {
  const name = `${reads.base}Node${aliases.length}`;
  aliases.push("");
  const slot = aliases.length - 1;
  if (node.whole) {
    aliases[slot] = `type ${name}<T> = T;`;
    return name;
  }
  const every = node.children.get(EVERY);
  const everyAlias = every ? nodeAlias(every, reads, aliases) : undefined;
  const named = [...node.children.entries()].filter(([token]) => token !== EVERY);
  const cases = named.map(([token, child]) => [quote(token), nodeAlias(child, reads, aliases)] as const);
  const valueType = cases.reduceRight(
    (rest, [literal, alias]) => `K extends ${literal} ? ${alias}<T[K]> : ${rest}`,
    everyAlias ? `${everyAlias}<T[K]>` : "T[K]",
  );
  const keys = everyAlias
    ? "[K in keyof T]"
    : `[K in keyof T as K extends ${cases.map(([literal]) => literal).join(" | ") || "never"} ? K : never]`;
  const items = everyAlias ? `T extends readonly (infer I)[]\n  ? ${everyAlias}<I>[]\n  : ` : "";
  aliases[slot] = `type ${name}<T> = ${items}T extends object\n  ? { ${keys}: ${valueType} }\n  : T;`;
  return name;
}
