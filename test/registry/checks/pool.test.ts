import { afterEach, describe, expect, it } from "vitest";
import type { CheckJob } from "../../../registry/checks/job.js";
import { CheckPool } from "../../../registry/checks/pool.js";
import { wideSchema } from "./wide-schema.js";

function job(candidate: unknown, history: unknown[] = [], level: CheckJob["level"] = "BACKWARD"): CheckJob {
  return {
    kind: "check",
    candidate: {
      text: JSON.stringify(candidate),
      references: new Map(),
      source: 'subject "s"',
      validated: false,
    },
    history: history.map((value, index) => ({
      text: JSON.stringify(value),
      references: new Map(),
      source: `subject "s" version ${index + 1}`,
    })),
    level,
  };
}

const pools: CheckPool[] = [];
function pool(budgetMs = 30_000, workers = 1): CheckPool {
  const created = new CheckPool({ workers, budgetMs });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((each) => each.close()));
});

describe("check pool", () => {
  it("compares in a worker and returns the engine's report", async () => {
    const result = await pool().run(
      job({ type: "string", maxLength: 5 }, [{ type: "string", maxLength: 10 }]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value?.verdict).toBe("incompatible");
    expect(result.value?.findings[0]?.rule).toBe("max-length-decreased");
  });

  it("returns no report when nothing is compared, and the loader's error for an invalid schema", async () => {
    const checks = pool();
    expect(await checks.run(job({ type: "string" }))).toEqual({ ok: true, value: undefined });
    const invalid = await checks.run(job({ type: "strng" }));
    expect(invalid.ok).toBe(false);
    if (invalid.ok) return;
    expect(invalid.error.code).toBe("ACCORD_ERR_SCHEMA_INVALID");
    expect(invalid.error.message).toContain('subject "s": #/type');
  });

  it("reads a schema's identity from its text: same fingerprint whatever the key order", async () => {
    const checks = pool();
    const identify = (schema: string) =>
      checks.run({
        kind: "identify",
        schema,
        schemaType: "JSON",
        references: [],
        normalize: false,
        contract: {},
        source: "s",
      });
    const [first, second] = await Promise.all([
      identify('{"type": "string", "maxLength": 3}'),
      identify('{"maxLength":3,"type":"string"}'),
    ]);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.value.text).toBe('{"type":"string","maxLength":3}');
    expect(second.value.fingerprint).toBe(first.value.fingerprint);
    const broken = await identify("{not json");
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.error.code).toBe("ACCORD_ERR_REGISTRY_SCHEMA_INVALID");
  });

  it("validates a 5,000-property schema", async () => {
    const result = await pool().run(job(wideSchema(5_000)));
    expect(result).toEqual({ ok: true, value: undefined });
  });

  it("stops a job over its budget with an error naming the budget, and keeps serving", async () => {
    const checks = pool(20);
    const slow = await checks.run(job(wideSchema(5_000)));
    expect(slow.ok).toBe(false);
    if (slow.ok) return;
    expect(slow.error.code).toBe("ACCORD_ERR_REGISTRY_CHECK_BUDGET");
    expect(slow.error.message).toBe(
      'Invalid schema: checking subject "s" (validation, compile and compatibility comparison) took longer than its budget of 20 ms and was stopped.',
    );
    // The stopped worker is replaced; a generous budget for the next job, which starts a thread.
    const next = new CheckPool({ workers: 1, budgetMs: 30_000 });
    pools.push(next);
    expect(await next.run(job({ type: "integer" }))).toEqual({ ok: true, value: undefined });
  });

  it("loads its workers up front when warmed, and a warmed pool answers at once", async () => {
    const checks = pool(30_000, 2);
    await checks.warm();
    const started = performance.now();
    expect(await checks.run(job({ type: "string" }))).toEqual({ ok: true, value: undefined });
    // No thread to start and no engine to load: far below a worker's start-up (about a second here).
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("runs jobs beyond its thread count in turn", async () => {
    const checks = pool(30_000, 2);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) => checks.run(job({ type: "string", maxLength: index + 1 }))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
  });

  it("fails queued jobs when closed and refuses new ones", async () => {
    const checks = new CheckPool({ workers: 1, budgetMs: 30_000 });
    const outcomes = Promise.allSettled([
      checks.run(job(wideSchema(2_000))),
      checks.run(job({ type: "string" })),
    ]);
    await checks.close();
    const reasons = (await outcomes).map((outcome) =>
      outcome.status === "rejected" ? (outcome.reason as Error).message : "resolved",
    );
    expect(reasons).toEqual(["the check pool closed", "the check pool closed"]);
    await expect(checks.run(job({ type: "string" }))).rejects.toThrow("the check pool is closed");
  });
});
