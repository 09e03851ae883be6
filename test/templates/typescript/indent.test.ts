import { describe, expect, it } from "vitest";
import { reindent } from "../../../templates/typescript/indent.js";

describe("reindent", () => {
  it("indents by bracket depth and aligns comment bodies", () => {
    const flat = [
      "/**",
      " * Top.",
      " */",
      "export interface A {",
      "/**",
      " * Nested { brace in a comment",
      " */",
      "b: {",
      '"c}"?: ("x" | "y)")',
      "[k: string]: unknown",
      "}[]",
      "}",
    ].join("\n");
    expect(reindent(flat)).toBe(
      [
        "/**",
        " * Top.",
        " */",
        "export interface A {",
        "  /**",
        "   * Nested { brace in a comment",
        "   */",
        "  b: {",
        '    "c}"?: ("x" | "y)")',
        "    [k: string]: unknown",
        "  }[]",
        "}",
      ].join("\n"),
    );
  });

  it("outdents a line that starts by closing, and never goes below zero", () => {
    expect(reindent("a: [{\nb: 1\n}, ...({\nc: 2\n})[]]\n}\n}")).toBe(
      "a: [{\n    b: 1\n  }, ...({\n      c: 2\n  })[]]\n}\n}",
    );
  });
});
