import { describe, expect, it } from "vitest";
import {
  mapVersions,
  ruleIdsIn,
  sameJson,
  serverMessage,
  subjectFolder,
  unsafeSubjectFolder,
} from "../../../contracts/registry-sync/plan.js";

describe("registry-sync planning", () => {
  it("accepts ordinary subject names as folders", () => {
    for (const name of ["orders-value", "com.acme.OrderPlaced", "order_placed v2"]) {
      expect(unsafeSubjectFolder(name)).toBeUndefined();
    }
  });

  it("refuses names that read as paths or hide characters", () => {
    for (const name of [
      "",
      ".",
      "..",
      "a/b",
      "a\\b",
      "a..b",
      "x\u0000y",
      "x\u0085y",
      ".hidden",
      " pad",
      "a:b",
    ]) {
      expect(unsafeSubjectFolder(name), JSON.stringify(name)).toBeTypeOf("string");
    }
  });

  it("gives a subject in a schema context a folder of its own that keeps the qualified name", () => {
    expect(subjectFolder("orders-value")).toEqual({ folder: "orders-value" });
    expect(subjectFolder(":.eu:orders-value")).toEqual({
      folder: "eu~orders-value",
      registrySubject: ":.eu:orders-value",
    });
    expect(subjectFolder(":.eu.west:orders")).toEqual({
      folder: "eu.west~orders",
      registrySubject: ":.eu.west:orders",
    });
    // The default context's qualified form is the plain name.
    expect(subjectFolder(":.:orders-value")).toEqual({ folder: "orders-value" });
    for (const name of [":.eu:", ":.eu", ":.e~u:orders", ":.eu:a/b", ":.eu:..x", "a:b"]) {
      expect(subjectFolder(name), name).toHaveProperty("reason");
    }
  });

  it("renumbers registry versions 1..n only when they have gaps", () => {
    expect(mapVersions([1, 2, 3])).toEqual({
      versions: [
        { registryVersion: 1, version: 1 },
        { registryVersion: 2, version: 2 },
        { registryVersion: 3, version: 3 },
      ],
      renumbered: false,
    });
    expect(mapVersions([4, 1])).toEqual({
      versions: [
        { registryVersion: 1, version: 1 },
        { registryVersion: 4, version: 2 },
      ],
      renumbered: true,
    });
  });

  it("reads rule ids and the server's own message from a 409", () => {
    const message =
      'Schema being registered is incompatible with an earlier schema for subject "s" (BACKWARD, incompatible): [enum-value-removed] #/x: gone; [type-narrowed] #/y: narrower (POST /subjects/s/versions: HTTP 409)';
    expect(ruleIdsIn(message)).toEqual(["enum-value-removed", "type-narrowed"]);
    expect(serverMessage(message)).toMatch(/narrower$/);
  });

  it("compares parsed JSON regardless of key order", () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});
