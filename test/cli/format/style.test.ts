import { describe, expect, it } from "vitest";
import { colorEnabled, colorStyle, plainStyle, stripAnsi, styleFor } from "../../../cli/format/style.js";

describe("colour decisions", () => {
  it("colours a TTY only while NO_COLOR is unset or empty", () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: "" })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
    expect(styleFor({ isTTY: true }, {})).toBe(colorStyle);
    expect(styleFor({ isTTY: true }, { NO_COLOR: "yes" })).toBe(plainStyle);
  });

  it("nests styles and strips back to the plain text", () => {
    const styled = colorStyle.bold(colorStyle.red("x"));
    expect(styled).toBe("\u001b[1m\u001b[31mx\u001b[39m\u001b[22m");
    expect(stripAnsi(styled)).toBe("x");
    expect(plainStyle.red("x")).toBe("x");
  });
});
