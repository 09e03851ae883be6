import { describe, expect, it } from "vitest";
import { checkPair, ciSubset, readKnownRealworld, realworldPairs } from "../../support/realworld-verify.js";

/**
 * The engine on published schemas (issue 11): consecutive versions of GitHub's webhook payloads,
 * of the AsyncAPI specification schemas and of the CycloneDX BOM schemas, compared both ways. No
 * exception, every example breaks its reader (ajv), every pointer resolves in its own document.
 * Open failures are listed in test/fixtures/soundness/known-realworld.json; one that no longer
 * happens fails the test so the list only shrinks. CI runs every specification step and each
 * webhook event once; `node bench/realworld-verify.js` runs all 293 pairs.
 */

const known = readKnownRealworld().failures;
const knownIds = new Set(known.map((failure) => failure.id));
const all = realworldPairs();
const pairs = ciSubset(all);

describe("compat on the real-world corpus", () => {
  it("compares every webhook event (each at one release step), and every AsyncAPI and CycloneDX step", () => {
    expect(all).toHaveLength(54 * 5 + 9 + 9 + 5);
    expect(pairs).toHaveLength(54 + 9 + 9 + 5);
    const events = pairs
      .filter((pair) => pair.id.startsWith("webhooks:"))
      .map((pair) => pair.id.split(":")[1]);
    expect(new Set(events).size).toBe(54);
  });

  it.each(pairs.map((pair) => [pair.id, pair] as const))(
    "%s: no crash, every example breaks its reader, every pointer resolves",
    (id, pair) => {
      const result = checkPair(pair);
      const unexpected = result.failures.filter((failure) => !knownIds.has(failure.id));
      expect(unexpected).toEqual([]);
      const gone = known
        .filter((failure) => failure.pair === id && !result.failures.some((found) => found.id === failure.id))
        .map((failure) => failure.id);
      expect(gone, "no longer happen: remove them from known-realworld.json").toEqual([]);
    },
    180_000,
  );
});
