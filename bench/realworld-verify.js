#!/usr/bin/env node
// The compatibility engine on the real-world corpus (issue 11): every pair of consecutive versions
// (54 GitHub webhook events across 6 releases, the AsyncAPI specification schemas in both series,
// the CycloneDX BOM schemas 1.2 to 1.7)
// compared both ways; counts crashes, findings whose example does not break its reader (ajv), and
// oldPath/newPath pointers that do not resolve in their own document. The CI test
// (test/contracts/compat/realworld.test.ts) runs a subset. Runs the TypeScript sources through tsx.
//
// Usage: node bench/realworld-verify.js [--subset ci] [--update-known]
// --update-known rewrites test/fixtures/soundness/known-realworld.json with this run's failures
// (run it on the full set, else failures outside the subset are dropped from the list).
import { parseArgs } from "node:util";
import { register } from "tsx/esm/api";

const { values } = parseArgs({
  options: {
    subset: { type: "string" },
    "update-known": { type: "boolean", default: false },
  },
});

register();
const { runRealworldVerify } = await import("./realworld-verify-run.ts");
runRealworldVerify({ ciSubset: values.subset === "ci", updateKnown: values["update-known"] });
