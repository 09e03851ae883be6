import { describe, expect, it } from "vitest";
import { sliceInputs, versionFileUnits } from "../../../cli/check/parallel.js";

const small = JSON.stringify({ type: "object" });
const large = JSON.stringify({ type: "object", description: "x".repeat(30_000) });

function catalog(subjects: Record<string, readonly string[]>): Map<string, string> {
  const files = new Map<string, string>([["accord.yaml", "version: 1\n"]]);
  for (const [name, versions] of Object.entries(subjects)) {
    for (const [i, text] of versions.entries()) files.set(`schemas/${name}/v${i + 1}.json`, text);
  }
  return files;
}

describe("check's work measure", () => {
  it("counts a version file once per started 4 KiB of schema text, other files not at all", () => {
    const files = catalog({ a: [small, small], b: [large] });
    files.set("schemas/a/subject.yaml", "owner: team\n");
    expect(versionFileUnits(files)).toBe(1 + 1 + Math.ceil(large.length / 4096));
  });

  it("balances slices by that measure, so one subject of large schemas weighs as much as many small ones", () => {
    const files = catalog({
      a: [large, large, large],
      b: [small, small, small],
      c: [small, small, small],
      d: [small, small, small],
    });
    const slices = sliceInputs(files, undefined, 2, false);
    const subjectsOf = (slice: (typeof slices)[number]) => [
      ...new Set(
        slice.head.filter(([path]) => path.startsWith("schemas/")).map(([path]) => path.split("/")[1]),
      ),
    ];
    expect(slices.map(subjectsOf)).toEqual([["a"], ["b", "c", "d"]]);
  });
});
