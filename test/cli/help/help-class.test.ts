import { describe, expect, it } from "vitest";
import { wrapWords } from "../../../cli/help/help-class.js";

describe("help wrapping", () => {
  it("breaks lines at spaces within the width", () => {
    expect(wrapWords("one two three four", 9)).toBe("one two\nthree\nfour");
    expect(wrapWords("short", 80)).toBe("short");
    expect(wrapWords("a b\nc d", 3)).toBe("a b\nc d");
  });

  it("keeps a word longer than the width whole, on a line of its own", () => {
    expect(wrapWords("--mode NONE|BACKWARD|FORWARD [--json]", 12)).toBe(
      "--mode\nNONE|BACKWARD|FORWARD\n[--json]",
    );
  });

  it("trims each line, as oclif's wrapping does, and measures without colour codes", () => {
    expect(wrapWords("  padded  ", 80)).toBe("padded");
    expect(wrapWords("\u001b[1mbold\u001b[22m word", 9)).toBe("\u001b[1mbold\u001b[22m word");
  });
});
