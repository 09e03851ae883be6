/**
 * Runs tasks one at a time per key, in arrival order. Registrations in one subject read its
 * history, check compatibility and then write; serialising them here means the store's
 * stale-snapshot guard only fires for writers outside this process.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // The last task in the chain removes it, so idle keys hold no memory.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
