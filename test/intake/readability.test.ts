import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { elementsWithTag, readability, styleProperty } from '../../src/intake/readability.ts';
import { extractArticle } from '../../src/intake/extract.ts';

const PAGE = `<!doctype html><html><head><title>T</title><style>p{}</style></head><body>
  <DIV id="a"><P id="p1">one <B>bold</B></P><section><p id="p2">two</p><H2 id="h">head</H2></section></DIV>
  <template id="t"><p id="in-template">hidden</p><h2>also hidden</h2></template>
  <svg id="s"><g><title>icon</title><path d="M0"/></g></svg>
  <ul><li><p id="p3">three</p><ol><li id="deep">deep</li></ol></li></ul><p id="p4">four</p>
</body></html>`;

describe('elementsWithTag', () => {
  const ids = (list: Iterable<unknown>) => [...list].map((e) => (e as { id: string; localName: string }).id || (e as { localName: string }).localName);

  it('returns what linkedom\'s querySelectorAll returns, in document order, for a document and for an element', () => {
    const { document } = parseHTML(PAGE);
    const cases: string[][] = [['p'], ['P'], ['h2', 'p'], ['li', 'ol', 'ul'], ['template'], ['title', 'path', 'g'], ['style', 'svg'], ['div', 'section', 'b'], ['nothing']];
    for (const tags of cases) {
      expect(ids(elementsWithTag(document as never, tags))).toEqual(ids(document.querySelectorAll(tags.join(','))));
      for (const root of [document.body, document.getElementById('a'), document.querySelector('ul'), document.getElementById('t')]) {
        expect(ids(elementsWithTag(root as never, tags))).toEqual(ids(root!.querySelectorAll(tags.join(','))));
      }
    }
    expect(ids(elementsWithTag(document.body as never, ['p']))).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});

describe('styleProperty', () => {
  it('reads a style attribute as linkedom\'s element.style does', () => {
    const styles = ['display:none', 'display: none ;', 'color: red; display : none', 'DISPLAY: none', 'display: none; display: block', 'display: none; display:',
      'display: none !important', 'background: url(a:b); visibility:hidden', 'visibility', ';;display;: none', 'display:', ''];
    for (const style of styles) {
      const { document } = parseHTML(`<html><body><div style="${style}"></div></body></html>`);
      const div = document.querySelector('div')!;
      expect(styleProperty(style, 'display'), style).toBe(div.style.display);
      expect(styleProperty(style, 'visibility'), style).toBe(div.style.visibility);
    }
  });
});

// Readability's first pass drops blocks whose class looks like a comment thread ("unlikely candidates"), so on
// these pages it first finds only the short note and tries again with that filter off.
const sentence = 'The council published the full inspection report on the harbour bridge this morning, with photographs.';
const story = Array.from({ length: 12 }, (_, i) => `<p>${sentence} Paragraph ${i + 1}.</p>`).join('');
const unlikelyPage = (container: boolean) =>
  `<html><head><title>Report</title></head><body>${container ? '<article>' : '<div>'}<p>A short note about the report.</p><div class="comment-thread">${story}</div>${container ? '</article>' : '</div>'}</body></html>`;

describe('readability', () => {
  it('asks before each retry, and a refusal keeps the first, short pick', () => {
    let asked = 0;
    const refused = readability(parseHTML(unlikelyPage(false)).document, { retry: () => (asked++, false) });
    expect(asked).toBe(1);
    expect(refused?.textContent).toContain('A short note');
    expect(refused?.textContent).not.toContain('Paragraph 12');
    const retried = readability(parseHTML(unlikelyPage(false)).document, { retry: () => true });
    expect(retried?.textContent).toContain('Paragraph 12');
  });
});

describe('extractArticle when Readability\'s first pick is short', () => {
  it('takes the page\'s article container without Readability\'s retries', () => {
    const article = extractArticle(unlikelyPage(true), 'https://gazette.example/report')!;
    expect(article.paragraphs).toContain(`${sentence} Paragraph 12.`);
  });

  it('lets Readability retry when the page has no article container', () => {
    const article = extractArticle(unlikelyPage(false), 'https://gazette.example/report')!;
    expect(article.paragraphs).toContain(`${sentence} Paragraph 12.`);
  });
});
