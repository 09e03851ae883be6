import { describe, expect, it } from "vitest";
import { resolveGenerateSettings } from "../../../contracts/codegen/config.js";

function settings(text: string | undefined, flags = {}) {
  const result = resolveGenerateSettings(text, "accord.yaml", flags);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function failure(text: string | undefined, flags = {}) {
  const result = resolveGenerateSettings(text, "accord.yaml", flags);
  if (result.ok) throw new Error("expected a failure");
  return result.error;
}

describe("generate settings", () => {
  it("reads the generate section with defaults filled in", () => {
    const value = settings("generate:\n  catalog: ../contracts\n");
    expect(value).toEqual({
      source: { kind: "catalog", dir: { path: "../contracts", relativeTo: "config" } },
      subjects: ["*"],
      out: { path: "src/generated/accord", relativeTo: "cwd" },
      wire: "confluent",
      module: "esm",
      names: {},
    });
  });

  it("takes a registry beside a catalog as the place ids are looked up", () => {
    const value = settings(
      [
        "generate:",
        "  catalog: ../contracts",
        "  ref: v3",
        "  registry: http://localhost:8081",
        "  subjects: order-*",
        "  out: src/events",
        "  wire: json",
        "  module: cjs",
        "  names: { order-placed: Ordered }",
      ].join("\n"),
    );
    expect(value).toMatchObject({
      source: { kind: "catalog", ref: "v3" },
      lookupRegistry: "http://localhost:8081",
      subjects: ["order-*"],
      out: { path: "src/events", relativeTo: "config" },
      wire: "json",
      module: "cjs",
      names: { "order-placed": "Ordered" },
    });
  });

  it("takes a registry alone as the source, and git in both spellings", () => {
    expect(settings(undefined, { registry: "http://r" }).source).toEqual({
      kind: "registry",
      url: "http://r",
    });
    expect(settings("generate:\n  git: https://x/y.git\n").source).toEqual({
      kind: "git",
      url: "https://x/y.git",
      path: "",
    });
    expect(
      settings("generate:\n  git: { url: https://x/y.git, ref: main, path: /catalog/ }\n").source,
    ).toEqual({
      kind: "git",
      url: "https://x/y.git",
      ref: "main",
      path: "catalog",
    });
  });

  it("lets flags override the file, key by key, with flag paths relative to the working directory", () => {
    const value = settings("generate:\n  catalog: ../contracts\n  wire: json\n  subjects: [a]\n", {
      catalog: "other",
      subjects: ["b", "c"],
      out: "gen",
    });
    expect(value.source).toEqual({ kind: "catalog", dir: { path: "other", relativeTo: "cwd" } });
    expect(value.subjects).toEqual(["b", "c"]);
    expect(value.wire).toBe("json");
    expect(value.out).toEqual({ path: "gen", relativeTo: "cwd" });
  });

  it("needs a source", () => {
    expect(failure(undefined).message).toMatch(/no source: set generate\.catalog/);
    expect(failure("lint: {}\n").code).toBe("ACCORD_ERR_GENERATE_CONFIG_INVALID");
  });

  it.each([
    [
      "generate:\n  catalog: x\n  wire: avro\n",
      /^accord\.yaml:3:9: generate\.wire: must be one of confluent, json/,
    ],
    ["generate:\n  catalgo: x\n", /^accord\.yaml:2:12: generate\.catalgo: unknown key \(known: catalog,/],
    [
      "generate:\n  catalog: x\n  names: { a: lower }\n",
      /generate\.names\.a: must be a TypeScript identifier/,
    ],
    ["generate:\n  catalog: x\n  subjects: []\n", /generate\.subjects: must be a pattern/],
    ["generate:\n  catalog: x\n  git: https://y\n", /either a catalog folder or a git URL/],
    ["generate:\n  git: { url: u, branch: b }\n", /generate\.git: unknown key "branch"/],
  ])("points at the bad setting in %j", (text, message) => {
    expect(failure(text).message).toMatch(message);
  });
});
