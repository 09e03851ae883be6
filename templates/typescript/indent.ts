/**
 * Re-indents TypeScript declarations that json-schema-to-typescript printed flush left (its
 * `format: false` output; Prettier would cost more than generating the code does). Depth is the
 * count of open `{`, `(` and `[` outside strings and comments; a line starting with closers is
 * outdented by them. Comment bodies are aligned under their `/**`.
 */
export function reindent(text: string, unit = "  "): string {
  const out: string[] = [];
  let depth = 0;
  let inComment = false;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") {
      out.push("");
      continue;
    }
    if (inComment || line.startsWith("/*")) {
      const lead = line.startsWith("*") ? " " : "";
      out.push(`${unit.repeat(depth)}${lead}${line}`);
      inComment = !closesComment(line, inComment);
      continue;
    }
    const { leadingClosers, net, opensComment } = scan(line);
    out.push(`${unit.repeat(Math.max(0, depth - leadingClosers))}${line}`);
    depth = Math.max(0, depth + net);
    inComment = opensComment;
  }
  return out.join("\n");
}

/** Whether a comment line leaves the block comment (`inside`: it started inside one). */
function closesComment(line: string, inside: boolean): boolean {
  const start = inside ? 0 : line.indexOf("/*") + 2;
  return line.indexOf("*/", start) !== -1;
}

interface LineScan {
  readonly leadingClosers: number;
  readonly net: number;
  /** The line ends inside a block comment it opened. */
  readonly opensComment: boolean;
}

function scan(line: string): LineScan {
  let net = 0;
  let leadingClosers = 0;
  let leading = true;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote !== undefined) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") {
      quote = ch;
      leading = false;
      continue;
    }
    if (ch === "/" && line[i + 1] === "/") break;
    if (ch === "/" && line[i + 1] === "*") {
      const end = line.indexOf("*/", i + 2);
      if (end === -1) return { leadingClosers, net, opensComment: true };
      i = end + 1;
      continue;
    }
    if (ch === "{" || ch === "(" || ch === "[") {
      net++;
      leading = false;
    } else if (ch === "}" || ch === ")" || ch === "]") {
      net--;
      if (leading) leadingClosers++;
    } else if (ch !== " " && ch !== "\t" && ch !== "," && ch !== ";") {
      leading = false;
    }
  }
  return { leadingClosers, net, opensComment: false };
}
