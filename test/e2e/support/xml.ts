/**
 * A small strict XML parser for asserting on JUnit reports: elements, attributes, text, comments,
 * the XML declaration and the five predefined entities plus character references. It throws on
 * anything not well formed (mismatched or unclosed tags, duplicate attributes, a bare `&` or `<`),
 * which is the point: a CI server would refuse such a report.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated text directly inside the element. */
  readonly text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

export function parseXml(source: string): XmlElement {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`XML not well formed at offset ${at}: ${why}`);
  };
  const skipSpace = () => {
    while (at < source.length && /\s/.test(source[at] as string)) at++;
  };
  const decode = (raw: string): string => {
    if (/<|&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(raw))
      fail(`unescaped markup in "${raw.slice(0, 40)}"`);
    return raw.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
      if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
      if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
      return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[entity] as string;
    });
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith("<?", at)) {
        const end = source.indexOf("?>", at);
        if (end === -1) fail("unterminated processing instruction");
        at = end + 2;
      } else if (source.startsWith("<!--", at)) {
        const end = source.indexOf("-->", at);
        if (end === -1) fail("unterminated comment");
        at = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (source[at] !== "<") fail("expected an element");
    at++;
    const name = NAME.exec(source.slice(at))?.[0] ?? fail("expected a tag name");
    at += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (source.startsWith("/>", at)) {
        at += 2;
        return { name, attributes, children: [], text: "" };
      }
      if (source[at] === ">") {
        at++;
        break;
      }
      const attribute = NAME.exec(source.slice(at))?.[0] ?? fail("expected an attribute name");
      at += attribute.length;
      skipSpace();
      if (source[at] !== "=") fail("expected =");
      at++;
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") fail("expected a quoted value");
      const end = source.indexOf(quote as string, at + 1);
      if (end === -1) fail("unterminated attribute value");
      if (Object.hasOwn(attributes, attribute)) fail(`duplicate attribute ${attribute}`);
      attributes[attribute] = decode(source.slice(at + 1, end));
      at = end + 1;
    }
    const children: XmlElement[] = [];
    let text = "";
    for (;;) {
      if (at >= source.length) fail(`<${name}> is never closed`);
      if (source.startsWith("</", at)) {
        at += 2;
        const closing = NAME.exec(source.slice(at))?.[0];
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        at += name.length;
        skipSpace();
        if (source[at] !== ">") fail("expected >");
        at++;
        return { name, attributes, children, text };
      }
      if (source.startsWith("<!--", at)) {
        const end = source.indexOf("-->", at);
        if (end === -1) fail("unterminated comment");
        at = end + 3;
      } else if (source[at] === "<") {
        children.push(element());
      } else {
        const end = source.indexOf("<", at);
        text += decode(source.slice(at, end === -1 ? source.length : end));
        at = end === -1 ? source.length : end;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (at !== source.length) fail("content after the root element");
  return root;
}

/** Every descendant (depth first) with the given name. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    for (const child of node.children) {
      if (child.name === name) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}
