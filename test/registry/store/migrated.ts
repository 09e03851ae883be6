import { expect } from "vitest";
import type { RegistryStore } from "../../../registry/store/types.js";

/**
 * What both stores must show after the contexts migration of a database written before it: a
 * subject `base` (v1, schema id 1), a soft-deleted `s` v1 (schema id 2, referencing base v1), and
 * id 3 handed out and purged. Everything lands in the default context, and no id is given twice.
 */
export async function expectMigratedIntoDefaultContext(store: RegistryStore): Promise<void> {
  expect(await store.listSubjects({ deleted: true })).toEqual(["base", "s"]);
  expect(await store.schemaById(2, ".")).toMatchObject({ context: ".", fingerprint: "f2" });
  expect((await store.getVersion("s", 1))?.deleted).toBe(true);
  expect(await store.referencedBy("base", 1, { deleted: true })).toEqual([2]);
  expect(await store.listContexts()).toEqual(["."]);
  // Id 3 was handed out before the migration and purged: never again.
  const next = await store.register({
    subject: "t",
    schema: { schema: "{}", fingerprint: "f4", references: [] },
    expected: { maxVersion: 0, live: [] },
  });
  expect(next).toEqual({ ok: true, value: { kind: "created", id: 4, version: 1 } });
}
