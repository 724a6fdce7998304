import { describe, expect, it } from 'vitest';
import { cleanAuthor, extractArticle } from '../../src/intake/extract.ts';
import { ARTICLE_PARAGRAPHS, articlePage } from '../support/pages.ts';

const URL_ = 'https://gazette.example/news/harbour-bridge?utm_source=feed';

describe('extractArticle', () => {
  it('takes the article\'s paragraphs verbatim, without the site around it', () => {
    const article = extractArticle(articlePage(), URL_)!;
    expect(article.paragraphs).toEqual(expect.arrayContaining(ARTICLE_PARAGRAPHS));
    const all = article.paragraphs.join('\n');
    expect(all).not.toMatch(/Most read|Privacy|Sport|Photo: Gazette staff/);
  });

  it('reads headline, outlet, author, date and canonical URL from the metadata', () => {
    const article = extractArticle(articlePage(), URL_)!;
    expect(article).toMatchObject({
      title: 'Harbour bridge closed to lorries after cracks found',
      outlet: 'The Harbour Gazette',
      author: 'Jane Mbeki',
      url: 'https://gazette.example/news/harbour-bridge',
      published: { date: '2026-02-10', dateTime: '2026-02-10T09:30:00+01:00' },
      sources: { title: 'h1', published: 'jsonld', author: 'jsonld' },
    });
  });

  it('keeps paragraph breaks made with <br><br> and lists', () => {
    const extra = '<div>First line of a letter.<br><br>Second paragraph of the letter, quoted in full by the council.</div><ul><li>Point one of the plan.</li><li>Point two of the plan.</li></ul>';
    const article = extractArticle(articlePage({ extra }), URL_)!;
    expect(article.paragraphs).toEqual(expect.arrayContaining(['First line of a letter.', 'Second paragraph of the letter, quoted in full by the council.', 'Point one of the plan.', 'Point two of the plan.']));
  });

  it('leaves the date unknown when the page gives none: never the clock', () => {
    const article = extractArticle(articlePage({ datePublished: null }), URL_)!;
    expect(article.published).toBeNull();
  });

  it('takes the date from article:published_time, then <time datetime> in the article, when there is no JSON-LD', () => {
    const withMeta = articlePage({ jsonLd: false }).replace('</head>', '<meta property="article:published_time" content="2026-01-05T08:00:00Z"></head>');
    expect(extractArticle(withMeta, URL_)!.published?.date).toBe('2026-01-05');
    const withTime = articlePage({ jsonLd: false, extra: '' }).replace('<h1>', '<header><time datetime="2026-01-04T10:00:00+00:00">4 January</time></header><h1>');
    expect(extractArticle(withTime, URL_)!.published?.date).toBe('2026-01-04');
  });

  it('falls back to the byline for the author, and to the page URL without a canonical link', () => {
    const article = extractArticle(articlePage({ jsonLd: false, canonical: null }), URL_)!;
    expect(article.author).toBe('Jane Mbeki');
    expect(article.url).toBe(URL_);
  });

  it('decodes entities the CMS escaped twice in JSON-LD', () => {
    const page = articlePage().replace('"headline":"Harbour bridge closed to lorries after cracks found"', '"headline":"Bridge &amp; quay closed"');
    const html = page.replace('<h1>Harbour bridge closed to lorries after cracks found</h1>', '<h1>Bridge &amp; quay closed</h1>');
    expect(extractArticle(html, URL_)!.title).toBe('Bridge & quay closed');
  });

  it('finds no article on a page without text', () => {
    expect(extractArticle('<html><body><nav><a href="/">Home</a></nav></body></html>', URL_)).toBeNull();
  });
});

describe('cleanAuthor', () => {
  it.each([
    ['By Jane Mbeki', 'Jane Mbeki'],
    ['ByJane Mbeki', 'Jane Mbeki'],
    ['https://gazette.example/people/jm', null],
    ['admin', null],
    ['', null],
  ])('%j → %j', (raw, want) => expect(cleanAuthor(raw)).toBe(want));
});
