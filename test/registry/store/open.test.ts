import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AccordFailure } from "../../../contracts/errors.js";
import { openStore } from "../../../registry/store/open.js";
import { PG_SKIP_REASON, PG_URL, PostgresFixtures } from "./postgres-helpers.js";

const dataDir = mkdtempSync(join(tmpdir(), "accord-open-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("openStore", () => {
  it("opens SQLite by default and refuses an unknown store without echoing credentials", async () => {
    const opened = await openStore({ dataDir });
    expect(opened.location).toMatch(/accord\.db$/);
    await opened.store.close();
    const err = await openStore({ dataDir, store: "mysql://root:pw@db/x" }).catch((e: unknown) => e);
    expect((err as AccordFailure).error.code).toBe("ACCORD_ERR_USAGE");
    expect((err as Error).message).not.toContain("pw");
  });

  (PG_URL ? it : it.skip)(
    `puts the tables in the schema named by ?schema=${PG_URL ? "" : ` (skipped: ${PG_SKIP_REASON})`}`,
    async () => {
      const fixtures = new PostgresFixtures();
      const schema = `accord_open_${Date.now().toString(36)}`;
      const url = new URL(PG_URL as string);
      url.searchParams.set("schema", schema);
      const opened = await openStore({ dataDir, store: url.toString() });
      try {
        expect(opened.location).toContain(`(schema ${schema})`);
        expect(opened.location).not.toContain(new URL(PG_URL as string).password || "\u0000");
      } finally {
        await opened.store.close();
        // Registered for clean-up through a store in the same schema.
        await (await fixtures.open({ schema })).close();
        await fixtures.dropAll();
      }
    },
  );
});
