/**
 * One file a renderer produces: a path relative to the output folder (`/`-separated) and its
 * text. Renderers return them; the command writes them (generate, docs, init).
 */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}
