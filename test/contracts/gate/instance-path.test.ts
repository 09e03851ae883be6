import { describe, expect, it } from "vitest";
import { breakingInstancePath } from "../../../contracts/gate/instance-path.js";
import type { Json } from "../../../contracts/schema/types.js";

const event: Json = {
  action: "opened",
  issue: { number: 1, user: { login: "octocat", type: "User" }, labels: [{ name: "bug" }] },
  sender: { login: "hubot", type: "Bot" },
};

const at = (newPath: string, oldPath = newPath, extra: { at?: unknown } = {}) =>
  breakingInstancePath({ newPath, oldPath, ...extra }, event);

describe("breakingInstancePath", () => {
  it("uses the engine's `at` when it gives one", () => {
    expect(at("#/properties/issue", "#/properties/issue", { at: "/sender/type" })).toBe("/sender/type");
  });

  it("follows properties and items from the root, ignoring combinators and the changed keyword", () => {
    expect(at("#/properties/issue/properties/user/properties/type/enum")).toBe("/issue/user/type");
    expect(at("#/allOf/1/properties/issue/properties/labels/items/properties/name/maxLength")).toBe(
      "/issue/labels/0/name",
    );
  });

  it("finds where a definition is used in the event, outermost first", () => {
    expect(at("#/definitions/user/properties/type/enum")).toBe("/sender/type");
    expect(at("#/definitions/label/properties/name/type")).toBe("/issue/labels/0/name");
  });

  it("stops at the deepest place that exists, and at the event itself when nothing does", () => {
    expect(at("#/properties/issue/properties/milestone/properties/title")).toBe("/issue");
    expect(at("#/required")).toBe("");
    expect(at("#/definitions/user/required")).toBe("");
  });
});
