/**
 * The one escaping helper of the HTML site. `html` is a tagged template: every interpolated value
 * is escaped unless it is itself `Html` (built by `html` or, for the site's own constant assets,
 * `trusted`). Schema and metadata text can therefore never become markup by accident.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

function render(value: Interpolation): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false || value === true) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i] as Interpolation) + (strings[i + 1] ?? "");
  return new Html(out);
}

/** Marks text written by Accord itself (CSS, the site's scripts) as markup. Never pass schema text. */
export function trusted(text: string): Html {
  return new Html(text);
}

/** Pretty JSON for a `<pre>` block (escaped when interpolated). */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "null";
}
