import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { renderLock } from "../../contracts/codegen/lock.js";
import { fingerprint } from "../../contracts/schema/canonical.js";
import type { Json } from "../../contracts/schema/types.js";
import { REPO_ROOT } from "./helpers.js";

/** Test scaffolding for `accord generate`: catalogs, consuming projects, tsc, directory snapshots. */

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, ...path.split("/"));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text, "utf8");
  }
}

export interface CatalogSubjectSpec {
  readonly versions: readonly Json[];
  readonly registrySubject?: string;
}

export function writeCatalog(
  dir: string,
  subjects: Record<string, CatalogSubjectSpec>,
  config = "version: 1\n",
): void {
  const files: Record<string, string> = { "accord.yaml": config };
  for (const [name, spec] of Object.entries(subjects)) {
    spec.versions.forEach((schema, index) => {
      files[`schemas/${name}/v${index + 1}.json`] = `${JSON.stringify(schema, null, 2)}\n`;
    });
    if (spec.registrySubject)
      files[`schemas/${name}/subject.yaml`] = `registrySubject: ${spec.registrySubject}\n`;
  }
  writeTree(dir, files);
}

/** accord.lock text pinning the given ids, exactly as an earlier `accord generate` would have written it. */
export function lockText(
  subjects: Record<string, CatalogSubjectSpec & { readonly ids: readonly number[] }>,
): string {
  return renderLock({
    lockfileVersion: 1,
    wire: "confluent",
    subjects: Object.entries(subjects)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, spec]) => ({
        subject: name,
        registrySubject: spec.registrySubject ?? name,
        versions: spec.versions.map((schema, index) => ({
          version: index + 1,
          schemaId: spec.ids[index] as number,
          fingerprint: fingerprint(schema),
        })),
      })),
  });
}

/**
 * A fresh consuming project: its own package.json and a tsconfig as strict as TypeScript gets,
 * with no lib beyond ES2022 and no @types: the generated code may lean on nothing the project
 * does not have. Only the compiler comes from this repository.
 */
export function writeConsumer(dir: string, options: { readonly type: "module" | "commonjs" }): void {
  writeTree(dir, {
    "package.json": `${JSON.stringify({ name: "consumer", private: true, type: options.type }, null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022"],
          types: [],
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          noImplicitReturns: true,
          noImplicitOverride: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          noPropertyAccessFromIndexSignature: true,
          noFallthroughCasesInSwitch: true,
          isolatedModules: true,
          ...(options.type === "module" ? { verbatimModuleSyntax: true } : {}),
          outDir: "dist",
          rootDir: "src",
        },
        include: ["src"],
      },
      null,
      2,
    )}\n`,
  });
}

const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");

export function tsc(project: string, ...args: string[]): { code: number; output: string } {
  const run = spawnSync(process.execPath, [TSC, "-p", project, ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

export function runNode(file: string, cwd: string): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [file], {
    cwd,
    encoding: "utf8",
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? "" },
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** Every file under `dir` with its text: compare two snapshots to prove nothing was written. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    let names: string[];
    try {
      names = readdirSync(at).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(at, name);
      const path = prefix === "" ? name : `${prefix}/${name}`;
      if (statSync(full).isDirectory()) walk(full, path);
      else out[path] = readFileSync(full, "utf8");
    }
  };
  walk(dir, "");
  return out;
}
