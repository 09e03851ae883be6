import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { runQueue, sliceByCost, workerCount } from "../../cli/pool.js";

const WORKER = new URL("../fixtures/pool/queue-worker.mjs", import.meta.url);

type Task = { value: number; mode?: "throw" | "exit" | "hang" | "hog" };
type Reply = { value: number; thread: "main" | "worker" };

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

  it("uses no worker for small work, one per core for large, and obeys ACCORD_WORKERS", () => {
    const cores = Math.min(availableParallelism(), 8);
    expect(workerCount(100, 150, {})).toBe(0);
    expect(workerCount(299, 150, {})).toBe(0);
    expect(workerCount(300, 150, {})).toBe(cores >= 2 ? 2 : 0);
    expect(workerCount(1e9, 150, {})).toBe(cores >= 2 ? cores : 0);
    expect(workerCount(10_000, 150, { ACCORD_WORKERS: "0" })).toBe(0);
    expect(workerCount(10, 150, { ACCORD_WORKERS: "3" })).toBe(3);
    expect(workerCount(10, 150, { ACCORD_WORKERS: "99" })).toBe(16);
    expect(workerCount(100, 150, { ACCORD_WORKERS: "many" })).toBe(0);
  });

  it("runs the tasks on workers, costliest first, and answers in task order", async () => {
    const tasks: Task[] = [1, 2, 3, 4, 5, 6].map((value) => ({ value }));
    const replies = await runQueue<Task, Reply>({
      worker: WORKER,
      tasks,
      workers: 2,
      cost: (task) => task.value,
      run: (task) => ({ value: task.value * 2, thread: "main" }),
    });
    expect(replies).toEqual(tasks.map((task) => ({ value: task.value * 2, thread: "worker" })));
  });

  it("runs every task here without workers, or when the worker module is not there (TypeScript sources)", async () => {
    const ran: number[] = [];
    const run = (task: Task, index: number): Reply => {
      ran.push(index);
      return { value: task.value * 10, thread: "main" };
    };
    const tasks = [{ value: 1 }, { value: 2 }, { value: 3 }];
    const cost = (task: Task) => task.value;
    expect(await runQueue<Task, Reply>({ worker: WORKER, tasks, workers: 0, cost, run })).toEqual(
      tasks.map((task) => ({ value: task.value * 10, thread: "main" })),
    );
    // Costliest first.
    expect(ran).toEqual([2, 1, 0]);
    const missing = new URL("../fixtures/pool/missing-worker.js", import.meta.url);
    expect(await runQueue<Task, Reply>({ worker: missing, tasks, workers: 2, run })).toHaveLength(3);
  });

  it("runs a task again on this thread when its worker runs out of heap", async () => {
    const ran: number[] = [];
    const replies = await runQueue<Task, Reply>({
      worker: WORKER,
      tasks: [{ value: 1 }, { value: 2, mode: "hog" }, { value: 3 }],
      workers: 2,
      heapMb: 16,
      run: (task, index) => {
        ran.push(index);
        return { value: task.value * 2, thread: "main" };
      },
    });
    expect(ran).toEqual([1]);
    expect(replies.map((reply) => reply.value)).toEqual([2, 4, 6]);
    expect(replies[1]?.thread).toBe("main");
  }, 30_000);

  it("passes on a task's error and stops the other workers", async () => {
    const started = Date.now();
    await expect(
      runQueue<Task, Reply>({
        worker: WORKER,
        tasks: [
          { value: 1, mode: "hang" },
          { value: 3, mode: "throw" },
        ],
        workers: 2,
        run: () => ({ value: 0, thread: "main" }),
      }),
    ).rejects.toThrow("task 3 failed");
    // The hanging worker was stopped, not waited for.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("passes on an error of a task run here", async () => {
    await expect(
      runQueue<Task, Reply>({
        worker: WORKER,
        tasks: [{ value: 1 }, { value: 2 }],
        workers: 0,
        run: () => {
          throw new Error("here failed");
        },
      }),
    ).rejects.toThrow("here failed");
  });

  it("fails when a worker exits in the middle of a task", async () => {
    await expect(
      runQueue<Task, Reply>({
        worker: WORKER,
        tasks: [{ value: 1, mode: "exit" }],
        workers: 1,
        run: () => ({ value: 0, thread: "main" }),
      }),
    ).rejects.toThrow(/exited with code 3/);
  });
});
