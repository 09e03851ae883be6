import { planSubjectTypes, type VersionTypes } from "../../contracts/codegen/named-types.js";
import { exportedNames, readsTypeName } from "../../contracts/codegen/plan.js";
import type { CodegenPlan, PlannedSubject } from "../../contracts/codegen/types.js";
import { ok, type Result } from "../../contracts/errors.js";
import { type BundleModule, renderAjvHelpers } from "./ajv-helpers.js";
import { banner, fileName, joinSections, quote, type RenderedFile, specifier } from "./code.js";
import { renderVersionTypes } from "./declarations.js";
import { renderProjection } from "./projection.js";
import { renderWireRuntime } from "./runtime.js";
import { renderSubjectModule } from "./subject-module.js";
import { type RuntimeHelper, renderValidator, SubjectAjv } from "./validators.js";

export type { BundleModule } from "./ajv-helpers.js";
export type { RenderedFile } from "./code.js";

export interface RenderOptions {
  /** Bundles the ajv helpers the validators need into one module (see ajv-helpers.ts). */
  readonly bundle: BundleModule;
}

/** One subject's files, and what they need from `_runtime/ajv`. */
export interface SubjectFiles {
  readonly files: readonly RenderedFile[];
  readonly helpers: readonly RuntimeHelper[];
  readonly formats: readonly string[];
}

/**
 * The whole generated package for a plan, as files relative to the output folder, sorted by
 * path. Pure apart from the injected bundler: the same plan gives the same bytes.
 *
 *   index.ts                   every subject's public names
 *   _runtime/wire.ts           framing, JSON, AccordWireError
 *   _runtime/ajv.ts            ajv helpers and formats the validators use (when any)
 *   <subject>/v<N>.ts          types of version N
 *   <subject>/v<N>.validate.ts precompiled validator of version N
 *   <subject>/index.ts         guards, encoders, decoder
 *   <subject>/reads.ts         the consumer's projection types and decoder (with generate.reads)
 */
export async function renderTypeScript(
  plan: CodegenPlan,
  options: RenderOptions,
): Promise<Result<RenderedFile[]>> {
  const parts: SubjectFiles[] = [];
  for (const subject of plan.subjects) {
    const rendered = await renderSubjectFiles(subject, plan);
    if (!rendered.ok) return rendered;
    parts.push(rendered.value);
  }
  return ok(await renderPackage(plan, parts, options));
}

/**
 * Everything one subject contributes: its own modules. Subjects are independent of each other,
 * so a caller may render them in any order, or in parallel, and join them with renderPackage.
 */
export async function renderSubjectFiles(
  subject: PlannedSubject,
  plan: Pick<CodegenPlan, "wire" | "module">,
): Promise<Result<SubjectFiles>> {
  const types = planSubjectTypes(subject, new Set(exportedNames(subject)));
  if (!types.ok) return types;
  const files: RenderedFile[] = [];
  const helpers = new Set<RuntimeHelper>();
  const formats = new Set<string>();
  const ajv = new SubjectAjv();
  for (const [index, version] of subject.versions.entries()) {
    const versionTypes = types.value[index] as VersionTypes;
    const typesFile = await renderVersionTypes(subject, version, versionTypes, plan.module);
    if (!typesFile.ok) return typesFile;
    const validator = renderValidator(subject, version, plan.module, "../_runtime", ajv);
    if (!validator.ok) return validator;
    files.push(typesFile.value, validator.value.file);
    for (const helper of validator.value.helpers) helpers.add(helper);
    for (const format of validator.value.formats) formats.add(format);
  }
  files.push(renderSubjectModule(subject, types.value, plan.wire, plan.module));
  const projection = renderProjection(subject, plan.module);
  if (projection) files.push(projection);
  return ok({ files, helpers: [...helpers].sort(), formats: [...formats].sort() });
}

/** Joins the subjects' files with the shared ones (runtime, ajv helpers, top-level index), sorted by path. */
export async function renderPackage(
  plan: CodegenPlan,
  parts: readonly SubjectFiles[],
  options: RenderOptions,
): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [renderWireRuntime(plan.module), renderRootIndex(plan)];
  const helpers = new Set<RuntimeHelper>();
  const formats = new Set<string>();
  for (const part of parts) {
    for (const file of part.files) files.push(file);
    for (const helper of part.helpers) helpers.add(helper);
    for (const format of part.formats) formats.add(format);
  }
  const ajvHelpers = await renderAjvHelpers(
    [...helpers].sort(),
    [...formats].sort(),
    plan.module,
    options.bundle,
  );
  if (ajvHelpers) files.push(ajvHelpers);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The consumer's projection names, from `<subject>/reads` (see projection.ts). */
function projectionExports(subject: PlannedSubject, style: CodegenPlan["module"]): string[] {
  const reads = subject.reads;
  if (!reads) return [];
  const types = [reads.base, reads.message, ...subject.versions.map((v) => readsTypeName(reads, v.version))];
  return [
    `export { ${reads.decode}, ${types
      .sort()
      .map((name) => `type ${name}`)
      .join(", ")} } from ${quote(`./${subject.names.folder}/${specifier("reads", style)}`)};`,
  ];
}

function renderRootIndex(plan: CodegenPlan): RenderedFile {
  const exports = plan.subjects.map((subject) => {
    const { names } = subject;
    const values = [
      names.encode,
      names.decode,
      names.contract,
      ...subject.versions.flatMap((version) => [version.encode, version.guard]),
    ];
    const types = [names.base, names.message, ...subject.versions.map((version) => version.typeName)];
    const all = [...values, ...types.map((name) => `type ${name}`)].sort((a, b) =>
      a.replace(/^type /, "") < b.replace(/^type /, "") ? -1 : 1,
    );
    return [
      "export {",
      ...all.map((name) => `  ${name},`),
      `} from ${quote(`./${subject.names.folder}/${specifier("index", plan.module)}`)};`,
      ...projectionExports(subject, plan.module),
    ];
  });
  const content = joinSections([
    banner(
      `Event contracts: ${plan.subjects.map((subject) => subject.subject).join(", ") || "none"} (${plan.wire} wire format).`,
    ),
    [
      `export { AccordWireError, type AccordWireErrorCode, type AccordWireErrorDetails } from ${quote(`./_runtime/${specifier("wire", plan.module)}`)};`,
    ],
    ...exports,
  ]);
  return { path: fileName("index", plan.module), content };
}
