import { posix } from "node:path";

/** The `id`s a page declares, for checking fragments. */
export function pageIds(content: string): Set<string> {
  return new Set([...content.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));
}

/**
 * Relative links and sources in a rendered site's HTML pages that lead to no file, or to no `id`
 * in the page they name, as `<page> links to <link>`.
 */
export function brokenLinks(files: ReadonlyMap<string, string>): string[] {
  const broken: string[] = [];
  for (const [path, content] of files) {
    if (!path.endsWith(".html")) continue;
    for (const match of content.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const link = (match[1] as string).replace(/&amp;/g, "&");
      if (/^[a-z]+:/i.test(link)) continue;
      const [target, fragment] = link.split("#") as [string, string | undefined];
      const resolved = target === "" ? path : posix.normalize(posix.join(posix.dirname(path), target));
      const linked = files.get(resolved);
      if (linked === undefined) broken.push(`${path} links to ${link}`);
      else if (fragment && resolved.endsWith(".html") && !pageIds(linked).has(decodeURIComponent(fragment)))
        broken.push(`${path} links to ${link}`);
    }
  }
  return broken;
}
