import { describe, expect, it } from "vitest";
import { checkCompatibility } from "../../../contracts/compat/index.js";
import { consumerReader } from "../../../contracts/consumers/reader.js";
import { loadSchemaValue } from "../../../contracts/schema/load.js";
import type { JsonObject } from "../../../contracts/schema/types.js";
import { webhookEvents } from "../../support/realworld.js";

/**
 * Readers derived from published schemas (GitHub's 54 webhook payloads, release 7.6): a consumer
 * reading three top-level fields of each event. A reader must accept every event its own version
 * accepts (never a proven counterexample); where the engine cannot prove it (discriminated
 * unions whose branches are themselves overlapping oneOf), it may say undetermined, and the
 * figure is pinned so a regression shows.
 */

/** Top-level property names, through a root union's first branch (`$ref`s followed). */
function topNames(root: JsonObject, schema: JsonObject = root): string[] {
  if (schema.properties && typeof schema.properties === "object") return Object.keys(schema.properties);
  const union = (schema.oneOf ?? schema.anyOf) as JsonObject[] | undefined;
  const first = union?.[0];
  if (!first) return [];
  const ref = typeof first.$ref === "string" ? first.$ref.split("/").pop() : undefined;
  const definitions = root.definitions as Record<string, JsonObject> | undefined;
  return topNames(root, ref !== undefined && definitions?.[ref] ? definitions[ref] : first);
}

describe("derived readers on the real-world corpus", () => {
  it("accept every event of their own version: no counterexample on any of the 54 events", () => {
    const events = webhookEvents("webhooks-schemas-7-6");
    expect(events).toHaveLength(54);
    let proven = 0;
    for (const event of events) {
      const document = loadSchemaValue(event.schema, event.event, { compile: false });
      if (!document.ok) throw new Error(document.error.message);
      const reads = topNames(event.schema)
        .filter((name) => name !== "action")
        .slice(0, 3)
        .map((name) => `/${name}`);
      const reader = consumerReader({
        subject: event.subject,
        entry: { name: "consumer", reads, index: 0 },
        pinned: { version: 1, file: event.event, text: "", document: document.value },
        site: { file: event.event, pointer: "#" },
        onlyDeclared: true,
      });
      if (!reader.ok) throw new Error(reader.error.message);
      const report = checkCompatibility([reader.value.document], document.value, "FORWARD");
      expect(report.findings, `${event.event} ${reads.join(" ")}`).toEqual([]);
      if (report.undetermined.length === 0) proven++;
    }
    expect(proven).toBeGreaterThanOrEqual(51);
  }, 300_000);
});
