import type { DocsModel } from "../../contracts/docs/types.js";
import type { RenderedFile } from "../files.js";
import { renderAsyncApi } from "./asyncapi/render.js";
import type { DocsFormat } from "./formats.js";
import { htmlSiteFiles } from "./html/site.js";
import { renderMarkdown } from "./markdown/render.js";

export type { RenderedFile } from "./files.js";

export { DOCS_FORMATS, type DocsFormat, ENTRY_FILE } from "./formats.js";

/** The files of a format, made as they are taken (the HTML site one subject at a time). */
export function docsFiles(model: DocsModel, format: DocsFormat): Iterable<RenderedFile> {
  switch (format) {
    case "html":
      return htmlSiteFiles(model);
    case "markdown":
      return renderMarkdown(model);
    case "asyncapi":
      return renderAsyncApi(model);
  }
}
