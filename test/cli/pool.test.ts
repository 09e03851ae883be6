import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { runSlices, runWorker, sliceByCost, workerCount } from "../../cli/pool.js";

const WORKER = new URL("../fixtures/pool/echo-worker.mjs", import.meta.url);

type Slice = { value: number; mode?: "throw" | "exit" | "hang" };

describe("the worker pool", () => {
  it("slices items in order into contiguous groups of similar cost", () => {
    const cost = (n: number) => n;
    expect(sliceByCost([5, 5, 5, 5, 20], 2, cost)).toEqual([[5, 5, 5, 5], [20]]);
    expect(sliceByCost([1, 1, 1, 1, 1, 1], 3, cost)).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(sliceByCost([5, 5], 1, cost)).toEqual([[5, 5]]);
    expect(sliceByCost([3], 4, cost)).toEqual([[3]]);
    expect(sliceByCost([], 4, cost)).toEqual([[]]);
    // Never an empty slice, even when one item outweighs the rest.
    for (const slice of sliceByCost([100, 1, 1, 1], 3, cost)) expect(slice.length).toBeGreaterThan(0);
  });

  it("uses no worker for small work, one per spare core for large, and obeys ACCORD_WORKERS", () => {
    expect(workerCount(100, 150, {})).toBe(0);
    expect(workerCount(299, 150, {})).toBe(0);
    expect(workerCount(300, 150, {})).toBe(Math.min(1, availableParallelism() - 1));
    expect(workerCount(1e9, 150, {})).toBe(Math.min(availableParallelism(), 8) - 1);
    expect(workerCount(10_000, 150, { ACCORD_WORKERS: "0" })).toBe(0);
    expect(workerCount(10, 150, { ACCORD_WORKERS: "3" })).toBe(3);
    expect(workerCount(10, 150, { ACCORD_WORKERS: "99" })).toBe(16);
    expect(workerCount(100, 150, { ACCORD_WORKERS: "many" })).toBe(0);
  });

  it("runs the first slice here, the others on workers, and answers in slice order", async () => {
    const ran: number[] = [];
    const replies = await runSlices<Slice, number>({
      worker: WORKER,
      slices: [{ value: 1 }, { value: 2 }, { value: 3 }],
      here: (slice) => {
        ran.push(slice.value);
        return slice.value * 2;
      },
      task: (slice) => slice,
    });
    expect(replies).toEqual([2, 4, 6]);
    expect(ran).toEqual([1]);
  });

  it("runs every slice here when the worker module is not there (TypeScript sources)", async () => {
    const replies = await runSlices<Slice, number>({
      worker: new URL("../fixtures/pool/missing-worker.js", import.meta.url),
      slices: [{ value: 1 }, { value: 2 }],
      here: (slice) => slice.value * 10,
      task: (slice) => slice,
    });
    expect(replies).toEqual([10, 20]);
  });

  it("passes on a worker's error and stops the other workers", async () => {
    const started = Date.now();
    await expect(
      runSlices<Slice, number>({
        worker: WORKER,
        slices: [{ value: 1 }, { value: 2, mode: "hang" }, { value: 3, mode: "throw" }],
        here: (slice) => slice.value,
        task: (slice) => slice,
      }),
    ).rejects.toThrow("slice 3 failed");
    // The hanging worker was stopped, not waited for.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("passes on an error of this thread's slice and stops the workers", async () => {
    await expect(
      runSlices<Slice, number>({
        worker: WORKER,
        slices: [{ value: 1 }, { value: 2, mode: "hang" }],
        here: () => {
          throw new Error("here failed");
        },
        task: (slice) => slice,
      }),
    ).rejects.toThrow("here failed");
  });

  it("rejects when a worker exits without replying", async () => {
    await expect(runWorker(WORKER, { value: 1, mode: "exit" }).reply).rejects.toThrow(/exited with code 3/);
    await expect(runWorker<number>(WORKER, { value: 4 }).reply).resolves.toBe(8);
  });
});
