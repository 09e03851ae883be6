import { afterEach, describe, expect, it, vi } from "vitest";
import { progressOnStderr } from "../../cli/progress.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return {
    writes,
    stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream,
  };
}

describe("progressOnStderr", () => {
  afterEach(() => vi.useRealTimers());

  it("stays quiet for the first second, then redraws one line at most ten times a second, and clears it", () => {
    vi.useFakeTimers({ now: 0 });
    const { writes, stream } = fakeStream(true);
    const progress = progressOnStderr("checking", stream);
    progress.update(1, 10);
    expect(writes).toEqual([]);
    vi.setSystemTime(1200);
    progress.update(4, 10);
    progress.update(5, 10);
    vi.setSystemTime(1350);
    progress.update(6, 10);
    progress.done();
    expect(writes).toEqual([
      "\r\u001b[2Kchecking 4/10 (40%)",
      "\r\u001b[2Kchecking 6/10 (60%)",
      "\r\u001b[2K",
    ]);
  });

  it("writes nothing when stderr is not a terminal", () => {
    vi.useFakeTimers({ now: 0 });
    const { writes, stream } = fakeStream(false);
    const progress = progressOnStderr("checking", stream);
    vi.setSystemTime(5000);
    progress.update(1, 2);
    progress.done();
    expect(writes).toEqual([]);
  });
});
