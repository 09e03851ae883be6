/** The docs renderers' files are RenderedFiles; re-exported for the docs command. */
export type { RenderedFile } from "../files.js";
