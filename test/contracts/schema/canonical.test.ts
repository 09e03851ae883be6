import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, fingerprint } from "../../../contracts/schema/canonical.js";
import type { Json } from "../../../contracts/schema/types.js";

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(out, key, {
      value: reversedKeys(value[key] as Json),
      enumerable: true,
      writable: true,
    });
  }
  return out;
}

describe("canonicalJson", () => {
  it("sorts keys recursively, keeps array order and drops whitespace", () => {
    const value = JSON.parse('{ "b": [3, 1, {"z": 1, "a": 2}], "a": { "d": null, "c": "x" } }') as Json;
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":null},"b":[3,1,{"a":2,"z":1}]}');
  });

  it("ignores key order", () => {
    const a = JSON.parse(
      '{"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"}}}',
    ) as Json;
    const b = JSON.parse(
      '{"properties":{"n":{"type":"integer"},"id":{"type":"string"}},"type":"object"}',
    ) as Json;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it("orders keys by UTF-16 code units, as RFC 8785 does", () => {
    const value = JSON.parse('{"é":1,"z":2,"Z":3,"😀":4,"\uff61":5}') as Json;
    expect(Object.keys(JSON.parse(canonicalJson(value)))).toEqual(["Z", "z", "é", "😀", "\uff61"]);
  });

  it("writes scalars as JSON does", () => {
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson(true)).toBe("true");
    expect(canonicalJson(1e21)).toBe("1e+21");
    expect(canonicalJson(0.1)).toBe("0.1");
    expect(canonicalJson('quote " and \n')).toBe('"quote \\" and \\n"');
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
  });

  it("keeps a __proto__ key as an ordinary key", () => {
    const value = JSON.parse('{"b":1,"__proto__":{"polluted":true}}') as Json;
    const text = canonicalJson(value);
    expect(text).toBe('{"__proto__":{"polluted":true},"b":1}');
    const back = JSON.parse(text) as Record<string, unknown>;
    expect(Object.hasOwn(back, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("round-trips through JSON.parse and is insensitive to key order (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const value = JSON.parse(JSON.stringify(raw)) as Json;
        expect(JSON.parse(canonicalJson(value))).toEqual(value);
        expect(canonicalJson(reversedKeys(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it("handles nesting far deeper than a recursive writer could", () => {
    let value: Json = "leaf";
    let expected = '"leaf"';
    for (let i = 0; i < 50_000; i++) {
      value = i % 2 ? [value] : { k: value };
      expected = i % 2 ? `[${expected}]` : `{"k":${expected}}`;
    }
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe("fingerprint", () => {
  it("is sha256 of the canonical text, stable across layouts", () => {
    const a = JSON.parse('{"type": "string", "maxLength": 5}') as Json;
    const b = JSON.parse('{\n  "maxLength": 5,\n  "type": "string"\n}') as Json;
    expect(fingerprint(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fingerprint(a)).toBe(fingerprint(b));
    // Pinned: the digest of '{"maxLength":5,"type":"string"}' must not drift between releases.
    expect(fingerprint(a)).toBe("sha256:5bc0e94ec37cfdd005cca7a10b71fc9f392bd6f542d10a718955017e76e85e8e");
  });

  it("differs when content differs", () => {
    expect(fingerprint({ type: "string" })).not.toBe(fingerprint({ type: "number" }));
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
  });
});
