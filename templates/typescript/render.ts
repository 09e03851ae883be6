import { planSubjectTypes, type VersionTypes } from "../../contracts/codegen/named-types.js";
import { exportedNames } from "../../contracts/codegen/plan.js";
import type { CodegenPlan, PlannedSubject } from "../../contracts/codegen/types.js";
import { ok, type Result } from "../../contracts/errors.js";
import { type BundleModule, renderAjvHelpers } from "./ajv-helpers.js";
import { banner, fileName, joinSections, quote, type RenderedFile, specifier } from "./code.js";
import { renderVersionTypes } from "./declarations.js";
import { renderWireRuntime } from "./runtime.js";
import { renderSubjectModule } from "./subject-module.js";
import { type RuntimeHelper, renderValidator, SubjectAjv } from "./validators.js";

export type { BundleModule } from "./ajv-helpers.js";
export type { RenderedFile } from "./code.js";

export interface RenderOptions {
  /** Bundles the ajv helpers the validators need into one module (see ajv-helpers.ts). */
  readonly bundle: BundleModule;
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
 */
export async function renderTypeScript(
  plan: CodegenPlan,
  options: RenderOptions,
): Promise<Result<RenderedFile[]>> {
  const files: RenderedFile[] = [renderWireRuntime(plan.module)];
  const helpers = new Set<RuntimeHelper>();
  const formats = new Set<string>();

  for (const subject of plan.subjects) {
    const taken = new Set(exportedNames(subject));
    const types = planSubjectTypes(subject, taken);
    if (!types.ok) return types;
    const rendered = await renderSubject(subject, types.value, plan);
    if (!rendered.ok) return rendered;
    files.push(...rendered.value.files);
    for (const helper of rendered.value.helpers) helpers.add(helper);
    for (const format of rendered.value.formats) formats.add(format);
  }

  const ajvHelpers = await renderAjvHelpers(
    [...helpers].sort(),
    [...formats].sort(),
    plan.module,
    options.bundle,
  );
  if (ajvHelpers) files.push(ajvHelpers);
  files.push(renderRootIndex(plan));
  return ok(files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
}

interface SubjectFiles {
  readonly files: RenderedFile[];
  readonly helpers: readonly RuntimeHelper[];
  readonly formats: readonly string[];
}

async function renderSubject(
  subject: PlannedSubject,
  types: readonly VersionTypes[],
  plan: CodegenPlan,
): Promise<Result<SubjectFiles>> {
  const files: RenderedFile[] = [];
  const helpers: RuntimeHelper[] = [];
  const formats: string[] = [];
  const ajv = new SubjectAjv();
  for (const [index, version] of subject.versions.entries()) {
    const typesFile = await renderVersionTypes(subject, version, types[index] as VersionTypes, plan.module);
    if (!typesFile.ok) return typesFile;
    const validator = renderValidator(subject, version, plan.module, "../_runtime", ajv);
    if (!validator.ok) return validator;
    files.push(typesFile.value, validator.value.file);
    helpers.push(...validator.value.helpers);
    formats.push(...validator.value.formats);
  }
  files.push(renderSubjectModule(subject, types, plan.wire, plan.module));
  return ok({ files, helpers, formats });
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
