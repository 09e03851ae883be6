import { afterEach, describe, expect, it, vi } from "vitest";
import type { Result } from "../../../contracts/errors.js";
import { loadSchema } from "../../../contracts/schema/load.js";
import { indexRefs } from "../../../contracts/schema/refs.js";
import type { Draft, Json } from "../../../contracts/schema/types.js";

const S2020 = "https://json-schema.org/draft/2020-12/schema";
const S2019 = "https://json-schema.org/draft/2019-09/schema";

function failure(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

function load(value: Json, source = "s.json") {
  return loadSchema(JSON.stringify(value, null, 2), source);
}

function targets(root: Json, draft: Draft = "2020-12"): Record<string, string> {
  const result = indexRefs(root, draft, { source: "t" });
  if (!result.ok) throw new Error(result.error.message);
  return Object.fromEntries(result.value.map((ref) => [ref.pointer, ref.target]));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("remote references are refused", () => {
  it.each([
    ["an https URL", "https://example.com/schemas/address.json"],
    ["an http URL with a fragment", "http://example.com/a.json#/definitions/x"],
    ["a file URL", "file:///etc/passwd"],
    ["an undeclared URN", "urn:example:undeclared"],
    ["a relative path with a fragment", "common.json#/definitions/x"],
    ["a relative path upwards", "../shared/money.yaml"],
    ["a network-path reference", "//example.com/x.json"],
  ])("%s, naming the ref, its pointer and its line", (_kind, ref) => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const text = `type: object\nproperties:\n  address:\n    $ref: '${ref}'\n`;
    const error = failure(loadSchema(text, "orders/v2.yaml"));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_REMOTE_REF");
    expect(error.message).toBe(
      `orders/v2.yaml:4:11: $ref "${ref}" at #/properties/address/$ref points outside this schema; Accord never fetches remote references`,
    );
    expect(error.location).toEqual({
      file: "orders/v2.yaml",
      line: 4,
      column: 11,
      pointer: "#/properties/address/$ref",
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("refuses a remote $dynamicRef and a remote ref inside an embedded resource", () => {
    const dynamic = { $schema: S2020, $dynamicRef: "https://example.com/meta#node" };
    expect(failure(load(dynamic)).code).toBe("ACCORD_ERR_SCHEMA_REMOTE_REF");
    const embedded = {
      $id: "https://example.com/order.json",
      $defs: { money: { $id: "money.json", $ref: "currency.json" } },
    };
    expect(failure(load(embedded)).message).toContain(
      '$ref "currency.json" at #/$defs/money/$ref points outside',
    );
  });

  it("checks refs inside unknown keywords too, since something might read them", () => {
    const error = failure(
      load({ type: "object", "x-ui": { widget: { $ref: "https://example.com/widget.json" } } }),
    );
    expect(error.location?.pointer).toBe("#/x-ui/widget/$ref");
  });

  it("keeps a hostile ref short and on one line in the message", () => {
    const ref = `https://example.com/${"x".repeat(1_000_000)}\nnext`;
    const error = failure(load({ $ref: ref }));
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).not.toContain("\n");
  });
});

describe("local references that lead nowhere", () => {
  it.each([
    ["a missing definition", "#/definitions/missing"],
    ["a missing property", "#/properties/a/properties/nope"],
    ["a missing anchor", "#nope"],
    ["a pointer at a non-schema value", "#/properties/a/type"],
    ["a malformed pointer", "#/properties/~2"],
    ["an array index out of range", "#/allOf/3"],
  ])("%s is unresolved, at its pointer and line", (_kind, ref) => {
    const text = `{\n  "allOf": [{}],\n  "properties": {\n    "a": {"type": "object"},\n    "b": {"$ref": ${JSON.stringify(ref)}}\n  }\n}`;
    const error = failure(loadSchema(text, "u.json"));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_REF_UNRESOLVED");
    expect(error.message).toBe(
      `u.json:5:19: $ref "${ref}" at #/properties/b/$ref does not resolve to anything in this schema`,
    );
  });

  it("does not take a draft-07 document's $anchor as an anchor (draft-07 has none)", () => {
    const error = failure(load({ definitions: { a: { $anchor: "a" } }, $ref: "#a" }));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_REF_UNRESOLVED");
  });
});

describe("local references that resolve", () => {
  it("resolves pointers, escaped and percent-encoded tokens", () => {
    const root = {
      definitions: { "a/b": { type: "string" }, "c d": { type: "number" } },
      properties: {
        x: { $ref: "#/definitions/a~1b" },
        y: { $ref: "#/definitions/c%20d" },
        z: { $ref: "#" },
        w: { $ref: "" },
      },
    };
    expect(targets(root, "draft-07")).toEqual({
      "#/properties/x/$ref": "#/definitions/a~1b",
      "#/properties/y/$ref": "#/definitions/c%20d",
      "#/properties/z/$ref": "#",
      "#/properties/w/$ref": "#",
    });
    expect(load(root).ok).toBe(true);
  });

  it.each<[string, Json]>([
    [
      "2020-12 $anchor",
      { $schema: S2020, $defs: { addr: { $anchor: "addr", type: "object" } }, $ref: "#addr" },
    ],
    [
      "2019-09 $anchor",
      { $schema: S2019, $defs: { addr: { $anchor: "addr", type: "object" } }, $ref: "#addr" },
    ],
    ["draft-07 $id anchor", { definitions: { addr: { $id: "#addr", type: "object" } }, $ref: "#addr" }],
  ])("resolves a %s", (_kind, root) => {
    const result = load(root);
    expect(result.ok).toBe(true);
  });

  it("resolves refs through the root $id, absolute or relative", () => {
    const root = {
      $schema: S2020,
      $id: "https://example.com/schemas/order.json",
      $defs: { money: { type: "number" } },
      properties: {
        total: { $ref: "https://example.com/schemas/order.json#/$defs/money" },
        tax: { $ref: "order.json#/$defs/money" },
        self: { $ref: "https://example.com/schemas/order.json" },
      },
    };
    expect(targets(root)).toEqual({
      "#/properties/total/$ref": "#/$defs/money",
      "#/properties/tax/$ref": "#/$defs/money",
      "#/properties/self/$ref": "#",
    });
    expect(load(root).ok).toBe(true);
  });

  it("resolves refs into embedded resources, relative to the right base", () => {
    const root = {
      $schema: S2020,
      $id: "https://example.com/schemas/order.json",
      $defs: {
        money: {
          $id: "types/money.json",
          type: "object",
          properties: { currency: { $ref: "#/$defs/code" } },
          $defs: { code: { $anchor: "code", type: "string", pattern: "^[A-Z]{3}$" } },
        },
      },
      properties: {
        total: { $ref: "types/money.json" },
        currency: { $ref: "https://example.com/schemas/types/money.json#code" },
        code: { $ref: "types/money.json#/$defs/code" },
      },
    };
    expect(targets(root)).toEqual({
      "#/$defs/money/properties/currency/$ref": "#/$defs/money/$defs/code",
      "#/properties/total/$ref": "#/$defs/money",
      "#/properties/currency/$ref": "#/$defs/money/$defs/code",
      "#/properties/code/$ref": "#/$defs/money/$defs/code",
    });
    expect(load(root).ok).toBe(true);
  });

  it("resolves a URN root $id", () => {
    const root = {
      $id: "urn:example:order",
      definitions: { x: { type: "string" } },
      $ref: "urn:example:order#/definitions/x",
    };
    expect(targets(root, "draft-07")).toEqual({ "#/$ref": "#/definitions/x" });
    expect(load(root).ok).toBe(true);
  });

  it("accepts recursive schemas, and the walk ends", () => {
    const tree = {
      $schema: S2020,
      type: "object",
      properties: { children: { type: "array", items: { $ref: "#" } }, next: { $ref: "#/$defs/node" } },
      $defs: { node: { type: "object", properties: { next: { $ref: "#/$defs/node" } } } },
    };
    expect(load(tree).ok).toBe(true);
  });

  it("accepts $dynamicRef and $recursiveRef with local targets", () => {
    const dynamic = {
      $schema: S2020,
      $dynamicAnchor: "node",
      type: "object",
      properties: { kids: { type: "array", items: { $dynamicRef: "#node" } } },
    };
    expect(targets(dynamic)).toEqual({ "#/properties/kids/items/$dynamicRef": "#" });
    expect(load(dynamic).ok).toBe(true);
    const recursive = {
      $schema: S2019,
      $recursiveAnchor: true,
      type: "object",
      properties: { kids: { type: "array", items: { $recursiveRef: "#" } } },
    };
    expect(targets(recursive, "2019-09")).toEqual({ "#/properties/kids/items/$recursiveRef": "#" });
    expect(load(recursive).ok).toBe(true);
  });
});

describe("what is not a reference", () => {
  it("a property named $ref", () => {
    const root = {
      type: "object",
      properties: { $ref: { type: "string" } },
      patternProperties: { "^\\$ref$": { type: "string" } },
      definitions: { $ref: { type: "string" } },
      required: ["$ref"],
    };
    expect(targets(root, "draft-07")).toEqual({});
    expect(load(root).ok).toBe(true);
  });

  it("a $ref inside data: enum, const, default and examples", () => {
    const data = { $ref: "https://example.com/not-a-ref" };
    const root = { type: "object", enum: [data], const: data, default: data, examples: [data] };
    expect(targets(root, "draft-07")).toEqual({});
    expect(load(root).ok).toBe(true);
  });

  it("a map named like a schema map inside an unknown keyword", () => {
    const root = { "x-ui": { properties: { $ref: "https://example.com/only-a-name" } } };
    expect(targets(root, "draft-07")).toEqual({});
  });
});

describe("identifiers and anchors must be unique", () => {
  it("rejects two resources with the same $id", () => {
    const root = {
      $schema: S2020,
      $defs: { a: { $id: "https://example.com/x.json" }, b: { $id: "https://example.com/x.json" } },
    };
    const error = failure(load(root));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_INVALID");
    expect(error.message).toBe(
      's.json:8:14: #/$defs/b/$id: $id "https://example.com/x.json" names the same resource as the schema at #/$defs/a',
    );
  });

  it("rejects an anchor defined twice in one resource", () => {
    const root = { $schema: S2020, $defs: { a: { $anchor: "x" }, b: { $anchor: "x" } } };
    expect(failure(load(root)).message).toContain(
      '#/$defs/b/$anchor: anchor "x" is already defined at #/$defs/a',
    );
  });
});
