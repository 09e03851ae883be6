import type { ModuleStyle } from "../../contracts/codegen/types.js";
import { banner, fileName, quote, type RenderedFile } from "./code.js";
import { FORMATS_NAME, RUNTIME_HELPERS, type RuntimeHelper } from "./validators.js";

/**
 * `_runtime/ajv`: the ajv runtime helpers and ajv-formats format functions the validators use, and
 * only those, bundled from the installed packages when the code is generated. The generated
 * package thus needs neither ajv nor ajv-formats at run time, and validates formats exactly as
 * Accord's registry does.
 */

/**
 * Turns an ES module (which imports from packages Accord depends on) into one self-contained ES
 * module text. The command passes an esbuild-based implementation; keeping it a parameter keeps
 * templates free of file access.
 */
export type BundleModule = (entrySource: string) => Promise<string>;

/** The entry module the bundle is made from. */
export function helpersEntry(helpers: readonly RuntimeHelper[], formats: readonly string[]): string {
  const lines = helpers.map(
    (helper) =>
      `export { default as ${RUNTIME_HELPERS[helper]} } from ${quote(`ajv/dist/runtime/${helper}`)};`,
  );
  if (formats.length > 0) {
    lines.push('import { fullFormats } from "ajv-formats/dist/formats";', `export const ${FORMATS_NAME} = {`);
    for (const format of formats) lines.push(`  ${quote(format)}: fullFormats[${quote(format)}],`);
    lines.push("};");
  }
  return `${lines.join("\n")}\n`;
}

export async function renderAjvHelpers(
  helpers: readonly RuntimeHelper[],
  formats: readonly string[],
  style: ModuleStyle,
  bundle: BundleModule,
): Promise<RenderedFile | undefined> {
  if (helpers.length === 0 && formats.length === 0) return undefined;
  const code = await bundle(helpersEntry(helpers, formats));
  const content = [
    banner(
      `ajv runtime helpers (${helpers.length > 0 ? helpers.join(", ") : "none"}) and ajv-formats formats`,
      `(${formats.length > 0 ? formats.join(", ") : "none"}), bundled from ajv and ajv-formats (MIT licence).`,
    ),
    "// @ts-nocheck",
    "/* eslint-disable */",
    code.trimEnd(),
    "",
  ].join("\n");
  return { path: `_runtime/${fileName("ajv", style)}`, content };
}
