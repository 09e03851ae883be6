import { cpus, loadavg } from "node:os";
import { compareSchemas } from "../contracts/compat/index.js";
import { newAjv } from "../contracts/schema/ajv.js";
import type { Json, SchemaDocument } from "../contracts/schema/types.js";
import { WEBHOOK_RELEASES, webhookEvents } from "../test/support/realworld.js";

interface Pair {
  readonly name: string;
  readonly old: Json;
  readonly new: Json;
}

/** Every event present in two consecutive releases, in release order; `limit` spread evenly over them. */
function pairs(limit: number): Pair[] {
  const releases = WEBHOOK_RELEASES.map(
    (release) => new Map(webhookEvents(release).map((event) => [event.subject, event.schema as Json])),
  );
  const all: Pair[] = [];
  for (let i = 1; i < releases.length; i++) {
    for (const [subject, schema] of releases[i] ?? []) {
      const old = releases[i - 1]?.get(subject);
      if (old !== undefined)
        all.push({ name: `${subject} ${WEBHOOK_RELEASES[i - 1]}->${WEBHOOK_RELEASES[i]}`, old, new: schema });
    }
  }
  if (limit >= all.length) return all;
  const step = all.length / limit;
  return Array.from({ length: limit }, (_, k) => all[Math.floor(k * step)] as Pair);
}

const documentOf = (root: Json): SchemaDocument => ({
  root,
  draft: "draft-07",
  draftAssumed: false,
  source: "bench",
});

export function runRealworldDiff(options: { pairs: number }): {
  load: string;
  figures: string;
  floor: string;
} {
  const load = loadavg()[0]?.toFixed(1) ?? "unknown";
  const chosen = pairs(options.pairs);
  // The floor: ajv compiling both schemas of every pair (fresh instances, as a first use would).
  let started = performance.now();
  for (const pair of chosen) {
    const ajv = newAjv("draft-07", { code: { optimize: false }, allErrors: true });
    ajv.compile(structuredClone(pair.old) as object);
    ajv.compile(structuredClone(pair.new) as object);
  }
  const floor = performance.now() - started;
  const verdicts = new Map<string, number>();
  const undetermined = new Map<string, number>();
  let findings = 0;
  let slowest = { ms: 0, name: "" };
  started = performance.now();
  for (const pair of chosen) {
    const t0 = performance.now();
    const report = compareSchemas(
      documentOf(structuredClone(pair.old)),
      documentOf(structuredClone(pair.new)),
      "FULL",
    );
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, name: pair.name };
    verdicts.set(report.verdict, (verdicts.get(report.verdict) ?? 0) + 1);
    findings += report.findings.length;
    for (const spot of report.undetermined)
      undetermined.set(spot.rule, (undetermined.get(spot.rule) ?? 0) + 1);
  }
  const engine = performance.now() - started;
  const per = (ms: number) => (ms / chosen.length).toFixed(1);
  const lines = [
    `pairs                 ${chosen.length} (GitHub webhook payload schemas, consecutive releases, FULL)`,
    `engine                ${per(engine)} ms per pair (${(engine / 1000).toFixed(1)} s in all)`,
    `floor: ajv compiling  ${per(floor)} ms per pair (both schemas)`,
    `ratio engine / floor  ${(engine / floor).toFixed(2)}`,
    `slowest pair          ${slowest.ms.toFixed(0)} ms (${slowest.name})`,
    `verdicts              ${[...verdicts].map(([v, n]) => `${v} ${n}`).join(", ")}; findings ${findings}`,
    `undetermined spots    ${[...undetermined].map(([rule, n]) => `${rule} ${n}`).join(", ") || "none"}`,
    `load average          ${load} on ${cpus().length} cores at the start`,
  ];
  for (const line of lines) console.log(line);
  return {
    load,
    figures: `${chosen.length} pairs: engine ${per(engine)} ms per pair (${(engine / 1000).toFixed(1)} s in all); ajv compiling both ${per(floor)} ms per pair; slowest pair ${slowest.ms.toFixed(0)} ms (${slowest.name}); ${[...verdicts].map(([v, n]) => `${v} ${n}`).join(", ")}, ${findings} findings; undetermined spots: ${[...undetermined].map(([rule, n]) => `${rule} ${n}`).join(", ") || "none"}`,
    floor: `engine / floor ${(engine / floor).toFixed(2)}`,
  };
}
