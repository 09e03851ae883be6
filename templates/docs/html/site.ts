import { searchIndex } from "../../../contracts/docs/search.js";
import type { DocsModel } from "../../../contracts/docs/types.js";
import type { RenderedFile } from "../../files.js";
import { SEARCH_JS } from "./assets/search-script.js";
import { SITE_JS } from "./assets/site-script.js";
import { STYLE_CSS } from "./assets/style.js";
import { graphPage } from "./graph-page.js";
import { indexPage } from "./index-page.js";
import { servicesPage } from "./services-page.js";
import { subjectPages } from "./subject-page.js";

/**
 * The static site: an index, one page per subject (with the details of its large versions in files
 * of their own), the map, the services, and four assets. No page embeds the whole catalog; only
 * the search index (one compact script) spans it. Files are made one subject at a time as they
 * are taken, so a writer can put each away before the next is rendered.
 */
export function* htmlSiteFiles(model: DocsModel): Generator<RenderedFile> {
  yield { path: "index.html", content: indexPage(model) };
  yield { path: "graph.html", content: graphPage(model) };
  yield { path: "services.html", content: servicesPage(model) };
  yield { path: "assets/style.css", content: STYLE_CSS };
  yield { path: "assets/site.js", content: SITE_JS };
  yield { path: "assets/search.js", content: SEARCH_JS };
  yield {
    path: "assets/search-index.js",
    content: `window.ACCORD_SEARCH = ${JSON.stringify(searchIndex(model))};\n`,
  };
  for (let index = 0; index < model.subjects.length; index++) yield* subjectPages(model, index);
}

/** The whole site at once (tests, small catalogs). */
export function renderHtmlSite(model: DocsModel): RenderedFile[] {
  return [...htmlSiteFiles(model)];
}
