import { access } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { type GenerateFlags, resolveGenerateSettings } from "../../contracts/codegen/config.js";
import { LOCK_FILE, type Lock, lockFor, parseLock, renderLock } from "../../contracts/codegen/lock.js";
import { planGeneration } from "../../contracts/codegen/plan.js";
import { attachReads } from "../../contracts/codegen/reads.js";
import type { CodegenPlan, ModuleStyle, WireFormat } from "../../contracts/codegen/types.js";
import { unwrap } from "../../contracts/errors.js";
import { type RenderedFile, renderPackage, renderTypeScript } from "../../templates/typescript/render.js";
import { readTextFile } from "../io.js";
import { bundleWithEsbuild, type FileChange, planChanges, writeGeneration } from "./output.js";
import { attachSchemaIds, loadSource, resolveSettingPath } from "./source.js";

/** `accord generate` from settings to disk: every step that can fail runs before anything is written. */

export interface GenerateOptions extends GenerateFlags {
  /** accord.yaml holding the `generate:` section; `accord.yaml` in the working directory if it exists. */
  readonly config?: string;
  /** Compare with the disk instead of writing. */
  readonly check: boolean;
  readonly cwd: string;
}

export interface GeneratedSubject {
  readonly subject: string;
  readonly registrySubject: string;
  readonly folder: string;
  readonly typeName: string;
  readonly versions: readonly {
    readonly version: number;
    readonly schemaId?: number;
    readonly fingerprint: string;
  }[];
}

export interface GenerateOutcome {
  readonly source: string;
  /** Relative to the working directory. */
  readonly out: string;
  readonly lock: string;
  readonly wire: WireFormat;
  readonly module: ModuleStyle;
  readonly check: boolean;
  readonly subjects: readonly GeneratedSubject[];
  /** Every file generation manages, with what writing did (or, under --check, would do) to it. */
  readonly files: readonly FileChange[];
  /** The files that are not `unchanged`: under --check, the drift. */
  readonly changed: readonly FileChange[];
}

export async function runGenerate(options: GenerateOptions): Promise<GenerateOutcome> {
  const configPath = resolve(options.cwd, options.config ?? "accord.yaml");
  const configText =
    options.config !== undefined || (await exists(configPath)) ? await readTextFile(configPath) : undefined;
  const shown = (path: string) => relative(options.cwd, path).split(sep).join("/") || ".";
  const settings = unwrap(resolveGenerateSettings(configText, shown(configPath), options));
  const dirs = { configDir: dirname(configPath), cwd: options.cwd };

  const source = await loadSource(settings, dirs);
  const lockPath = join(dirs.configDir, LOCK_FILE);
  const lock = (await exists(lockPath))
    ? unwrap(parseLock(await readTextFile(lockPath), shown(lockPath)))
    : undefined;
  const subjects =
    settings.wire === "confluent" && settings.source.kind !== "registry"
      ? await attachSchemaIds(source.subjects, lock, settings.lookupRegistry ?? source.catalogRegistry)
      : source.subjects;

  const withReads = settings.reads ? unwrap(attachReads(subjects, settings.reads)) : subjects;
  const plan = unwrap(planGeneration({ subjects: withReads, wire: settings.wire, module: settings.module }));
  const files = await render(plan);
  const target = {
    outDir: resolveSettingPath(settings.out, dirs),
    files,
    lockPath,
    lockText: renderLock(lockFor(subjects, settings.wire) satisfies Lock),
    cwd: options.cwd,
  };
  const changes = await planChanges(target);
  if (!options.check) await writeGeneration(target, changes);

  return {
    source: source.label,
    out: shown(target.outDir),
    lock: shown(lockPath),
    wire: settings.wire,
    module: settings.module,
    check: options.check,
    subjects: plan.subjects.map((subject) => ({
      subject: subject.subject,
      registrySubject: subject.registrySubject,
      folder: subject.names.folder,
      typeName: subject.names.base,
      versions: subject.versions.map((version) => ({
        version: version.version,
        ...(version.schemaId !== undefined ? { schemaId: version.schemaId } : {}),
        fingerprint: version.fingerprint,
      })),
    })),
    files: changes,
    changed: changes.filter((change) => change.status !== "unchanged"),
  };
}

/** Renders on this thread, or spreads the subjects over worker threads when the plan is large. */
async function render(plan: CodegenPlan): Promise<RenderedFile[]> {
  const [{ renderSubjectsInParallel, VERSIONS_PER_THREAD }, { workerCount }] = await Promise.all([
    import("./parallel.js"),
    import("../pool.js"),
  ]);
  const versions = plan.subjects.reduce((sum, subject) => sum + subject.versions.length, 0);
  const workers = workerCount(versions, VERSIONS_PER_THREAD);
  if (workers === 0) return unwrap(await renderTypeScript(plan, { bundle: bundleWithEsbuild }));
  const parts = unwrap(await renderSubjectsInParallel(plan, workers));
  return renderPackage(plan, parts, { bundle: bundleWithEsbuild });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
