import type { Answer } from '../../src/answer/types.ts';
import type { Library } from '../../src/library.ts';

/**
 * Is `shown` verbatim from `paragraph`? A "…" marks a cut: each piece between cuts must appear in the
 * paragraph, in order.
 */
export function isVerbatim(shown: string, paragraph: string): boolean {
  let from = 0;
  for (const piece of shown.split('…').map((p) => p.trim()).filter(Boolean)) {
    const at = paragraph.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

/** Every way an answer can break the house rule, as readable strings (empty when it keeps it). */
export function verbatimViolations(library: Library, answer: Answer): string[] {
  const problems: string[] = [];
  const cited = new Set(answer.sources.map((s) => s.article));
  answer.items.forEach((item, i) => {
    item.citations.forEach((c, j) => {
      const p = library.corpus.paragraphById.get(c.id);
      if (!p) return void problems.push(`item ${i} cites unknown paragraph ${c.id}`);
      if (p.articleId !== c.article || p.n !== c.paragraph) problems.push(`item ${i} citation ${c.id} has article/paragraph ${c.article}/${c.paragraph}`);
      if (!isVerbatim(c.excerpt, p.text)) problems.push(`item ${i} citation ${c.id}: excerpt not verbatim: ${c.excerpt.slice(0, 80)}`);
      if (!cited.has(c.article)) problems.push(`item ${i} cites article ${c.article} missing from sources`);
      if (j === 0 && !isVerbatim(item.text, p.text)) problems.push(`item ${i}: text not verbatim in ${c.id}: ${item.text.slice(0, 80)}`);
    });
  });
  return problems;
}
