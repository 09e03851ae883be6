import { describe, expect, it } from "vitest";
import { sliceSubjects, workerCount } from "../../../cli/generate/parallel.js";
import type { PlannedSubject } from "../../../contracts/codegen/types.js";

const subject = (name: string, versions: number) =>
  ({
    subject: name,
    versions: Array.from({ length: versions }, (_, i) => ({ version: i + 1 })),
  }) as unknown as PlannedSubject;

describe("rendering on worker threads", () => {
  it("slices subjects in plan order into groups of similar version counts", () => {
    const subjects = [subject("a", 5), subject("b", 5), subject("c", 5), subject("d", 5), subject("e", 20)];
    const slices = sliceSubjects(subjects, 2);
    expect(slices.map((slice) => slice.map((s) => s.subject))).toEqual([["a", "b", "c", "d"], ["e"]]);
    expect(slices.flat()).toEqual(subjects);
    expect(sliceSubjects(subjects, 1)).toEqual([subjects]);
    expect(sliceSubjects([subject("only", 3)], 4)).toEqual([[subject("only", 3)]]);
  });

  it("uses no worker for small plans, and obeys ACCORD_WORKERS", () => {
    expect(workerCount(100, {})).toBe(0);
    expect(workerCount(10_000, { ACCORD_WORKERS: "0" })).toBe(0);
    expect(workerCount(10, { ACCORD_WORKERS: "3" })).toBe(3);
    expect(workerCount(10, { ACCORD_WORKERS: "99" })).toBe(16);
  });
});
