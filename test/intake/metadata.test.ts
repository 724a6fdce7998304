/**
 * Which dates and names on a page are the article's publication day and author, and which are not
 * (docs/design/intake.md, Metadata). Each rule is shown on a small page beside the same page where the
 * date or name is the article's, so the test fails if the rule goes too far as well as if it is missing.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { cleanAuthor, readMetadata } from '../../src/intake/extract.ts';

const URL_ = 'https://journal.example/guides/choosing-a-bicycle';
const TEXT = '<p>Choosing a bicycle starts with where you will ride it: town streets, gravel paths or mountain trails each ask for a different frame, different tyres and a different riding position.</p>';

/** A page: `head` inside <head>, `byline` just under the headline, `after` after the article's text, all in one <article>. */
function page(o: { head?: string; byline?: string; after?: string; outside?: string } = {}): string {
  return `<!doctype html><html><head><title>Choosing a bicycle</title>${o.head ?? ''}</head><body>${o.outside ?? ''}<main><article><h1>Choosing a bicycle</h1>${o.byline ?? ''}${TEXT}${o.after ?? ''}</article></main></body></html>`;
}

const meta = (html: string, url = URL_) => readMetadata(parseHTML(html).document as never, url);
const day = (html: string, url = URL_) => meta(html, url).published?.date ?? null;
const jsonLd = (value: object) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('publication day: dates that are not the publication', () => {
  it('a date labelled as reviewed or checked is not the publication day; one labelled published is', () => {
    expect(day(page({ byline: '<div class="post-date">Published: March 3, 2025</div>' }))).toBe('2025-03-03');
    expect(day(page({ byline: '<div class="post-date">Last reviewed: March 3, 2025</div>' }))).toBeNull();
    expect(day(page({ byline: '<p>Medically reviewed on <span class="date">March 3, 2025</span></p>' }))).toBeNull();
    expect(day(page({ after: '<ol><li>Source. Last checked: 2025-10-28</li></ol>' }))).toBeNull();
  });

  it('a <time> in an element named as the last review is not the publication time; one named as the publication is', () => {
    const time = '<time datetime="2025-04-14T12:00:00Z">April 2025</time>';
    expect(day(page({ byline: `<div class="field field--name-date-published">${time}</div>` }))).toBe('2025-04-14');
    expect(day(page({ byline: `<div class="field field--name-date-last-reviewed">${time}</div>` }))).toBeNull();
  });

  it('a <time> labelled as the update is not taken as the publication time: the publication day the byline shows is', () => {
    expect(day(page({ byline: '<p class="byline">Published 3 March 2025 · Updated <time datetime="2026-01-12T09:00:00Z">12 January 2026</time></p>' }))).toBe('2025-03-03');
    expect(day(page({ byline: '<p class="byline">Published <time datetime="2025-03-03T09:00:00Z">3 March 2025</time></p>' }))).toBe('2025-03-03');
  });

  it('a teaser\'s date (an article nested in the article) is not the page\'s', () => {
    const teaser = '<article class="news"><div class="field"><time datetime="2021-12-08T08:00:00Z">08/12/2021</time></div><a href="/news/other">Another story</a></article>';
    expect(day(page({ after: teaser }))).toBeNull();
    expect(day(page({ byline: '<div class="field"><time datetime="2021-12-08T08:00:00Z">08/12/2021</time></div>' }))).toBe('2021-12-08');
  });

  it('a date inside a sentence of the text is what the text talks about; a byline states one', () => {
    expect(day(page({ byline: '<p>Fast forward two days to Sunday, November 9, 2025, I went back to the workshop.</p>' }))).toBeNull();
    expect(day(page({ byline: '<p>Posted on the owners\' forum on <a href="https://forum.example/t/1">2025-07-09</a>:</p>' }))).toBeNull();
    expect(day(page({ byline: '<div><span class="meta">This guide was last updated <time>Feb 26, 2026</time></span></div>' }))).toBeNull();
    expect(day(page({ byline: '<p>November 9, 2025</p>' }))).toBe('2025-11-09');
    expect(day(page({ byline: '<p class="byline">By Ana Ruiz | November 9, 2025</p>' }))).toBe('2025-11-09');
  });

  it('a date that starts a range is not a publication day', () => {
    expect(day(page({ byline: '<p>DATE: 2025-12-12 – 2025-12-17</p>' }))).toBeNull();
    expect(day(page({ byline: '<p>DATE: 2025-12-12</p>' }))).toBe('2025-12-12');
    // "– 11 minutes" after the date is no range
    expect(day(page({ byline: '<p>February 4, 2025 - 11 minutes</p>' }))).toBe('2025-02-04');
  });

  it('a site\'s front page has no publication day, even when its meta tags declare one', () => {
    const head = '<meta property="article:published_time" content="2021-05-24T15:24:38+00:00">';
    expect(day(page({ head }), 'https://studio.example/')).toBeNull();
    expect(day(page({ head }), 'https://studio.example/index.html')).toBeNull();
    expect(day(page({ head }), 'https://studio.example/work/harbour-campaign')).toBe('2021-05-24');
  });

  it('the JSON-LD date of an article by an organisation counts only when the page shows it; by a person it counts as declared', () => {
    const article = (author: object) => jsonLd({ '@context': 'https://schema.org', '@type': 'BlogPosting', headline: 'Choosing a bicycle', datePublished: '2022-08-25T19:39:01+05:30', author });
    const organisation = { '@type': 'Organization', name: 'Journal Media Ltd' };
    expect(day(page({ head: article(organisation) }))).toBeNull();
    expect(day(page({ head: article(organisation), byline: '<p class="date">25 August 2022</p>' }))).toBe('2022-08-25');
    expect(day(page({ head: article({ '@type': 'Person', name: 'Ana Ruiz' }) }))).toBe('2022-08-25');
  });

  it('a day written with an ordinal ("November 26th, 2024") counts as shown on the page', () => {
    const webPage = jsonLd({ '@context': 'https://schema.org', '@type': 'WebPage', name: 'Choosing a bicycle', datePublished: '2024-11-26T10:00:00Z' });
    expect(meta(page({ head: webPage, byline: '<span>Ana Ruiz · November 26th, 2024 · 10 min read</span>' }))).toMatchObject({ published: { date: '2024-11-26' }, publishedSource: 'jsonld-page' });
    expect(day(page({ head: webPage }))).toBeNull();
  });
});

