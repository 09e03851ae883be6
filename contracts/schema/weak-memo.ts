/**
 * Values remembered per object and string key, the object held weakly: what is computed about a
 * schema (its compiled validator, its engine side, its example, a pair's answer) goes when the
 * schema goes, and a catalog's identical versions, interned into one object, share it.
 */
export class WeakMemo<V> {
  private readonly byObject = new WeakMap<object, Map<string, V>>();

  /** The value for (`owner`, `key`), made by `make` the first time it is asked for. */
  remember(owner: object, key: string, make: () => V): V {
    let byKey = this.byObject.get(owner);
    if (!byKey) {
      byKey = new Map();
      this.byObject.set(owner, byKey);
    }
    if (byKey.has(key)) return byKey.get(key) as V;
    const value = make();
    byKey.set(key, value);
    return value;
  }
}
