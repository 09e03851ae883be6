import { defineConfig } from "vitest/config";
import SkipReasonsReporter from "./test/support/skip-reasons.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The default reporter, then the reasons tests were skipped for (a missing PostgreSQL or Chromium).
    reporters: ["default", new SkipReasonsReporter()],
  },
});
