import { describe, expect, it } from "vitest";
import { AccordFailure } from "../../contracts/errors.js";
import { flag, parseSchemaId, parseSubject, parseVersion } from "../../registry/params.js";

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (err) {
    return err instanceof AccordFailure ? err.error.code : String(err);
  }
}

describe("registry path parameters", () => {
  it("accepts ordinary subject names and refuses hostile ones with a reason", () => {
    expect(parseSubject("orders-value")).toBe("orders-value");
    expect(parseSubject("é".repeat(255))).toBe("é".repeat(255));
    for (const bad of ["", "..", "a/b", "a\\b", "a\u0000", "a\u009fb", "x".repeat(256), " x", "__EMPTY"]) {
      expect(
        codeOf(() => parseSubject(bad)),
        JSON.stringify(bad),
      ).toBe("ACCORD_ERR_REGISTRY_SUBJECT_INVALID");
    }
    try {
      parseSubject("a\nb");
    } catch (err) {
      expect((err as AccordFailure).error.message).toBe(
        'Invalid subject "a\\nb": it contains a control character.',
      );
    }
  });

  it("reads versions the way Confluent does", () => {
    expect(parseVersion("latest")).toBe("latest");
    expect(parseVersion("-1")).toBe("latest");
    expect(parseVersion("1")).toBe(1);
    expect(parseVersion("2147483647")).toBe(2147483647);
    for (const bad of ["0", "2147483648", "-2", "1.0", "LATEST", "", "0x1"]) {
      expect(
        codeOf(() => parseVersion(bad)),
        bad,
      ).toBe("ACCORD_ERR_REGISTRY_VERSION_INVALID");
    }
  });

  it("reads schema ids as positive 32-bit integers, else not found", () => {
    expect(parseSchemaId("7")).toBe(7);
    expect(codeOf(() => parseSchemaId("x"))).toBe("ACCORD_ERR_REGISTRY_SCHEMA_NOT_FOUND");
  });

  it("reads boolean flags leniently", () => {
    expect([flag("true"), flag("TRUE"), flag("false"), flag("1"), flag(undefined)]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
