import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadWorkingCatalog } from "../../cli/catalog-io.js";
import { newAjv, validatorFor } from "../../contracts/schema/ajv.js";
import type { Json } from "../../contracts/schema/types.js";
import { asyncapiSpecVersions, WEBHOOK_RELEASES, webhookEvents, writeWebhookCatalog } from "./realworld.js";

/** Every `$ref` string in a schema. */
function refsOf(value: Json, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsOf(item, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") out.push(child);
      else refsOf(child, out);
    }
  }
  return out;
}

describe("real-world corpus: GitHub webhook payloads", () => {
  const releases = WEBHOOK_RELEASES.map((release) => ({ release, events: webhookEvents(release) }));

  it("has the same 54 events, sorted, in each of the six releases", () => {
    expect(releases).toHaveLength(6);
    const names = releases.map(({ events }) => events.map((event) => event.event));
    expect(names[0]).toHaveLength(54);
    expect(names[0]).toEqual([...(names[0] ?? [])].sort());
    for (const list of names) expect(list).toEqual(names[0]);
    expect(names[0]).toEqual(expect.arrayContaining(["issues", "push", "pull_request_review_comment"]));
  });

  it("bundles exactly the definitions each payload reaches, with local $refs only", () => {
    for (const { release, events } of releases) {
      for (const { event, schema } of events) {
        const refs = refsOf(schema);
        const definitions = Object.keys(schema.definitions as object);
        const referenced = new Set(refs.map((ref) => ref.replace("#/definitions/", "")));
        for (const ref of refs) expect(ref, `${release} ${event}`).toMatch(/^#\/definitions\/[^/]+$/);
        expect(definitions.sort(), `${release} ${event}`).toEqual([...referenced].sort());
      }
    }
  });

  it("changes between releases (else it is no evolution corpus)", () => {
    const text = (index: number) =>
      (releases[index]?.events ?? []).map((event) => JSON.stringify(event.schema));
    const first = text(0);
    const last = text(5);
    const changed = first.filter((schema, i) => schema !== last[i]).length;
    expect(changed).toBeGreaterThan(40);
  });

  it("compiles every event of every release with Accord's ajv", () => {
    for (const { release, events } of releases) {
      for (const { event, schema } of events) {
        expect(() => validatorFor(schema, "draft-07"), `${release} ${event}`).not.toThrow();
      }
    }
  });
});

describe("real-world corpus: the webhook catalog", () => {
  const dir = mkdtempSync(join(tmpdir(), "accord-webhooks-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a catalog Accord loads: 54 subjects × 6 versions, FULL_TRANSITIVE", async () => {
    const written = writeWebhookCatalog(dir);
    expect(written.subjects).toHaveLength(54);
    const catalog = await loadWorkingCatalog(dir);
    expect(catalog.config.compatibility).toBe("FULL_TRANSITIVE");
    expect(catalog.subjects.map((subject) => subject.name)).toEqual([...written.subjects].sort());
    for (const subject of catalog.subjects) {
      expect(subject.versions.map((version) => version.version)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(subject.meta.description).toMatch(/webhook payload/);
    }
  });

  it("limits the subjects when asked", () => {
    const small = writeWebhookCatalog(join(dir, "small"), { subjects: 3 });
    expect(small.subjects).toEqual(["branch-protection-rule", "check-run", "check-suite"]);
  });
});

describe("real-world corpus: AsyncAPI specification schemas", () => {
  it("lists the draft-07 versions in order, in both series", () => {
    const expected = [
      "2.0.0-rc2",
      "2.0.0",
      "2.1.0",
      "2.2.0",
      "2.3.0",
      "2.4.0",
      "2.5.0",
      "2.6.0",
      "3.0.0",
      "3.1.0",
    ];
    expect(asyncapiSpecVersions().map((spec) => spec.version)).toEqual(expected);
    expect(asyncapiSpecVersions({ withIds: true }).map((spec) => spec.version)).toEqual(expected);
  });

  it("keeps every $ref local in the default series, and compiles each version", () => {
    for (const { version, schema } of asyncapiSpecVersions()) {
      expect(schema.$id, version).toBeUndefined();
      const nonLocal = refsOf(schema).filter((ref) => !ref.startsWith("#"));
      // The only others sit inside `examples` (AsyncAPI documents quoted as data), not schemas.
      expect(
        nonLocal.every((ref) => !ref.startsWith("http")),
        version,
      ).toBe(true);
      expect(() => validatorFor(schema, "draft-07"), version).not.toThrow();
    }
  });

  it("compiles the $id series once ajv's own draft-07 meta-schema is out of the way", () => {
    // These files bundle the draft-07 meta-schema under its official $id, which collides with the
    // copy every ajv instance carries (issue 11); an instance without meta-schemas shows the
    // documents themselves are sound.
    for (const { version, schema } of asyncapiSpecVersions({ withIds: true })) {
      expect(typeof schema.$id, version).toBe("string");
      const ajv = newAjv("draft-07", { meta: false, validateSchema: false });
      expect(() => ajv.compile(schema), version).not.toThrow();
    }
  });
});
