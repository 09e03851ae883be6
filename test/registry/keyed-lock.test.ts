import { describe, expect, it } from "vitest";
import { KeyedLock } from "../../registry/keyed-lock.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("KeyedLock", () => {
  it("runs tasks of one key one at a time, in order, and other keys alongside", async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      lock.run("a", task("a1")),
      lock.run("a", task("a2")),
      lock.run("b", task("b1")),
    ]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(events.indexOf("end a1")).toBeLessThan(events.indexOf("start a2"));
    expect(events.indexOf("start b1")).toBeLessThan(events.indexOf("end a1"));
  });

  it("keeps going after a task fails", async () => {
    const lock = new KeyedLock();
    const failed = lock.run("a", async () => {
      throw new Error("boom");
    });
    const next = lock.run("a", async () => "next");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("next");
  });
});
