import { describe, expect, it } from "vitest";
import { skipReasons } from "./skip-reasons.js";

describe("skipReasons", () => {
  it("groups skipped tests by the reason their names state, parentheses in the reason included", () => {
    const chromium = "chromium is not installed (apt-get install chromium; .ci/run does this in CI)";
    const reasons = skipReasons([
      { fullName: `the HTML site in a browser (skipped: ${chromium}) > searches`, file: "b.test.ts" },
      { fullName: `the HTML site in a browser (skipped: ${chromium}) > links`, file: "b.test.ts" },
      { fullName: "postgres store (skipped: ACCORD_TEST_PG_URL is not set) > needs it", file: "p.test.ts" },
      { fullName: "filtered out by -t", file: "x.test.ts" },
    ]);
    expect([...reasons.keys()]).toEqual([chromium, "ACCORD_TEST_PG_URL is not set"]);
    expect(reasons.get(chromium)).toEqual({ count: 2, files: new Set(["b.test.ts"]) });
  });
});
