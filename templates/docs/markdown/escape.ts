/**
 * Escaping for Markdown that wikis and Git hosts render (CommonMark/GFM). Schema and metadata text
 * is shown as text: Markdown punctuation is backslash-escaped and `<`/`>` become entities, so a
 * description can neither format the page nor inject HTML.
 */

export function mdText(text: string): string {
  return text
    .replace(/[\\`*_[\]#|~]/g, (ch) => `\\${ch}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** Text for a table cell: one line, pipes escaped. */
export function mdCell(text: string): string {
  return mdText(text.replace(/\s*\n\s*/g, " "));
}

/** The longest run of backticks in the text (0 for none); a loop, as the runs are unbounded. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** An inline code span that survives any backticks in its content (CommonMark 6.1). */
export function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, " ");
  const fence = "`".repeat(longestBacktickRun(flat) + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A code span inside a GFM table cell, where `|` must be escaped even in code. */
export function cellCode(text: string): string {
  return code(text).replace(/\|/g, "\\|");
}

/** A fenced block whose fence is longer than any backtick run inside. */
export function fenced(text: string, language: string): string {
  const fence = "`".repeat(Math.max(2, longestBacktickRun(text)) + 1);
  return `${fence}${language}\n${text.replace(/\n$/, "")}\n${fence}`;
}

/** A link target made of a slug we generated; still encoded in case of odd characters. */
export function href(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
