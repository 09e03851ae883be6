import { Name } from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";
import type { ModuleStyle, PlannedSubject, PlannedVersion } from "../../contracts/codegen/types.js";
import { accordError, fail, ok, type Result } from "../../contracts/errors.js";
import { type AnyAjv, newAjv } from "../../contracts/schema/ajv.js";
import type { Draft } from "../../contracts/schema/types.js";
import { banner, fileName, importLine, joinSections, quote, type RenderedFile, specifier } from "./code.js";

/**
 * Precompiled validators: ajv's standalone code for each version, made self-contained. ajv's
 * output still `require`s its runtime helpers and ajv-formats' format functions; those references
 * are rewritten to imports of the output folder's `_runtime/ajv` module, which is bundled from the
 * same packages at generation time (ajv-helpers.ts). Nothing is compiled when the code runs.
 */

// CommonJS; under NodeNext its default import is the module object.
const standaloneCode = standaloneModule.default;

/** The name the validator code uses for ajv-formats' function formats (regex formats are inlined by ajv). */
export const FORMATS_NAME = "accordFormats";

/** ajv runtime helpers the generated code may use, by the name they are imported under. */
export const RUNTIME_HELPERS = { ucs2length: "ucs2length", equal: "equal", uri: "uri" } as const;
export type RuntimeHelper = keyof typeof RUNTIME_HELPERS;

export interface ValidatorModule {
  readonly file: RenderedFile;
  readonly helpers: readonly RuntimeHelper[];
  /** ajv-formats function formats the code uses. */
  readonly formats: readonly string[];
}

/**
 * The same options as the shared instances in contracts/schema/ajv.ts, so a generated validator
 * accepts exactly what Accord's own checks and registry accept; plus standalone code output.
 */
function standaloneAjv(draft: Draft): AnyAjv {
  return newAjv(draft, {
    addUsedSchema: false,
    // The loader has already checked the schema against its meta-schema.
    validateSchema: false,
    code: { source: true, esm: true, lines: true, formats: new Name(FORMATS_NAME) },
    // Each referenced definition once, as a function of its own: inlined at every use, GitHub's
    // webhook validators were 1.1 MB each (99 MB for 54 events x 6 versions, more than tsc can
    // parse in 4 GB); as functions, a third of that, compiled five times faster.
    inlineRefs: false,
  });
}

const REQUIRE = /require\("([^"]+)"\)(\.default)?/g;
const FORMAT_USE = new RegExp(
  `\\b${FORMATS_NAME}(?:\\.([A-Za-z_$][\\w$]*)|\\[("(?:[^"\\\\]|\\\\.)*")\\])`,
  "g",
);

/**
 * ajv instances for one subject, one per draft. ajv numbers the functions and constants it
 * emits per instance, so a version's code depends on what the instance compiled before it: one
 * set per subject, used in version order, keeps every version's code independent of other
 * subjects and unchanged when later versions are added, without paying for an instance (and its
 * formats) per version.
 */
export class SubjectAjv {
  private readonly byDraft = new Map<Draft, AnyAjv>();

  for(draft: Draft): AnyAjv {
    let ajv = this.byDraft.get(draft);
    if (!ajv) {
      ajv = standaloneAjv(draft);
      this.byDraft.set(draft, ajv);
    }
    return ajv;
  }
}

export function renderValidator(
  subject: PlannedSubject,
  version: PlannedVersion,
  style: ModuleStyle,
  runtimeDir: string,
  instances: SubjectAjv,
): Result<ValidatorModule> {
  const unsupported = (reason: string) =>
    fail<ValidatorModule>(
      accordError("ACCORD_ERR_GENERATE_SCHEMA_UNSUPPORTED", [subject.subject, version.version, reason]),
    );
  const root = version.document.root;
  if (root !== null && typeof root === "object" && !Array.isArray(root) && root.$async === true) {
    return unsupported("$async schemas validate with promises; generated decoders are synchronous");
  }
  const ajv = instances.for(version.document.draft);
  let code: string;
  try {
    code = standaloneCode(ajv, ajv.compile(root as object | boolean as object));
  } catch (error) {
    return unsupported(`ajv cannot compile it: ${error instanceof Error ? error.message : String(error)}`);
  }

  const helpers = new Set<RuntimeHelper>();
  let foreign: string | undefined;
  code = code.replace(REQUIRE, (whole, module: string, dotDefault: string | undefined) => {
    const helper = /^ajv\/dist\/runtime\/(\w+)$/.exec(module)?.[1];
    if (helper && helper in RUNTIME_HELPERS && dotDefault) {
      helpers.add(helper as RuntimeHelper);
      return RUNTIME_HELPERS[helper as RuntimeHelper];
    }
    foreign ??= module;
    return whole;
  });
  if (foreign !== undefined) {
    return unsupported(
      `its validator would need ${quote(foreign)} at run time, which generated code cannot import`,
    );
  }
  const formats = new Set<string>();
  for (const match of code.matchAll(FORMAT_USE)) {
    formats.add(match[1] ?? (JSON.parse(match[2] as string) as string));
  }

  const imports: string[] = [...helpers].map((helper) => RUNTIME_HELPERS[helper]);
  if (formats.size > 0) imports.push(FORMATS_NAME);
  const content = joinSections([
    [
      banner(`Validator of ${quote(subject.subject)} version ${version.version} (${version.fingerprint}).`),
      "// ajv standalone code: checked by the tests that generated it, not by your compiler.",
      "// @ts-nocheck",
      "/* eslint-disable */",
    ],
    importLine(imports, `${runtimeDir}/${specifier("ajv", style)}`),
    code.replace(/^"use strict";\s*/, ""),
  ]);
  return ok({
    file: { path: `${subject.names.folder}/${fileName(`${version.module}.validate`, style)}`, content },
    helpers: [...helpers].sort(),
    formats: [...formats].sort(),
  });
}
