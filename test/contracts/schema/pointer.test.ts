import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapePointerToken,
  joinPointer,
  parsePointer,
  pointerFromTokens,
  resolvePointer,
  unescapePointerToken,
} from "../../../contracts/schema/pointer.js";
import type { Json } from "../../../contracts/schema/types.js";

describe("escapePointerToken", () => {
  it("escapes ~ before / so that the two never mix (RFC 6901 section 3)", () => {
    expect(escapePointerToken("a/b")).toBe("a~1b");
    expect(escapePointerToken("m~n")).toBe("m~0n");
    expect(escapePointerToken("~/")).toBe("~0~1");
    expect(escapePointerToken("~1")).toBe("~01");
  });

  it("unescapes ~1 before ~0, so ~01 is ~1 and not /", () => {
    expect(unescapePointerToken("~01")).toBe("~1");
    expect(unescapePointerToken("a~1b")).toBe("a/b");
    expect(unescapePointerToken("~2")).toBeUndefined();
    expect(unescapePointerToken("a~")).toBeUndefined();
  });
});

describe("joinPointer", () => {
  it("writes the # form from any base", () => {
    expect(joinPointer("#")).toBe("#");
    expect(joinPointer("#", "properties", "id")).toBe("#/properties/id");
    expect(joinPointer("", "a")).toBe("#/a");
    expect(joinPointer("/a", 0)).toBe("#/a/0");
    expect(joinPointer("#/properties", "a/b", "c~d")).toBe("#/properties/a~1b/c~0d");
  });

  it("percent-encodes what a URI fragment cannot hold, and keeps other scripts readable", () => {
    expect(joinPointer("#", "order id")).toBe("#/order%20id");
    expect(joinPointer("#", "100%")).toBe("#/100%25");
    expect(joinPointer("#", 'a"b#c')).toBe("#/a%22b%23c");
    expect(joinPointer("#", "größe")).toBe("#/größe");
  });
});

describe("resolvePointer", () => {
  const doc: Json = {
    properties: { "a/b": { type: "string" }, "m~n": 1, "order id": true, "": "empty" },
    items: [10, 20, { x: null }],
    "%25": "percent",
  };

  it("accepts the #, plain and root forms", () => {
    expect(resolvePointer(doc, "#")).toBe(doc);
    expect(resolvePointer(doc, "")).toBe(doc);
    expect(resolvePointer(doc, "#/items/1")).toBe(20);
    expect(resolvePointer(doc, "/items/2/x")).toBeNull();
    expect(resolvePointer(doc, "#/properties/a~1b/type")).toBe("string");
    expect(resolvePointer(doc, "/properties/m~0n")).toBe(1);
    expect(resolvePointer(doc, "/properties/")).toBe("empty");
  });

  it("percent-decodes the fragment form only", () => {
    expect(resolvePointer(doc, "#/properties/order%20id")).toBe(true);
    expect(resolvePointer(doc, "/properties/order id")).toBe(true);
    // In the plain form %25 is three characters; in the fragment form it is "%".
    expect(resolvePointer(doc, "/%25")).toBe("percent");
    expect(resolvePointer(doc, "#/%25")).toBeUndefined();
  });

  it("returns undefined for paths that lead nowhere or are malformed", () => {
    expect(resolvePointer(doc, "#/nope")).toBeUndefined();
    expect(resolvePointer(doc, "#/items/3")).toBeUndefined();
    expect(resolvePointer(doc, "#/items/01")).toBeUndefined();
    expect(resolvePointer(doc, "#/items/-")).toBeUndefined();
    expect(resolvePointer(doc, "#/items/1/deeper")).toBeUndefined();
    expect(resolvePointer(doc, "#anchor")).toBeUndefined();
    expect(resolvePointer(doc, "#/bad%zz")).toBeUndefined();
    expect(resolvePointer(doc, "#/properties/~2")).toBeUndefined();
  });

  it("never walks into inherited properties", () => {
    expect(resolvePointer({}, "#/constructor")).toBeUndefined();
    expect(resolvePointer({}, "#/__proto__")).toBeUndefined();
    expect(resolvePointer([], "#/length")).toBeUndefined();
    const own = JSON.parse('{"__proto__": {"x": 1}}') as Json;
    expect(resolvePointer(own, "#/__proto__/x")).toBe(1);
  });

  it("round-trips any tokens through join and parse", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme-composite" }), { maxLength: 6 }), (tokens) => {
        expect(parsePointer(pointerFromTokens(tokens))).toEqual(tokens);
      }),
    );
  });

  it("finds every value of a document at the pointer built from its path", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const json = JSON.parse(JSON.stringify(value)) as Json;
        const visit = (node: Json, path: (string | number)[]): void => {
          expect(resolvePointer(json, pointerFromTokens(path))).toBe(node);
          if (Array.isArray(node)) {
            for (const [i, item] of node.entries()) visit(item, [...path, i]);
          } else if (node !== null && typeof node === "object") {
            for (const [key, item] of Object.entries(node)) visit(item, [...path, key]);
          }
        };
        visit(json, []);
      }),
    );
  });
});
