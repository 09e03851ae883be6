import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { bundleWithEsbuild } from "../../../cli/generate/output.js";
import type { CodegenPlan } from "../../../contracts/codegen/types.js";
import { type RenderedFile, renderTypeScript } from "../../../templates/typescript/render.js";

/** Renders a plan, failing the test with the error's message if it does not render. */
export async function render(plan: CodegenPlan): Promise<RenderedFile[]> {
  const result = await renderTypeScript(plan, { bundle: bundleWithEsbuild });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `accord-${prefix}-`));
}

export async function writeFiles(dir: string, files: readonly RenderedFile[]): Promise<void> {
  for (const file of files) {
    const path = join(dir, ...file.path.split("/"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content, "utf8");
  }
}

/**
 * Strips types file by file (as a consumer's build would), so the generated code can be imported
 * by the test itself. Type checking is the e2e tests' job (tsc --strict on a consumer project).
 */
export async function transpileTo(dir: string, files: readonly RenderedFile[]): Promise<void> {
  for (const file of files) {
    const cjs = file.path.endsWith(".cts");
    const output = ts.transpileModule(file.content, {
      fileName: file.path,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: cjs ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext,
        verbatimModuleSyntax: false,
      },
    }).outputText;
    const path = join(
      dir,
      ...file.path
        .replace(/\.cts$/, ".cjs")
        .replace(/\.ts$/, ".js")
        .split("/"),
    );
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, output, "utf8");
  }
  if (!files.some((file) => file.path.endsWith(".cts"))) {
    await writeFile(join(dir, "package.json"), '{ "type": "module" }\n', "utf8");
  }
}

/** Renders, transpiles and imports the generated package's index. */
export async function importGenerated<T = Record<string, unknown>>(
  files: readonly RenderedFile[],
): Promise<{ module: T; dir: string; cleanup: () => Promise<void> }> {
  const dir = await tempDir("generated");
  await transpileTo(dir, files);
  const module = (await import(pathToFileURL(join(dir, "index.js")).href)) as T;
  return { module, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
