import { readFileSync, writeFileSync } from "node:fs";
import { compareSchemas } from "../../contracts/compat/index.js";
import { guardedValidatorFor } from "../../contracts/schema/ajv.js";
import { resolvePointer } from "../../contracts/schema/pointer.js";
import type { Json } from "../../contracts/schema/types.js";
import { KNOWN_REALWORLD } from "./differential/known.js";
import { asyncapiSpecVersions, cyclonedxSpecVersions, WEBHOOK_RELEASES, webhookEvents } from "./realworld.js";
import { schemaDocument } from "./schema-doc.js";

/**
 * The engine on the real-world corpus (issue 11): each pair of consecutive versions compared both
 * ways (FULL). Nothing may throw, every finding's example must be valid under its writer and
 * invalid under its reader (ajv), and every `oldPath`/`newPath` (findings and undetermined spots)
 * must resolve in its own document.
 */

export interface VersionPair {
  /** `webhooks:issues:v3->v4`, `asyncapi:2.6.0->3.0.0`, `asyncapi-ids:2.6.0->3.0.0`. */
  readonly id: string;
  readonly old: Json;
  readonly new: Json;
}

export type RealworldKind = "crash" | "bogus-example" | "unresolved-pointer" | "undecided-where-proven";

export interface RealworldFailure {
  /** Stable across runs: pair, kind and the place (direction, rule, pointer). */
  readonly id: string;
  readonly kind: RealworldKind;
  readonly pair: string;
  readonly detail: string;
}

export interface PairCheck {
  readonly failures: RealworldFailure[];
  readonly verdict?: string;
  readonly findings: number;
  readonly undetermined: number;
}

/** Every consecutive pair of the corpus, in a fixed order. */
export function realworldPairs(): VersionPair[] {
  const pairs: VersionPair[] = [];
  const releases = WEBHOOK_RELEASES.map((release) => webhookEvents(release));
  const events = releases[0] ?? [];
  events.forEach((event, index) => {
    for (let version = 1; version < releases.length; version++) {
      const older = releases[version - 1]?.[index];
      const newer = releases[version]?.[index];
      if (!older || !newer) continue;
      pairs.push({
        id: `webhooks:${event.subject}:v${version}->v${version + 1}`,
        old: older.schema,
        new: newer.schema,
      });
    }
  });
  for (const [series, withIds] of [
    ["asyncapi", false],
    ["asyncapi-ids", true],
  ] as const) {
    const specs = asyncapiSpecVersions({ withIds });
    for (let i = 1; i < specs.length; i++) {
      const older = specs[i - 1];
      const newer = specs[i];
      if (!older || !newer) continue;
      pairs.push({
        id: `${series}:${older.version}->${newer.version}`,
        old: older.schema,
        new: newer.schema,
      });
    }
  }
  const boms = cyclonedxSpecVersions();
  for (let i = 1; i < boms.length; i++) {
    const older = boms[i - 1];
    const newer = boms[i];
    if (!older || !newer) continue;
    pairs.push({ id: `cyclonedx:${older.version}->${newer.version}`, old: older.schema, new: newer.schema });
  }
  return pairs;
}

/**
 * The subset CI runs (the rest is bench/realworld-verify.js): each webhook event once, at a
 * release step that rotates with the event so every step is covered, and every AsyncAPI step (in
 * both series) and every CycloneDX step, a second or two each.
 */
export function ciSubset(pairs: readonly VersionPair[]): VersionPair[] {
  const steps = WEBHOOK_RELEASES.length - 1;
  const byEvent = new Map<string, VersionPair[]>();
  for (const pair of pairs) {
    if (!pair.id.startsWith("webhooks:")) continue;
    const event = pair.id.split(":")[1] as string;
    byEvent.set(event, [...(byEvent.get(event) ?? []), pair]);
  }
  const webhooks = [...byEvent.values()]
    .map((list, index) => list[index % steps])
    .filter((p) => p !== undefined);
  const specifications = pairs.filter((pair) => !pair.id.startsWith("webhooks:"));
  return [...webhooks, ...specifications];
}

/** Compares one pair both ways and checks what the report claims. */
export function checkPair(pair: VersionPair): PairCheck {
  const failure = (kind: RealworldKind, place: string, detail: string): RealworldFailure => ({
    id: `${pair.id}|${kind}|${place}`,
    kind,
    pair: pair.id,
    detail,
  });
  let report: ReturnType<typeof compareSchemas>;
  try {
    report = compareSchemas(
      schemaDocument(pair.old, `${pair.id} (old)`),
      schemaDocument(pair.new, `${pair.id} (new)`),
      "FULL",
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { failures: [failure("crash", "", message.slice(0, 300))], findings: 0, undetermined: 0 };
  }
  const failures: RealworldFailure[] = [];
  const oldAccepts = guardedValidatorFor(pair.old, "draft-07");
  const newAccepts = guardedValidatorFor(pair.new, "draft-07");
  for (const finding of report.findings) {
    const [writerAccepts, readerAccepts] =
      finding.direction === "backward" ? [oldAccepts, newAccepts] : [newAccepts, oldAccepts];
    const writer = writerAccepts(finding.example);
    const reader = readerAccepts(finding.example);
    if (writer !== true || reader !== false) {
      failures.push(
        failure(
          "bogus-example",
          `${finding.direction}:${finding.rule}:${finding.oldPath}:${finding.newPath}`,
          `writer ${writer === true ? "accepts" : "rejects"}, reader ${reader === false ? "rejects" : "accepts"} the example`,
        ),
      );
    }
  }
  for (const spot of [...report.findings, ...report.undetermined]) {
    for (const [side, root, pointer] of [
      ["old", pair.old, spot.oldPath],
      ["new", pair.new, spot.newPath],
    ] as const) {
      if (resolvePointer(root, pointer) === undefined) {
        failures.push(
          failure(
            "unresolved-pointer",
            `${side}:${pointer}`,
            `${spot.rule} (${spot.direction}): ${side}Path ${pointer} is not in the ${side} schema`,
          ),
        );
      }
    }
  }
  // A change proven at a place must not also be reported undecided there.
  const place = (spot: { direction: string; rule: string; oldPath: string; newPath: string }) =>
    `${spot.direction}:${spot.rule}:${spot.oldPath}:${spot.newPath}`;
  const proven = new Set(report.findings.map(place));
  for (const spot of report.undetermined) {
    if (proven.has(place(spot)))
      failures.push(
        failure(
          "undecided-where-proven",
          place(spot),
          "the same change at the same places is both a finding and an undetermined spot",
        ),
      );
  }
  const unique = new Map(failures.map((f) => [f.id, f]));
  return {
    failures: [...unique.values()],
    verdict: report.verdict,
    findings: report.findings.length,
    undetermined: report.undetermined.length,
  };
}

export interface KnownRealworld {
  readonly about: string;
  readonly failures: RealworldFailure[];
}

export function readKnownRealworld(): KnownRealworld {
  return JSON.parse(readFileSync(KNOWN_REALWORLD, "utf8")) as KnownRealworld;
}

export function writeKnownRealworld(content: KnownRealworld): void {
  writeFileSync(KNOWN_REALWORLD, `${JSON.stringify(content, null, 2)}\n`);
}
