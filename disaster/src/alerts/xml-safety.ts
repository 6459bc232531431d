// XML safety before and around parsing. Nothing here trusts the parser to be safe on hostile input: the raw
// text is checked first (size, encoding, no DOCTYPE/ENTITY or any other markup declaration: CAP, EDXL-DE and
// JMA XML never need a DTD), then @xmldom/xmldom parses with every warning and error fatal (it only *reports*
// undefined entities), then the tree is checked for one root, depth and attribute sizes. Depth and element
// count are also checked on the raw text first, so a hostile tree never costs the parser its time.
import { DOMParser, type Element } from '@xmldom/xmldom';
import { AlertError } from './alert-error.ts';

export interface XmlLimits {
  /** Bytes of the whole message (UTF-8). IPAWS messages with inline audio reach ~460 KB. */
  maxBytes: number;
  /** Element nesting depth; the deepest real format here (SOAP + EDXL-DE + PCXML) is about 12. */
  maxDepth: number;
  /** Characters of one attribute value. */
  maxAttributeLength: number;
  maxAttributesPerElement: number;
  /** Elements in the whole message: the parser costs tens of µs per element, so this bounds its time. */
  maxElements: number;
}

export const defaultXmlLimits: XmlLimits = {
  maxBytes: 2 * 1024 * 1024,
  maxDepth: 48,
  maxAttributeLength: 1024,
  maxAttributesPerElement: 32,
  maxElements: 20_000,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(input: string | Uint8Array, limits: XmlLimits): string {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > limits.maxBytes) {
    throw new AlertError('alert.xml-unsafe', `message is ${bytes} bytes, over the cap of ${limits.maxBytes}`);
  }
  if (typeof input === 'string') return input;
  try {
    return utf8.decode(input);
  } catch (cause) {
    throw new AlertError('alert.xml-unsafe', 'message is not valid UTF-8', { cause });
  }
}

/** Rejects what must never reach the parser. */
function checkRawXml(text: string): void {
  const declaration = /^<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']+)["']/.exec(text);
  if (declaration?.[1] && !/^utf-?8$/i.test(declaration[1])) {
    throw new AlertError('alert.xml-unsafe', `encoding ${declaration[1]} is not accepted (UTF-8 only)`);
  }
  if (/<!DOCTYPE/i.test(text)) {
    throw new AlertError('alert.xml-unsafe', 'DOCTYPE declarations are not accepted');
  }
  if (/<!ENTITY/i.test(text)) {
    throw new AlertError('alert.xml-unsafe', 'ENTITY declarations are not accepted');
  }
  // Any other `<!` than a comment or CDATA section is a markup declaration (ELEMENT, ATTLIST, NOTATION…).
  const declarationAt = text.search(/<!(?!--|\[CDATA\[)/);
  if (declarationAt >= 0) {
    throw new AlertError('alert.xml-unsafe', `markup declaration at offset ${declarationAt} is not accepted`);
  }
}

// Comments, CDATA, processing instructions, then tags (quoted attribute values may hold '>').
const markup = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * Depth and element count from the raw text, before the parser builds anything: a deep or huge tree costs
 * the parser seconds, this scan milliseconds. Malformed markup is left for the parser to reject.
 */
function checkMarkupSize(text: string, limits: XmlLimits): void {
  let depth = 0;
  let elements = 0;
  for (const match of text.matchAll(markup)) {
    const tag = match[0];
    if (tag.startsWith('<!') || tag.startsWith('<?')) continue;
    if (match[1] === '/') {
      depth--;
      continue;
    }
    if (++elements > limits.maxElements) {
      throw new AlertError('alert.xml-invalid', `more than ${limits.maxElements} elements`);
    }
    if (!tag.endsWith('/>') && ++depth > limits.maxDepth) {
      throw new AlertError('alert.xml-invalid', `elements nested deeper than ${limits.maxDepth}`);
    }
  }
}

function checkTree(root: Element, limits: XmlLimits): void {
  // Iterative walk: a recursion would let a deep document overflow our stack instead of the parser's.
  const stack: { element: Element; depth: number }[] = [{ element: root, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { element, depth } = item;
    if (depth > limits.maxDepth) {
      throw new AlertError('alert.xml-invalid', `elements nested deeper than ${limits.maxDepth}`);
    }
    const attributes = element.attributes;
    if (attributes.length > limits.maxAttributesPerElement) {
      throw new AlertError(
        'alert.xml-invalid',
        `<${element.tagName}> has ${attributes.length} attributes, over ${limits.maxAttributesPerElement}`,
      );
    }
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes.item(i);
      if (attribute && attribute.value.length > limits.maxAttributeLength) {
        throw new AlertError(
          'alert.xml-invalid',
          `attribute ${attribute.name} of <${element.tagName}> is ${attribute.value.length} characters, over ${limits.maxAttributeLength}`,
        );
      }
    }
    for (let child = element.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === child.ELEMENT_NODE) stack.push({ element: child as Element, depth: depth + 1 });
    }
  }
}

export interface SafeXml {
  /** The decoded text, as verified (the signature check reads the same text). */
  text: string;
  root: Element;
}

/** Checks and parses one XML message; throws AlertError naming the first rule it breaks. */
export function parseXmlSafely(input: string | Uint8Array, limits: XmlLimits = defaultXmlLimits): SafeXml {
  const text = decode(input, limits).replace(/^\uFEFF/, '');
  checkRawXml(text);
  checkMarkupSize(text, limits);
  let document: ReturnType<DOMParser['parseFromString']>;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        throw new Error(`${level}: ${message}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (cause) {
    // xmldom wraps the message it was given ("Reporting error "…" caused Error: error: …"): keep the last one.
    const full = cause instanceof Error ? cause.message.replace(/\s+/g, ' ') : String(cause);
    const reason = /(?:fatalError|error|warning): (.*)$/.exec(full)?.[1] ?? full;
    throw new AlertError('alert.xml-invalid', `not well-formed XML: ${reason.slice(0, 160)}`, { cause });
  }
  let root: Element | null = null;
  for (let node = document.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    if (root !== null) throw new AlertError('alert.xml-invalid', 'more than one root element');
    root = node as Element;
  }
  if (root === null) throw new AlertError('alert.xml-invalid', 'no root element');
  checkTree(root, limits);
  return { text, root };
}
