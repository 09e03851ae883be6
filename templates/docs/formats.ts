/** Output formats of `accord docs`, kept apart from the renderers so the command loads fast. */
export const DOCS_FORMATS = ["html", "markdown", "asyncapi"] as const;
export type DocsFormat = (typeof DOCS_FORMATS)[number];

/** The file a person opens first, per format. */
export const ENTRY_FILE: Readonly<Record<DocsFormat, string>> = {
  html: "index.html",
  markdown: "README.md",
  asyncapi: "asyncapi.json",
};