describe('author: names that are not the article\'s author', () => {
  it('a company\'s legal form or an "Official" account is an organisation, not an author', () => {
    for (const name of ['Kneib Dentistry PC', 'SmartEtailing Inc', 'Harbour Tools Ltd.', 'Acme Widgets LLC', 'QCY Official']) expect(cleanAuthor(name)).toBeNull();
    for (const name of ['Ana Ruiz', 'Everfit Team', 'Inca Martínez', 'Official Secrets Act']) expect(cleanAuthor(name)).not.toBeNull();
  });

  it('a name in a menu is not a byline', () => {
    const menu = '<div class="x-navbar-inner"><ul class="sub-menu"><li class="menu-item"><a href="/author/xlo/"><span>Hong Kong Actuary</span></a></li></ul></div>';
    expect(meta(page({ outside: menu })).author).toBeNull();
    expect(meta(page({ byline: '<p class="byline">By <a href="/author/xlo/">Xavier Lo</a></p>' }))).toMatchObject({ author: 'Xavier Lo', authorSource: 'byline' });
  });

  it('a name labelled as a contact, a reviewer or a photographer is not the author', () => {
    expect(meta(page({ byline: '<ul><li>Contact: <a href="/authors/ron-sands">Ron Sands</a></li></ul>' })).author).toBeNull();
    expect(meta(page({ byline: '<p>Reviewed by <a href="/authors/ron-sands">Ron Sands</a></p>' })).author).toBeNull();
    expect(meta(page({ byline: '<p>By <a href="/authors/ron-sands">Ron Sands</a></p>' })).author).toBe('Ron Sands');
  });
});
