/**
 * The layering rules of the source tree, and a checker that reads one file's imports and global
 * references with TypeScript's parser (no type checking, so it stays fast).
 *
 * Layers and arrows: `cli` → `registry`, `templates`, `contracts`; `registry` → `contracts`;
 * `templates` → `contracts`; `contracts` → nothing of ours. `contracts/` is the pure core: it
 * imports no Node built-in (I/O, processes, threads, network), only the packages named in
 * PURE_PACKAGES, and never touches `process`, `console` or the other globals in IO_GLOBALS.
 * `templates/` are pure renderers, so they import no Node built-in either.
 *
 * Biome's `noRestrictedImports` was considered: it matches the import text, not the file it
 * resolves to, so `../../registry/x.js` from two depths cannot be told apart from a folder of the
 * same name; the arrows need resolved paths, which this checker has.
 */
import { builtinModules } from "node:module";
import { posix, relative, sep } from "node:path";
import ts from "typescript";

export type Layer = "contracts" | "registry" | "templates" | "cli";

export const LAYERS: readonly Layer[] = ["contracts", "registry", "templates", "cli"];

/** Which layers each layer may import from, besides itself. */
export const ARROWS: Readonly<Record<Layer, readonly Layer[]>> = {
  contracts: [],
  templates: ["contracts"],
  registry: ["contracts"],
  cli: ["registry", "templates", "contracts"],
};

/** Layers that may not import Node built-ins (I/O, processes, threads, network). */
const PURE_LAYERS: readonly Layer[] = ["contracts", "templates"];

/**
 * npm packages the core may import (and their subpaths): computation only, no I/O. Adding one is a
 * decision: name it here with what it is for.
 */
export const PURE_PACKAGES: Readonly<Record<string, string>> = {
  ajv: "JSON Schema validation of witnesses and instances",
  "ajv-formats": "the `format` keyword's checks for ajv",
  randexp: "strings matching a pattern, for witnesses",
  refa: "regular expressions as automata, for pattern inclusion",
  "regexp-ast-analysis": "regular expression analysis beside refa",
  yaml: "parsing YAML schema text handed in by the caller",
};

/**
 * Named exceptions to "no Node built-in in a pure layer": module → the only names that may be
 * imported from it, and why.
 */
export const BUILTIN_EXCEPTIONS: Readonly<Record<string, { names: readonly string[]; reason: string }>> = {
  "node:crypto": {
    names: ["createHash"],
    reason: "deterministic hashing (schema fingerprints, finding keys): no I/O, no randomness",
  },
};

/** Globals that reach the process, the console, the network or timers: none in the core. */
export const IO_GLOBALS: readonly string[] = [
  "process",
  "console",
  "require",
  "module",
  "__dirname",
  "__filename",
  "globalThis",
  "global",
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "setTimeout",
  "setInterval",
  "setImmediate",
];

export interface Violation {
  /** Path relative to the repository root, with `/`. */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The layer a repository-relative path (with `/`) belongs to, if any. */
export function layerOf(path: string): Layer | undefined {
  const top = path.split("/")[0];
  return LAYERS.find((layer) => layer === top);
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

interface ImportSite {
  readonly specifier: string;
  readonly names: readonly string[] | "all";
  readonly node: ts.Node;
}

/** Every module a file names: static and type imports, re-exports, `import()`, `require()`. */
function importSites(source: ts.SourceFile): ImportSite[] {
  const sites: ImportSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      sites.push({ specifier: node.moduleSpecifier.text, names: importedNames(node.importClause), node });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      sites.push({ specifier: node.moduleSpecifier.text, names: "all", node });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      sites.push({ specifier: node.moduleReference.expression.text, names: "all", node });
    } else if (ts.isCallExpression(node) && isImportOrRequire(node.expression)) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) sites.push({ specifier: first.text, names: "all", node });
    } else if (ts.isImportTypeNode(node)) {
      const literal = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
      if (literal && ts.isStringLiteral(literal)) sites.push({ specifier: literal.text, names: "all", node });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

function isImportOrRequire(callee: ts.Expression): boolean {
  return (
    callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")
  );
}

function importedNames(clause: ts.ImportClause | undefined): readonly string[] | "all" {
  if (!clause) return []; // `import "x"`: runs the module, binds nothing
  if (clause.name) return "all";
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return "all";
  return bindings.elements.map((element) => (element.propertyName ?? element.name).text);
}

/** True where an identifier names something (a property, a key) rather than referring to a binding. */
function isNameOnly(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  if (ts.isQualifiedName(parent)) return parent.right === node;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isEnumMember(parent)
  ) {
    return parent.name === node;
  }
  if (ts.isBindingElement(parent)) return parent.propertyName === node;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return parent.propertyName === node;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return true;
  return false;
}

/**
 * The layering violations of one source file. `path` is relative to the repository root with `/`;
 * files outside the four layers have none.
 */
export function checkLayers(path: string, text: string): Violation[] {
  const layer = layerOf(path);
  if (!layer) return [];
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const violations: Violation[] = [];
  const report = (node: ts.Node, message: string): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    violations.push({ file: path, line: line + 1, message });
  };

  for (const site of importSites(source)) {
    const { specifier } = site;
    if (specifier.startsWith(".")) {
      const target = posix.normalize(posix.join(posix.dirname(path), specifier));
      const targetLayer = layerOf(target);
      if (targetLayer === layer) continue;
      if (targetLayer && ARROWS[layer].includes(targetLayer)) continue;
      const where = targetLayer ? `${targetLayer}/` : `${target} (outside the layers)`;
      report(site.node, `${layer}/ imports ${where}: "${specifier}" runs against the arrows`);
      continue;
    }
    if (!PURE_LAYERS.includes(layer)) continue;
    if (BUILTINS.has(specifier)) {
      const exception = BUILTIN_EXCEPTIONS[specifier.startsWith("node:") ? specifier : `node:${specifier}`];
      const allowed =
        exception && site.names !== "all" && site.names.every((name) => exception.names.includes(name));
      if (!allowed) report(site.node, `${layer}/ is pure but imports the Node built-in "${specifier}"`);
      continue;
    }
    if (layer === "contracts" && !(packageName(specifier) in PURE_PACKAGES)) {
      report(site.node, `contracts/ imports "${specifier}", which is not among the pure packages it may use`);
    }
  }

  if (layer === "contracts") {
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && IO_GLOBALS.includes(node.text) && !isNameOnly(node)) {
        report(node, `contracts/ is pure but refers to the global "${node.text}"`);
      } else if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
        report(node, "contracts/ is pure but reads import.meta (file locations are the caller's)");
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return violations;
}

/** Repository-relative path with `/`, for a file under `root`. */
export function repoPath(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}
