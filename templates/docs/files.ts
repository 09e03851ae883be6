/** One file a renderer produces; the command writes it under the output directory. */
export interface RenderedFile {
  /** Relative, `/`-separated path inside the output directory. */
  readonly path: string;
  readonly content: string;
}
