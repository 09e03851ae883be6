import { describe, expect, it } from "vitest";
import { draftFromSchemaUri } from "../../../contracts/schema/draft.js";
import { loadSchema, loadSchemaValue } from "../../../contracts/schema/load.js";
import type { Draft } from "../../../contracts/schema/types.js";

function loaded(text: string, source = "s.json", options = {}) {
  const result = loadSchema(text, source, options);
  if (!result.ok) throw new Error(`expected a schema, got ${result.error.message}`);
  return result.value;
}

describe("draft detection", () => {
  it.each<[string, Draft]>([
    ["http://json-schema.org/draft-07/schema#", "draft-07"],
    ["http://json-schema.org/draft-07/schema", "draft-07"],
    ["https://json-schema.org/draft-07/schema#", "draft-07"],
    ["https://json-schema.org/draft-07/schema", "draft-07"],
    ["https://json-schema.org/draft/2019-09/schema", "2019-09"],
    ["https://json-schema.org/draft/2019-09/schema#", "2019-09"],
    ["http://json-schema.org/draft/2019-09/schema", "2019-09"],
    ["https://json-schema.org/draft/2020-12/schema", "2020-12"],
    ["http://json-schema.org/draft/2020-12/schema#", "2020-12"],
  ])("reads %s as %s, and the document loads", (uri, draft) => {
    expect(draftFromSchemaUri(uri)).toBe(draft);
    // Loading runs ajv's meta-validation and compile, which only know one spelling per draft.
    const document = loaded(
      JSON.stringify({ $schema: uri, type: "object", properties: { id: { type: "string" } } }),
    );
    expect(document.draft).toBe(draft);
    expect(document.draftAssumed).toBe(false);
  });

  it("assumes draft-07 without $schema, and says so", () => {
    const document = loaded('{"type": "string"}');
    expect(document.draft).toBe("draft-07");
    expect(document.draftAssumed).toBe(true);
  });

  it("assumes the configured default draft", () => {
    const document = loaded("prefixItems: [{type: string}]\nitems: false\n", "s.yaml", {
      defaultDraft: "2020-12",
    });
    expect(document.draft).toBe("2020-12");
    expect(document.draftAssumed).toBe(true);
  });

  it("assumes the default for a boolean schema", () => {
    const result = loadSchemaValue(true, "subject v1", { defaultDraft: "2019-09" });
    expect(result.ok && result.value).toMatchObject({ root: true, draft: "2019-09", draftAssumed: true });
  });

  it("validates against the detected draft, not the default", () => {
    // An array under `items` is draft-07 tuple syntax and invalid in 2020-12.
    const tuple = '"items": [{"type": "string"}]';
    expect(loadSchema(`{${tuple}}`, "s.json").ok).toBe(true);
    const result = loadSchema(
      `{"$schema": "https://json-schema.org/draft/2020-12/schema", ${tuple}}`,
      "s.json",
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.location?.pointer).toBe("#/items");
  });

  it.each([
    "http://json-schema.org/draft-04/schema#",
    "http://json-schema.org/draft-06/schema#",
    "https://json-schema.org/draft/next/schema",
    "https://example.com/my-meta-schema",
    "",
  ])("rejects $schema %j as unsupported, at its position", (uri) => {
    const result = loadSchema(`{\n  "$schema": ${JSON.stringify(uri)},\n  "type": "object"\n}`, "old.json");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("ACCORD_ERR_SCHEMA_DRAFT_UNSUPPORTED");
    expect(result.error.message).toBe(
      `old.json:2:14: unsupported $schema "${uri}" (Accord reads draft-07, 2019-09 and 2020-12)`,
    );
    expect(result.error.location).toEqual({ file: "old.json", line: 2, column: 14, pointer: "#/$schema" });
  });

  it("rejects a $schema that is not a string", () => {
    const result = loadSchema("$schema: 7\ntype: object\n", "s.yaml");
    expect(!result.ok && result.error.code).toBe("ACCORD_ERR_SCHEMA_INVALID");
    expect(!result.ok && result.error.message).toBe(
      "s.yaml:1:10: #/$schema: must be a string (a meta-schema URI)",
    );
  });
});
