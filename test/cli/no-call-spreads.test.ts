import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../e2e/helpers.js";

/**
 * `f(...items)` passes every item as an argument, and V8 throws a RangeError (Maximum call stack
 * size exceeded) once there are about a hundred thousand: `lines.push(...report)` crashed
 * `accord check` on a real catalog (issue 11). Reports, docs and the gate therefore never spread
 * an array of unknown length into a call; they append in a loop. Spreads that are bounded by
 * construction stay allowed: array literals, the segments of a path (`.split("/")`), the tokens of
 * a JSON Pointer.
 */

const FOLDERS = ["cli", "templates", "contracts/gate", "contracts/docs", "contracts/catalog"];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) yield path;
  }
}

function bounded(spread: ts.Expression, call: ts.CallExpression | ts.NewExpression): boolean {
  let inner = spread;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (ts.isArrayLiteralExpression(inner)) return true;
  if (ts.isConditionalExpression(inner))
    return bounded(inner.whenTrue, call) && bounded(inner.whenFalse, call);
  // Path segments (split, perhaps filtered) and pointer tokens are as many as the path is deep.
  if (ts.isCallExpression(inner) && /\.split\("\/"\)/.test(inner.getText())) return true;
  return /^(joinPointer|pointerFromTokens)$/.test(call.expression.getText());
}

function unboundedSpreads(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      if (!bounded(node.expression, node.parent)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${relative(REPO_ROOT, path)}:${line + 1}: ${node.parent.getText().slice(0, 80)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no spread of an unbounded array into a call", () => {
  it(`holds in ${FOLDERS.join(", ")}`, () => {
    const found: string[] = [];
    for (const folder of FOLDERS)
      for (const path of sourceFiles(join(REPO_ROOT, folder)))
        for (const spread of unboundedSpreads(path)) found.push(spread);
    expect(found).toEqual([]);
  });

  it("catches the spread that crashed accord check, and lets bounded ones through", () => {
    const probe = (text: string) => {
      const source = ts.createSourceFile("probe.ts", text, ts.ScriptTarget.Latest, true);
      const spreads: boolean[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isSpreadElement(node) && ts.isCallExpression(node.parent))
          spreads.push(bounded(node.expression, node.parent));
        ts.forEachChild(node, visit);
      };
      visit(source);
      return spreads;
    };
    expect(probe("lines.push(...findingLines(finding));")).toEqual([false]);
    expect(probe("const width = Math.max(...rules.map((r) => r.id.length));")).toEqual([false]);
    expect(
      probe('lines.push(...["a", "b"]); join(root, ...path.split("/")); joinPointer("#", ...tokens);'),
    ).toEqual([true, true, true]);
  });
});
