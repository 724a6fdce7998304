/**
 * News organisations and how articles name them: the one list of outlets and agencies that both the name
 * recogniser (an outlet is a source of the news, not a name in it: analyse/entities-words.ts) and the
 * report counter (who carried a sentence first: brief/reports.ts) read, and the dateline that credits a wire.
 */

/** A news organisation: the spellings it goes by (the first is the one shown), and whether it is a wire agency. */
export interface NewsOrganisation {
  names: readonly string[];
  /** A wire agency whose copy other outlets rerun ("NBC News/Reuters" carries Reuters' report). */
  wire?: boolean;
}

/**
 * News organisations that articles credit. Spellings are matched case-sensitively ("AP", not "ap"), whole
 * words, when a sentence attributes something to one (brief/reports.ts); the name recogniser matches them
 * folded to lower case. Names that are also ordinary words or people ("Time", "Fox", "The Hill") are not
 * here: see `OUTLET_WORDS`.
 */
export const NEWS_ORGANISATIONS: readonly NewsOrganisation[] = [
  { names: ['AFP', 'Agence France-Presse', 'Agence France Presse', 'French news agency'], wire: true },
  { names: ['Reuters', 'Reuter'], wire: true },
  { names: ['AP', 'Associated Press', 'The Associated Press'], wire: true },
  { names: ['Bloomberg', 'Bloomberg News'], wire: true },
  { names: ['Xinhua'], wire: true },
  { names: ['Kyodo'], wire: true },
  { names: ['TASS', 'Tass', 'ITAR-TASS'], wire: true },
  { names: ['Interfax'], wire: true },
  { names: ['DPA', 'dpa'], wire: true },
  { names: ['ANSA'], wire: true },
  { names: ['EFE'], wire: true },
  { names: ['Yonhap'], wire: true },
  { names: ['Jiji'], wire: true },
  { names: ['Anadolu'], wire: true },
  { names: ['IRNA'] },
  { names: ['Tasnim'] },
  { names: ['Fars'] },
  { names: ['ISNA'] },
  { names: ['Mehr'] },
  { names: ['SANA'] },
  { names: ['MENA', 'Middle East News Agency'] },
  { names: ['Sputnik'] },
  { names: ['RT'] },
  { names: ['Press TV'] },
  { names: ['The Washington Post', 'Washington Post'] },
  { names: ['The New York Times', 'New York Times'] },
  { names: ['The Wall Street Journal', 'Wall Street Journal'] },
  { names: ['Financial Times'] },
  { names: ['The Guardian'] },
  { names: ['The Times'] },
  { names: ['The Telegraph', 'Daily Telegraph'] },
  { names: ['The Economist'] },
  { names: ['Los Angeles Times'] },
  { names: ['USA Today'] },
  { names: ['Newsweek'] },
  { names: ['BBC'] },
  { names: ['CNN'] },
  { names: ['MSNBC'] },
  { names: ['NBC News', 'NBC'] },
  { names: ['CBS News', 'CBS'] },
  { names: ['ABC News', 'ABC'] },
  { names: ['Fox News'] },
  { names: ['NPR'] },
  { names: ['Politico'] },
  { names: ['Axios'] },
  { names: ['Antiwar.com'] },
  { names: ['Al Jazeera'] },
  { names: ['Al Arabiya'] },
  { names: ['Middle East Eye'] },
  { names: ['The Straits Times', 'Straits Times'] },
  { names: ['Sky News'] },
  { names: ['Le Monde'] },
  { names: ['Der Spiegel'] },
  { names: ['Asahi'] },
  { names: ['Nikkei'] },
];

/**
 * Words that name a source of the news but are not organisations a sentence credits: photo credits and
 * agencies ("STR/AFP via Getty Images"), platforms, and outlets whose names are also ordinary words, people
 * or part of other names ("Time", "Fox", "The Hill", "ST" for The Straits Times, "Guardian" of Iran's
 * Guardian Council). Lower case. The name recogniser skips
 * them with `NEWS_ORGANISATIONS`; the report counter never reads them.
 */
export const OUTLET_WORDS: readonly string[] = [
  'getty images', 'getty', 'str', 'st', 'epa', 'shutterstock', 'photo', 'image', 'images',
  'twitter', 'facebook', 'telegram', 'instagram', 'youtube', 'tiktok', 'whatsapp',
  'fox', 'time', 'the hill', 'guardian', 'economist',
];

/** A dateline opening an article's first sentence: "BAGHDAD (AFP) - ", "BAGHDAD – ", "WASHINGTON (Reuters) — ". */
export const DATELINE = /^\p{Lu}[\p{Lu}\p{M} .,'’-]{2,40}?(?:\s*\(([\p{L}\p{N} .&/-]{1,25})\))?\s*[-–—]{1,2}\s+(?=["“‘'(]?\p{Lu})/u;

/** The agency a dateline names: "BAGHDAD (AFP) - The American embassy …" → "AFP"; null without one. */
export function datelineAgency(text: string): string | null {
  return DATELINE.exec(text)?.[1]?.trim() || null;
}
