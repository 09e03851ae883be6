import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Result } from "../../../contracts/errors.js";
import { findJsonSyntaxError } from "../../../contracts/schema/json-text.js";
import { type ParsedText, parseSchemaText } from "../../../contracts/schema/parse.js";

function parsed(text: string, source = "s.yaml"): ParsedText {
  const result = parseSchemaText(text, source);
  if (!result.ok) throw new Error(`expected a parse, got ${result.error.message}`);
  return result.value;
}

function failure(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

describe("JSON syntax errors", () => {
  it.each([
    [
      "a trailing comma",
      '{\n  "type": "object",\n  "properties": {\n    "id": { "type": "string" },\n  }\n}',
      4,
      31,
      "trailing comma before '}'",
    ],
    [
      "a missing comma",
      '{\n  "a": 1\n  "b": 2\n}',
      3,
      3,
      "expected ',' or '}' after a property value, found '\"'",
    ],
    ["a missing colon", '{\n  "a" 1\n}', 2, 7, "expected ':' after a property name, found '1'"],
    ["an unterminated string", '{"a": "abc', 1, 7, "unterminated string"],
    ["a line break inside a string", '{"a": "ab\ncd"}', 1, 10, "unescaped line break in string"],
    ["an early end", '{"a": ', 1, 7, "unexpected end of input, expected a value"],
    [
      "single quotes",
      "{'a': 1}",
      1,
      2,
      "expected a property name in double quotes, found ''' (JSON strings use double quotes)",
    ],
    [
      "a bare word",
      '{"a": yes}',
      1,
      7,
      "unexpected word 'yes', expected a value (JSON strings use double quotes)",
    ],
    ["a leading zero", "[01]", 1, 2, "numbers cannot have leading zeros"],
    ["a bad escape", '["a\\qb"]', 1, 4, "invalid escape sequence '\\q' in string"],
    ["text after the value", "{}\n  x", 2, 3, "unexpected 'x' after the end of the JSON value"],
    ["a trailing comma in an array", "[1, 2,]", 1, 6, "trailing comma before ']'"],
    [
      "CRLF line ends",
      '{\r\n  "a": 1\r\n  "b": 2\r\n}',
      3,
      3,
      "expected ',' or '}' after a property value, found '\"'",
    ],
  ])("reports %s at its exact line and column", (_name, text, line, column, reason) => {
    const error = failure(parseSchemaText(text, "orders/v2.json"));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_PARSE");
    expect(error.message).toBe(`orders/v2.json:${line}:${column}: ${reason}`);
    expect(error.location).toEqual({ file: "orders/v2.json", line, column });
  });

  it("does not count a byte order mark as a column", () => {
    const error = failure(parseSchemaText('\ufeff{"a" 1}', "bom.json"));
    expect(error.message).toBe("bom.json:1:6: expected ':' after a property name, found '1'");
  });

  it("agrees with JSON.parse on what is valid (property)", () => {
    const jsonish = fc
      .array(fc.constantFrom(...'{}[],:"01-.e+tfnrul \\\n\tab'.split("")), { maxLength: 24 })
      .map((chars) => chars.join(""));
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom("", ",", "}", "]", '"', ":", "\\", "0"))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + 1);
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), jsonish, mutated), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("YAML syntax errors", () => {
  it.each([
    [
      "inconsistent indentation",
      "a:\n  b: 1\n c: 2\n",
      3,
      1,
      "all mapping items must start at the same column",
    ],
    ["a tab used for indentation", "\tfoo: 1\n", 1, 1, "tabs are not allowed as indentation"],
    ["a compact nested mapping", "a: b: c\n", 1, 4, "nested mappings are not allowed in compact mappings"],
  ])("reports %s with yaml's line and column", (_name, text, line, column, reason) => {
    const error = failure(parseSchemaText(text, "orders/v2.yaml"));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_PARSE");
    expect(error.message).toBe(`orders/v2.yaml:${line}:${column}: ${reason}`);
    expect(error.location).toMatchObject({ file: "orders/v2.yaml", line, column });
  });

  it("rejects duplicate keys at the second occurrence", () => {
    const text = "type: object\nproperties:\n  id: {type: string}\n  id: {type: number}\n";
    const error = failure(parseSchemaText(text, "o.yaml"));
    expect(error.message).toBe("o.yaml:4:3: map keys must be unique");
  });

  it("rejects a second document", () => {
    const error = failure(parseSchemaText("type: object\n---\ntype: string\n", "o.yaml"));
    expect(error.message).toBe("o.yaml:2:1: a schema file holds one YAML document; this is a second");
  });

  it("accepts one document with explicit markers", () => {
    expect(parsed("---\ntype: object\n...\n").value).toEqual({ type: "object" });
  });
});

describe("YAML to JSON data", () => {
  it("parses plain YAML into plain objects", () => {
    const result = parsed(
      "type: object\nrequired: [id]\nproperties:\n  id:\n    type: string\n    maxLength: 3\n",
    );
    expect(result.format).toBe("yaml");
    expect(result.value).toEqual({
      type: "object",
      required: ["id"],
      properties: { id: { type: "string", maxLength: 3 } },
    });
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });

  it("keeps __proto__ an ordinary key and pollutes nothing", () => {
    const { value } = parsed("__proto__:\n  polluted: true\nb: 1\n");
    const object = value as Record<string, unknown>;
    expect(Object.hasOwn(object, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(object.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(value)).toBe('{"__proto__":{"polluted":true},"b":1}');
  });

  it("writes non-string keys as they were written", () => {
    expect(parsed("1: a\ntrue: b\n1.50: c\n0x10: d\n").value).toEqual({
      "1": "a",
      true: "b",
      "1.50": "c",
      "0x10": "d",
    });
  });

  it("expands aliases into independent copies", () => {
    const { value } = parsed("defs: &s {type: string}\nprops: {a: *s, b: *s}\n");
    const props = (value as { props: Record<string, unknown> }).props;
    expect(props.a).toEqual({ type: "string" });
    expect(props.a).not.toBe(props.b);
  });

  it.each([
    ["NaN", "a: .nan\n", 1, 4, ".nan is not a JSON number"],
    ["infinity", "a: -.inf\n", 1, 4, "-.inf is not a JSON number"],
    ["binary data", "a: !!binary aGVsbG8=\n", 1, 13, "YAML tag !!binary is not supported in a schema"],
    ["a custom tag", "a: !money 12\n", 1, 11, "YAML tag !money is not supported in a schema"],
    ["a set", "a: !!set {x}\n", 1, 10, "YAML tag !!set is not supported in a schema"],
    [
      "a YAML 1.1 timestamp",
      "%YAML 1.1\n---\na: 2001-12-14\n",
      3,
      4,
      "this YAML value has no JSON equivalent",
    ],
    [
      "a YAML 1.1 merge key",
      "%YAML 1.1\n---\nbase: &b {x: 1}\nc:\n  <<: *b\n",
      5,
      3,
      "YAML merge keys (<<) are not supported; write the keys out",
    ],
    ["a collection as a key", "? [a, b]\n: c\n", 1, 3, "mapping keys must be strings or other scalars"],
    ["an alias to its own container", "a: &x\n  b: *x\n", 2, 6, "alias *x refers to a node that contains it"],
    ["an alias without anchor", "a: *nowhere\n", 1, 4, "alias *nowhere has no anchor &nowhere before it"],
  ])("rejects %s", (_name, text, line, column, reason) => {
    const error = failure(parseSchemaText(text, "d.yaml"));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_PARSE");
    expect(error.message).toBe(`d.yaml:${line}:${column}: ${reason}`);
  });

  it("refuses an alias bomb quickly instead of expanding it", () => {
    const lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
    }
    const started = Date.now();
    const error = failure(parseSchemaText(lines.join("\n"), "bomb.yaml"));
    expect(error.message).toContain("YAML aliases expand to more than 100000 nodes");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reads JSON-looking YAML (a flow mapping) when the file is not .json", () => {
    expect(parsed("{type: object, required: [id]}", "o.yaml").value).toEqual({
      type: "object",
      required: ["id"],
    });
    const error = failure(parseSchemaText("{type: object}", "o.json"));
    expect(error.message).toBe("o.json:1:2: expected a property name in double quotes, found 't'");
  });

  it("reports an empty file", () => {
    expect(failure(parseSchemaText(" \n", "e.yaml")).message).toBe("e.yaml:1:1: the file is empty");
  });
});

describe("nesting limit", () => {
  it("refuses 1,000 levels of JSON with a position, without throwing", () => {
    const text = `${'{"a":'.repeat(1000)}1${"}".repeat(1000)}`;
    const error = failure(parseSchemaText(text, "deep.json"));
    expect(error.code).toBe("ACCORD_ERR_SCHEMA_TOO_DEEP");
    expect(error.message).toBe(
      "deep.json:1:1281: objects and arrays nest more than 256 levels deep here; Accord refuses such input",
    );
    expect(error.location?.pointer).toBe(`#${"/a".repeat(256)}`);
  });

  it("refuses 1,000 levels of block YAML and 100,000 of flow YAML before yaml recurses", () => {
    let block = "";
    for (let i = 0; i < 1000; i++) block += `${" ".repeat(i)}a:\n`;
    expect(failure(parseSchemaText(block, "deep.yaml")).message).toBe(
      "deep.yaml:257:257: objects and arrays nest more than 256 levels deep here; Accord refuses such input",
    );
    const flow = `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(failure(parseSchemaText(flow, "flow.yaml")).code).toBe("ACCORD_ERR_SCHEMA_TOO_DEEP");
  });

  it("reports the first place in the document that is too deep", () => {
    const text = `a: ${"[".repeat(300)}${"]".repeat(300)}\nb: ${"[".repeat(400)}${"]".repeat(400)}\n`;
    // The root mapping is level 1, so the 256th bracket of line 1 opens level 257.
    expect(failure(parseSchemaText(text, "two.yaml")).message).toMatch(/^two\.yaml:1:259: /);
  });

  it("refuses aliases that nest deeper than the limit though the text does not", () => {
    const lines = ["l0: &l0 [1]"];
    for (let i = 1; i < 300; i++) lines.push(`l${i}: &l${i} [*l${i - 1}]`);
    expect(failure(parseSchemaText(lines.join("\n"), "a.yaml")).code).toBe("ACCORD_ERR_SCHEMA_TOO_DEEP");
  });

  it("accepts nesting up to the limit", () => {
    const text = `${"[".repeat(256)}${"]".repeat(256)}`;
    expect(parsed(text, "ok.json").format).toBe("json");
    expect(parsed(`a: ${"[".repeat(255)}${"]".repeat(255)}`, "ok.yaml").format).toBe("yaml");
  });
});

describe("locate", () => {
  const json =
    '{\n  "type": "object",\n  "properties": {\n    "a~b/c": { "type": "string" },\n    "list": [1, {"x": null}],\n    "esc\\u0041": true\n  }\n}';

  it("finds nodes in JSON text by pointer", () => {
    const { locate } = parsed(json, "j.json");
    expect(locate("#")).toEqual({ line: 1, column: 1 });
    expect(locate("#/type")).toEqual({ line: 2, column: 11 });
    expect(locate("#/properties/a~0b~1c/type")).toEqual({ line: 4, column: 24 });
    expect(locate("#/properties/list/1/x")).toEqual({ line: 5, column: 23 });
    expect(locate("/properties/escA")).toEqual({ line: 6, column: 18 });
    expect(locate("#/properties/nope")).toBeUndefined();
    expect(locate("#/properties/list/2")).toBeUndefined();
    expect(locate("#/type/deeper")).toBeUndefined();
  });

  it("points at the last of duplicate JSON keys, the one JSON.parse keeps", () => {
    const { locate, value } = parsed('{"a": 1,\n "a": 2}', "d.json");
    expect(value).toEqual({ a: 2 });
    expect(locate("#/a")).toEqual({ line: 2, column: 7 });
  });

  it("finds nodes in YAML by pointer, through aliases, and keys whose value is empty", () => {
    const { locate } = parsed(
      "v: &v {deep: 1}\ntype: object\nproperties:\n  id:\n    type: string\n  list:\n    - 1\n    - x: *v\n  empty:\n",
    );
    expect(locate("#")).toEqual({ line: 1, column: 1 });
    expect(locate("#/properties/id/type")).toEqual({ line: 5, column: 11 });
    expect(locate("#/properties/list/1/x")).toEqual({ line: 8, column: 10 });
    expect(locate("#/properties/list/1/x/deep")).toEqual({ line: 1, column: 14 });
    expect(locate("#/properties/empty")).toEqual({ line: 9, column: 3 });
    expect(locate("#/properties/missing")).toBeUndefined();
    expect(locate("not a pointer")).toBeUndefined();
  });
});
