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
 * the search index (one compact script) spans it.
 */
export function renderHtmlSite(model: DocsModel): RenderedFile[] {
  const files: RenderedFile[] = [
    { path: "index.html", content: indexPage(model) },
    { path: "graph.html", content: graphPage(model) },
    { path: "services.html", content: servicesPage(model) },
    { path: "assets/style.css", content: STYLE_CSS },
    { path: "assets/site.js", content: SITE_JS },
    { path: "assets/search.js", content: SEARCH_JS },
    {
      path: "assets/search-index.js",
      content: `window.ACCORD_SEARCH = ${JSON.stringify(searchIndex(model))};\n`,
    },
  ];
  model.subjects.forEach((_, index) => {
    for (const file of subjectPages(model, index)) files.push(file);
  });
  return files;
}
