import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST, STAGING, writeSite } from "../../../cli/docs/write-site.js";
import type { RenderedFile } from "../../../templates/docs/files.js";

function folder(): string {
  return mkdtempSync(join(tmpdir(), "accord-write-site-"));
}

describe("writing a rendered site", () => {
  it("puts each file away before the next is rendered, then moves them all into place", async () => {
    const out = folder();
    const seen: boolean[] = [];
    function* files(): Generator<RenderedFile> {
      yield { path: "index.html", content: "<p>index</p>" };
      // The first file is already on disk (staged) when the second is asked for.
      seen.push(existsSync(join(out, STAGING, "index.html")));
      yield { path: "subjects/a.html", content: "<p>a</p>" };
    }
    const summary = await writeSite(out, "html", files());
    expect(seen).toEqual([true]);
    expect(summary).toEqual({ written: 2, removed: 0 });
    expect(readFileSync(join(out, "subjects/a.html"), "utf8")).toBe("<p>a</p>");
    expect(existsSync(join(out, STAGING))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, MANIFEST), "utf8")).formats.html).toEqual([
      "index.html",
      "subjects/a.html",
    ]);
    // A later build without a.html removes it, and only it.
    writeFileSync(join(out, "notes.txt"), "mine");
    expect(await writeSite(out, "html", [{ path: "index.html", content: "<p>2</p>" }])).toEqual({
      written: 1,
      removed: 1,
    });
    expect(existsSync(join(out, "subjects/a.html"))).toBe(false);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
  });

  it("leaves the folder as it was when a file would overwrite one Accord did not write", async () => {
    const out = folder();
    writeFileSync(join(out, "graph.html"), "someone else's");
    const files = [
      { path: "index.html", content: "new" },
      { path: "graph.html", content: "new" },
    ];
    await expect(writeSite(out, "html", files)).rejects.toMatchObject({
      error: { code: "ACCORD_ERR_DOCS_OUTPUT_FOREIGN" },
    });
    expect(readdirSync(out)).toEqual(["graph.html"]);
    expect(readFileSync(join(out, "graph.html"), "utf8")).toBe("someone else's");
  });

  it("leaves the folder as it was when rendering fails half-way", async () => {
    const out = folder();
    function* files(): Generator<RenderedFile> {
      yield { path: "index.html", content: "new" };
      throw new Error("renderer failed");
    }
    await expect(writeSite(out, "html", files())).rejects.toThrow("renderer failed");
    expect(readdirSync(out)).toEqual([]);
  });
});
