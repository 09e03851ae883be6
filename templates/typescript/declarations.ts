import { compile, type Options } from "json-schema-to-typescript";
import type { TypeDeclaration, VersionTypes } from "../../contracts/codegen/named-types.js";
import type { ModuleStyle, PlannedSubject, PlannedVersion } from "../../contracts/codegen/types.js";
import { accordError, fail, ok, type Result } from "../../contracts/errors.js";
import { banner, fileName, importLine, joinSections, quote, type RenderedFile, specifier } from "./code.js";
import { reindent } from "./indent.js";

/**
 * The types module of one version (`order-placed/v2.ts`): the version's own type, the shared
 * types it introduces, and imports of shared types earlier versions introduced.
 */

const OPTIONS: Partial<Options> = {
  bannerComment: "",
  // Prettier would dominate generation time; indent.ts lays the output out instead.
  format: false,
  // Open objects (no additionalProperties: false) accept any further property, and the type says so.
  additionalProperties: true,
  // Bounds are the validator's job: a minItems of 3 would otherwise print the item type three times.
  ignoreMinAndMaxItems: true,
  strictIndexSignatures: false,
  unknownAny: true,
  enableConstEnums: false,
  // Nothing external is ever resolved: type schemas hold no $ref at all (see type-schema.ts).
  $refOptions: { resolve: { external: false } },
};

export async function renderVersionTypes(
  subject: PlannedSubject,
  version: PlannedVersion,
  types: VersionTypes,
  style: ModuleStyle,
): Promise<Result<RenderedFile>> {
  const declarations: string[] = [];
  for (const declaration of [types.root, ...types.declared]) {
    const rendered = await renderDeclaration(declaration);
    if (!rendered.ok) {
      return fail(
        accordError("ACCORD_ERR_GENERATE_SCHEMA_UNSUPPORTED", [
          subject.subject,
          version.version,
          `json-schema-to-typescript cannot express ${declaration.name === types.root.name ? "the schema" : `the type ${declaration.name}`}: ${rendered.reason}`,
        ]),
      );
    }
    declarations.push(rendered.text);
  }
  // Only the names the declarations use: json-schema-to-typescript leaves out some parts the type
  // schema names (an index signature it prints as `unknown`), and under noUnusedLocals an unused
  // import fails the consumer's build.
  const used = new Set(withoutStringsAndComments(declarations.join("\n")).match(/[\w$]+/g));
  const byModule = new Map<string, string[]>();
  for (const { name, module } of types.imports) {
    if (!used.has(name)) continue;
    byModule.set(module, [...(byModule.get(module) ?? []), name]);
  }
  const imports = [...byModule.keys()]
    .sort()
    .flatMap((module) => importLine(byModule.get(module) ?? [], `./${specifier(module, style)}`, true));
  const content = joinSections([
    banner(`Types of ${quote(subject.subject)} version ${version.version} (${version.fingerprint}).`),
    imports,
    ...declarations,
  ]);
  return ok({ path: `${subject.names.folder}/${fileName(version.module, style)}`, content });
}

type Rendered =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string };

async function renderDeclaration(declaration: TypeDeclaration): Promise<Rendered> {
  const schema = titled(declaration);
  let text: string;
  try {
    text = await compile(schema as Parameters<typeof compile>[0], declaration.name, OPTIONS);
  } catch (error) {
    return { ok: false, reason: oneLine(error instanceof Error ? error.message : String(error)) };
  }
  const body = reindent(text.trim());
  if (!new RegExp(`^export (interface|type) ${declaration.name}\\b`, "m").test(body)) {
    return { ok: false, reason: `it printed no declaration named ${declaration.name}` };
  }
  if (/\(\s*\)/.test(withoutStringsAndComments(body))) {
    return { ok: false, reason: "it printed an empty union `()`, which is not TypeScript" };
  }
  return { ok: true, text: body };
}

/** The declaration's schema with its name as title: json-schema-to-typescript names a type by its title. */
function titled(declaration: TypeDeclaration): object {
  const schema = declaration.schema;
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    return { title: declaration.name, tsType: schema === false ? "never" : "unknown" };
  }
  return { ...schema, title: declaration.name };
}

/** The code with string literals and comments blanked, for checks that must not look inside them. */
function withoutStringsAndComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, " ").trim();
}
