import type { DocsModel } from "../../contracts/docs/types.js";
import type { RenderedFile } from "../files.js";
import { renderAsyncApi } from "./asyncapi/render.js";
import type { DocsFormat } from "./formats.js";
import { renderHtmlSite } from "./html/site.js";
import { renderMarkdown } from "./markdown/render.js";

export type { RenderedFile } from "./files.js";

export { DOCS_FORMATS, type DocsFormat, ENTRY_FILE } from "./formats.js";

export function renderDocs(model: DocsModel, format: DocsFormat): RenderedFile[] {
  switch (format) {
    case "html":
      return renderHtmlSite(model);
    case "markdown":
      return renderMarkdown(model);
    case "asyncapi":
      return renderAsyncApi(model);
  }
}
