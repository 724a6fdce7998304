/**
 * Mozilla's Readability run on a linkedom document, with a few of its helpers replaced by equivalents that are
 * cheap on linkedom. Readability is written for browsers, where `querySelectorAll`, `style` and `innerHTML` are
 * native; on linkedom each `querySelectorAll` compiles its selector with css-select (no cache) and tests every
 * descendant, each first `style` access builds a CSSStyleDeclaration proxy, and `innerHTML` serialises the
 * subtree in JavaScript. The replacements return the same nodes in the same order and the same answers, so the
 * article is the one Readability would find (the benchmark's outputs are compared page by page).
 */
import { Readability } from '@mozilla/readability';

/** The little of linkedom's DOM the replacements use. */
interface DomNode extends ParentLike {
  nodeType: number;
  localName: string;
  ownerDocument: DomDocument | null;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  contains(other: DomNode): boolean;
}
interface DomDocument {
  nodeType: number;
}
/** Element and document links as linkedom has them. */
interface ParentLike {
  firstElementChild: (DomNode & ParentLike) | null;
  nextElementSibling: (DomNode & ParentLike) | null;
  parentNode: ParentLike | null;
}

export type ReadabilityResult<T> = ReturnType<Readability<T>['parse']>;

/** The node type of elements. */
const ELEMENT_NODE = 1;

/**
 * The descendants of `root` whose tag is one of `tagNames`, in document order: what linkedom's
 * `root.querySelectorAll(tagNames.join(','))` returns (tag names compared in lower case, as css-select does in an
 * HTML document; a `<template>`'s contents are not searched), without compiling a selector. linkedom's TreeWalker
 * collects the elements with one pass over its internal node list.
 */
export function elementsWithTag(root: DomNode | DomDocument, tagNames: readonly string[]): DomNode[] {
  const out: DomNode[] = [];
  const wanted = tagNames.length === 1 ? null : new Set(tagNames.map((t) => t.toLowerCase()));
  const only = tagNames.length === 1 ? tagNames[0]!.toLowerCase() : '';
  // Pre-order walk of the element tree, climbing back up through parentNode; nothing is allocated.
  let el = (root as ParentLike).firstElementChild;
  while (el) {
    const name = el.localName.toLowerCase();
    if (wanted ? wanted.has(name) : name === only) out.push(el);
    let next = name === 'template' ? null : el.firstElementChild;
    for (let up: ParentLike | null = el; !next; ) {
      next = up.nextElementSibling;
      if (next) break;
      up = up.parentNode;
      if (!up || up === root) break;
    }
    el = next;
  }
  return out;
}

/**
 * The value linkedom's `element.style[name]` has for a style attribute: declarations split at `;`, each at its
 * first `:`, name and value trimmed, the last non-empty value of the name wins; '' when none.
 */
export function styleProperty(style: string, name: string): string {
  let found = '';
  for (const rule of style.split(/\s*;\s*/)) {
    const colon = rule.indexOf(':');
    if (colon < 0) continue;
    const value = rule.slice(colon + 1).trim();
    if (value && rule.slice(0, colon).trim() === name) found = value;
  }
  return found;
}

/** Readability's visibility test (`display: none`, `visibility: hidden`, `hidden`, `aria-hidden`) read from the attributes. */
function isProbablyVisible(node: DomNode): boolean {
  const style = node.nodeType === ELEMENT_NODE ? node.getAttribute('style') : null;
  if (style && (styleProperty(style, 'display') === 'none' || styleProperty(style, 'visibility') === 'hidden')) return false;
  if (node.hasAttribute('hidden')) return false;
  if (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') !== 'true') return true;
  // Readability keeps aria-hidden images of class "fallback-image" (Wikimedia's maths).
  const className = (node as unknown as { className?: unknown }).className;
  return typeof className === 'string' && className.includes('fallback-image');
}

/** Readability's own methods replaced on the instance (the names are Readability's). */
interface Internals {
  _getAllNodesWithTag(node: unknown, tagNames: string[]): unknown;
  _isProbablyVisible(node: unknown): boolean;
  _grabArticle(page?: unknown): DomNode | null;
  _postProcessContent(content: unknown): void;
}

export interface ReadabilityOptions<T> extends NonNullable<ConstructorParameters<typeof Readability<T>>[1]> {
  /**
   * Asked when Readability's pick has fewer than `charThreshold` characters, once, before its first retry (it
   * starts again from the page as it was, with fewer of its filters: unlikely candidates kept, then class
   * weights ignored, then conditional cleaning off). Answering false ends the retries: Readability then
   * returns the longest text it found so far.
   */
  retry?: () => boolean;
}

/**
 * Runs Readability on `document` (which it changes: scripts, hidden and unlikely nodes are removed), with
 * `options` as Readability takes them.
 */
export function readability<T>(document: unknown, options: ReadabilityOptions<T>): ReadabilityResult<T> {
  const { retry, ...readabilityOptions } = options;
  const reader = new Readability<T>(document as never, readabilityOptions);
  const internals = reader as unknown as Internals;
  internals._getAllNodesWithTag = (node, tagNames) => elementsWithTag(node as DomNode, tagNames);
  internals._isProbablyVisible = (node) => isProbablyVisible(node as DomNode);
  // parse() logs "Grabbed: " + article.innerHTML whether or not debugging is on: a serialisation of the whole
  // article thrown away. Until the article is post-processed, its innerHTML reads as empty.
  const grab = internals._grabArticle;
  const postProcess = internals._postProcessContent;
  internals._grabArticle = function (this: Internals, page?: unknown) {
    const article = grab.call(this, page);
    if (article) Object.defineProperty(article, 'innerHTML', { configurable: true, get: () => '' });
    return article;
  };
  internals._postProcessContent = function (this: Internals, content: unknown) {
    delete (content as { innerHTML?: string }).innerHTML;
    return postProcess.call(this, content);
  };
  // Readability retries by restoring the page from its serialised copy (body.innerHTML = copy): when the retries
  // are not wanted, an empty page is restored instead, so each remaining pass finds nothing at once.
  const body = retry ? (document as { body?: object }).body : undefined;
  const inner = body ? descriptorOf(body, 'innerHTML') : undefined;
  if (body && inner?.get && inner.set) {
    const { get, set } = inner;
    let retrying: boolean | undefined;
    Object.defineProperty(body, 'innerHTML', {
      configurable: true,
      get() {
        return get.call(this);
      },
      set(html: string) {
        retrying ??= retry!();
        set.call(this, retrying ? html : '');
      },
    });
  }
  try {
    return reader.parse();
  } finally {
    if (body) delete (body as { innerHTML?: string }).innerHTML;
  }
}

/** A property's descriptor where the object's prototype chain defines it. */
function descriptorOf(object: object, name: string): PropertyDescriptor | undefined {
  for (let o: object | null = object; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d;
  }
  return undefined;
}
