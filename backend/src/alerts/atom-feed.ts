// An Atom feed of alert messages (JMA's developer feeds, aggregators): the entries and the link of each, read
// with the disaster library's XML safety (no DTD, size and depth caps). Links are resolved against the feed
// and kept only on the feed's own origin: a feed entry must not make this server fetch anywhere else.
import { parseXmlSafely, type SafeXml } from '@myna-tv/disaster';

const atomNamespace = 'http://www.w3.org/2005/Atom';

type XmlElement = SafeXml['root'];

export interface FeedEntry {
  /** Atom <id>, else the link. */
  id: string;
  link: string;
}

export interface ParsedFeed {
  entries: FeedEntry[];
  /** Entries without a usable link (none, not http(s), another origin). */
  skipped: number;
}

function children(parent: XmlElement, localName: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    const element = node as XmlElement;
    if (
      node.nodeType === node.ELEMENT_NODE &&
      element.namespaceURI === atomNamespace &&
      element.localName === localName
    )
      found.push(element);
  }
  return found;
}

function linkOf(entry: XmlElement, base: URL): string | null {
  const links = children(entry, 'link').filter((link) => {
    const rel = link.getAttribute('rel');
    return rel === null || rel === '' || rel === 'alternate';
  });
  for (const link of links) {
    const href = link.getAttribute('href');
    if (!href) continue;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    if (url.origin === base.origin && (url.protocol === 'https:' || url.protocol === 'http:'))
      return url.href;
  }
  return null;
}

/** Throws the library's AlertError (alert.xml-unsafe / alert.xml-invalid) for a hostile or broken feed. */
export function parseAtomFeed(body: Uint8Array, feedUrl: string, maxBytes: number): ParsedFeed {
  const { root } = parseXmlSafely(body, {
    maxBytes,
    maxDepth: 16,
    maxAttributeLength: 2048,
    maxAttributesPerElement: 32,
    maxElements: 50_000,
  });
  if (root.namespaceURI !== atomNamespace || root.localName !== 'feed') {
    throw new Error(`not an Atom feed: root <${root.localName}>`);
  }
  const base = new URL(feedUrl);
  const entries: FeedEntry[] = [];
  let skipped = 0;
  for (const entry of children(root, 'entry')) {
    const link = linkOf(entry, base);
    if (link === null) {
      skipped++;
      continue;
    }
    const id = children(entry, 'id')[0]?.textContent?.trim();
    entries.push({ id: id || link, link });
  }
  return { entries, skipped };
}
