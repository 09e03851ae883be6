/**
 * File names for pages. Subject and service names become path segments of a static site that must
 * work on case-insensitive file systems and from `file://`, so slugs are lower-case, limited to a
 * safe alphabet, and made unique by a numeric suffix.
 */
export class Slugger {
  private readonly used = new Set<string>();

  slug(name: string): string {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, "-")
        .replace(/^[-.]+|[-.]+$/g, "")
        .slice(0, 80) || "item";
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}-${n}`;
    this.used.add(candidate);
    return candidate;
  }
}
