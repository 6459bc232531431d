// Reading a checked DOM by namespace and local name: prefixes are the sender's choice (`cap:alert` and
// `alert` are the same element), namespaces are not.
import type { Element } from '@xmldom/xmldom';

export function childElements(parent: Element, namespace: string | null, localName?: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const element = node as Element;
    if (namespace !== null && element.namespaceURI !== namespace) continue;
    if (localName !== undefined && element.localName !== localName) continue;
    found.push(element);
  }
  return found;
}

export function childElement(parent: Element, namespace: string | null, localName: string): Element | null {
  return childElements(parent, namespace, localName)[0] ?? null;
}

/** Trimmed text of an element; null when absent or empty. */
export function textOf(element: Element | null): string | null {
  const text = element?.textContent?.trim();
  return text ? text : null;
}

export function childText(parent: Element, namespace: string | null, localName: string): string | null {
  return textOf(childElement(parent, namespace, localName));
}

/** Follows a path of local names in one namespace; null when any step is missing. */
export function descend(parent: Element, namespace: string | null, ...path: string[]): Element | null {
  let current: Element | null = parent;
  for (const name of path) {
    if (current === null) return null;
    current = childElement(current, namespace, name);
  }
  return current;
}
