import { describe, expect, it } from "vitest";
import { renderConsumerPublish } from "../../../cli/format/consumer-publish-text.js";
import { renderGenerate } from "../../../cli/format/generate-text.js";
import { renderImport } from "../../../cli/format/import-text.js";
import { renderPublish } from "../../../cli/format/publish-text.js";
import type { GenerateOutcome } from "../../../cli/generate/run.js";

describe("publish, import, generate and consumer publish for people", () => {
  it("publish: the counts, then the level changes and the versions", () => {
    const text = renderPublish({
      registry: "http://registry",
      dryRun: false,
      configured: [{ registrySubject: "orders", from: "BACKWARD", to: "FULL" }],
      created: [{ subject: "orders", registrySubject: "orders", version: 2, id: 7, registryVersion: 2 }],
      existing: [{ subject: "orders", registrySubject: "orders", version: 1, id: 6, registryVersion: 1 }],
      rejected: [],
      skipped: [],
      planned: [],
    });
    expect(text.split("\n")).toEqual([
      "Published to http://registry: 1 created, 1 existing, 0 rejected.",
      "  config    orders: set compatibility BACKWARD → FULL",
      "  created   orders v2 → orders version 2, id 7",
      "  existing  orders v1 = orders version 1, id 6",
    ]);
  });

  it("import: the subjects (and renumbering), then the files written", () => {
    const text = renderImport({
      registry: "http://registry",
      dir: "contracts",
      subjects: [
        {
          subject: "orders",
          folder: "orders",
          versions: [{ version: 1, registryVersion: 3, id: 9 }],
          renumbered: true,
        },
      ],
      skipped: [],
      refused: [],
      written: ["schemas/orders/v1.json"],
      unchanged: [],
    } as Parameters<typeof renderImport>[0]);
    expect(text.split("\n")).toEqual([
      "Imported 1 subject from http://registry into contracts:",
      "  orders: v1",
      "    renumbered: the registry's versions have gaps (registry 3 → v1)",
      "1 file written, 0 already there.",
      "  contracts/schemas/orders/v1.json",
    ]);
  });

  it("generate: what was generated, or under --check what differs", () => {
    const outcome = {
      source: "../contracts",
      out: "src/gen",
      lock: "accord.lock",
      wire: "json",
      module: "esm",
      check: true,
      subjects: [],
      files: [],
      changed: [{ path: "src/gen/orders/index.ts", status: "updated" }],
    } as unknown as GenerateOutcome;
    expect(renderGenerate(outcome).split("\n")).toEqual([
      "1 file(s) differ from what ../contracts generates; run `accord generate` and commit the result:",
      "  updated  src/gen/orders/index.ts",
    ]);
  });

  it("consumer publish: one line per declaration", () => {
    const text = renderConsumerPublish({
      registry: "http://registry",
      consumer: "billing",
      dryRun: true,
      declarations: [{ subject: "orders", registrySubject: "orders", reads: ["/id"], status: "created" }],
    });
    expect(text.split("\n")).toEqual([
      "Consumer billing at http://registry (dry run):",
      "  would be created orders: reads /id",
    ]);
  });
});
