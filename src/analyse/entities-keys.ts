import { foldCase, foldPunctuation } from '../text/normalize.ts';
import { editDistance } from '../answer/suggest.ts';
import { PREFIX_PARTICLES } from './entities-words.ts';

/**
 * Keys for matching names across spellings. Transliterations of Arabic and Persian names differ in
 * vowels, doubled letters, the article "al-" and a few consonants (q/k/gh, dh/z): "Qassem" / "Qasem",
 * "Kataeb" / "Kataib", "al-Muhandis" / "al-Mohandes", "Al-Kadhimi" / "Kadhimi". A *skeleton* drops all of
 * that; two names whose skeletons agree are then confirmed word by word with a small edit distance, so
 * "Baker" and "Becker" (same skeleton) stay apart while "Muhandis" and "Mohandes" come together.
 */

/** The words of a name for matching: folded, possessive cut, "al-"/"el-" dropped ("Al-Kadhimi" → ["kadhimi"]). */
export function nameWords(name: string): string[] {
  const plain = /^[A-Za-z .'-]*$/.test(name);
  const folded = (plain ? name.toLowerCase() : foldCase(foldPunctuation(name))).replace(/'s$/, '').replace(/^the\s+/, '');
  const out: string[] = [];
  for (const raw of folded.split(/[\s]+/)) {
    let w = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!w) continue;
    // "al-kadhimi" → "kadhimi"; "bin" and "ibn" alone are kept (they tell names apart).
    const m = /^(\p{L}{1,5})['-](.+)$/u.exec(w);
    if (m && PREFIX_PARTICLES.has(m[1]!) && !['abd', 'abdel', 'abdul', 'bin', 'ibn'].includes(m[1]!)) w = m[2]!;
    if (w === 'al' || w === 'el') continue;
    w = w.replace(/[.'-]/g, '');
    if (w) out.push(w);
  }
  return out;
}

/** A form's exact key: its words joined ("Al-Kadhimi" and "al-Kadhimi" → "kadhimi"). */
export function formKey(name: string): string {
  return nameWords(name).join(' ');
}

/** Remembered results of a word function (names repeat: "corp", "bank", "mohammed"), bounded in size. */
function remembered(fn: (word: string) => string): (word: string) => string {
  const memo = new Map<string, string>();
  return (word) => {
    let out = memo.get(word);
    if (out === undefined) {
      if (memo.size > 200_000) memo.clear();
      memo.set(word, (out = fn(word)));
    }
    return out;
  };
}

/** Light spelling normalisation kept for the word-by-word check: q→k, dh→z, doubled letters once. */
export const lightWord = remembered((word: string): string =>
  word
    .replace(/q/g, 'k')
    .replace(/dh/g, 'z')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/(.)\1+/g, '$1'),
);

/** The consonant skeleton of a word: "qassem" → "ksm", "kataeb" → "ktb", "mohandes" → "mhnds". */
export const skeletonWord = remembered((word: string): string => {
  let w = lightWord(word).replace(/gh/g, 'k').replace(/kh/g, 'k').replace(/th/g, 't').replace(/ph/g, 'f');
  const first = /^[aeiou]/.test(w) ? 'a' : w[0] ?? '';
  w = w.replace(/w/g, 'u');
  w = first + w.slice(1).replace(/[aeiouyh]/g, '');
  return w.replace(/(.)\1+/g, '$1');
});

/** The skeleton of a whole name: its words' skeletons joined. */
export function skeletonKey(words: readonly string[]): string {
  return words.map(skeletonWord).join(' ');
}

/** How many vowels two spellings of one word may differ by: none up to 3 letters, 1 up to 6, 2 beyond. */
function allowance(length: number): number {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}

/**
 * Are two words spellings of the same name word? Same skeleton, same length once doubled letters and
 * q/dh are normalised, and at most one or two vowels different: "Kataeb"/"Kataib", "Muhandis"/"Mohandes",
 * but not "Reagan"/"Regan" (a vowel fewer: two people) nor "Fed"/"Food".
 */
export function similarWords(a: string, b: string): boolean {
  if (a === b) return true;
  if (skeletonWord(a) !== skeletonWord(b)) return false;
  const la = lightWord(a);
  const lb = lightWord(b);
  if (la.length !== lb.length) return false;
  return editDistance(la, lb, 3) <= allowance(la.length);
}

/** Are two names (as word lists) spellings of the same name, word by word? */
export function similarNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  // One word is little evidence: alone, "Loser" and "Lusser" are two names; only q/dh and doubled letters
  // may differ ("Qasem" / "Qassem"). Names of several words confirm each other.
  if (a.length === 1) return a[0] === b[0] || lightWord(a[0]!) === lightWord(b[0]!);
  return a.every((w, i) => similarWords(w, b[i]!));
}

/**
 * Is `short` a shorter way of writing the person `long`: its words, in order, among long's, ending with
 * long's last word ("Soleimani" of "Qassem Soleimani", "Mohammad Zarif" of "Mohammad Javad Zarif")?
 * Never a first name alone, and never a different first name ("Laith al-Khazali" is not "Qais al-Khazali").
 */
export function shortFormOf(short: readonly string[], long: readonly string[]): boolean {
  if (short.length === 0 || short.length >= long.length) return false;
  const a = short[short.length - 1]!;
  const b = long[long.length - 1]!;
  if (short.length === 1 ? lightWord(a) !== lightWord(b) : !similarWords(a, b)) return false;
  let j = 0;
  for (const w of short.slice(0, -1)) {
    while (j < long.length - 1 && !similarWords(w, long[j]!)) j++;
    if (j >= long.length - 1) return false;
    j++;
  }
  return true;
}

/**
 * Is `typed`, a word the corpus never writes, a transliteration of the corpus's name word `name`? The
 * topic searches' rule for a word typed with a spelling the corpus lacks (entities-spellings.ts,
 * `unwrittenSpellings`); both are name keys (`nameWords`: lower case, "al-" dropped).
 *
 * The merge's own word test (`similarWords`) first: it holds for the pairs the entity table merges on real
 * corpora (Timeline17: "Moqtada"/"Muqtada", "Jaafari"/"Jaffari", "Ghalioun"/"Ghalyoun",
 * "Makdissi"/"Maqdisi", "Moualem"/"Muallem", "Shafik"/"Shafiq"; the seeds: "Kataib"/"Kataeb"), and for the
 * variants reporters type ("Qais"/"Qays", "Khazali"/"Khazaali", "Kadhimi"/"Kazemi"). Then the two letters of
 * Arabic that English writes several ways, which that test keeps apart: qaf as "q" or "g" and dhal as "dh"
 * or "d" ("Gaddafi"/"Qaddafi"/"Qadhafi"/"Gadhafi"; dictionary.com, "Gaddafi, Kadafi or Qaddafi? Why Is the
 * Libyan Leader's Name Spelled So Many Different Ways?", dictionary.com/e/gaddafi: "the first letter of
 * Gaddafi can be replaced with a q, k or gh sound"; The Christian Science Monitor, 22 February 2011,
 * "Gaddafi? Kadafi? Qaddafi? What's the correct spelling?"). "g" only against a written "q", so "Gerry"
 * never becomes "Kerry" (and "Kadafi" is not found for "Gaddafi": "k"/"g" is too common a difference
 * between two English names). Never a word of fewer than four letters or with a digit; a different
 * consonant skeleton is always another word ("Iran"/"Iraq", "Milley"/"Miller"). The rule cannot tell a
 * misspelt ordinary word from a name ("presidant"/"president" is one vowel, as "Kataib"/"Kataeb" is): the
 * callers only offer it words the corpus always writes capitalised.
 *
 * @example transliterated('kataib', 'kataeb') // true
 * @example transliterated('gaddafi', 'qadhafi') // true
 * @example transliterated('milley', 'miller') // false
 */
export function transliterated(typed: string, name: string): boolean {
  if (typed === name || typed.length < 4 || name.length < 4 || !/^[a-z]+$/.test(typed) || !/^[a-z]+$/.test(name)) return false;
  if (sameWordLoosely(typed, name)) return true;
  let a = typed.replace(/dh/g, 'd');
  let b = name.replace(/dh/g, 'd');
  if (a.includes('q') && !b.includes('q')) b = b.replace(/g(?!h)/g, 'q');
  else if (b.includes('q') && !a.includes('q')) a = a.replace(/g(?!h)/g, 'q');
  return (a !== typed || b !== name) && sameWordLoosely(a, b);
}

/**
 * `similarWords`, except that a short word (five letters or fewer once doubled letters and q/dh are set
 * aside) may differ only in the vowels English writes Arabic's three with: o/u, e/i, y/i ("Qais"/"Qays",
 * "Osama"/"Usama", "Morsi"/"Mursi"). Any vowel of five letters is another name too often: "Gerry"/"Gary",
 * "Milley"/"Malley", "Dara"/"Dhari" (Timeline17's Iraq), and "harrass" (for "harass") / "Harris"; nor may
 * it lose a letter ("seige", for "siege", is not Reuters' "Sigi").
 */
function sameWordLoosely(a: string, b: string): boolean {
  const la = lightWord(a);
  const lb = lightWord(b);
  if (la.length > 5 && lb.length > 5) return similarWords(a, b);
  return la.length === lb.length && arabicVowels(la) === arabicVowels(lb);
}

const arabicVowels = (word: string): string => word.replace(/y/g, 'i').replace(/o/g, 'u').replace(/e/g, 'i');
