// How much of a text a dense model can read: the writing systems present, against the languages
// the model declares. A model that does not read a script turns its characters into the same few
// unknown tokens, so chunks in that script get near-identical vectors and dense scores there are
// noise; hybrid search then has to lean on BM25 (which reads every script) and the user should
// hear why.

export type Script = 'latin' | 'greek' | 'cyrillic' | 'hebrew' | 'arabic' | 'devanagari' | 'thai' | 'hangul' | 'kana' | 'han' | 'emoji' | 'other';

export const SCRIPT_NAMES: Record<Script, string> = {
  latin: 'Latin-script',
  greek: 'Greek',
  cyrillic: 'Cyrillic-script',
  hebrew: 'Hebrew',
  arabic: 'Arabic-script',
  devanagari: 'Devanagari',
  thai: 'Thai',
  hangul: 'Korean',
  kana: 'Japanese',
  han: 'Chinese',
  emoji: 'emoji',
  other: 'other-script',
};

/** Letters (and emoji) per script; digits, punctuation and spaces count for none. */
export type ScriptCounts = Partial<Record<Script, number>>;

const RANGES: [number, number, Script][] = [
  [0x0041, 0x005a, 'latin'],
  [0x0061, 0x007a, 'latin'],
  [0x00c0, 0x024f, 'latin'],
  [0x0370, 0x03ff, 'greek'],
  [0x0400, 0x052f, 'cyrillic'],
  [0x0590, 0x05ff, 'hebrew'],
  [0x0600, 0x06ff, 'arabic'],
  [0x0750, 0x077f, 'arabic'],
  [0x0900, 0x097f, 'devanagari'],
  [0x0e00, 0x0e7f, 'thai'],
  [0x1100, 0x11ff, 'hangul'],
  [0x1e00, 0x1eff, 'latin'],
  [0x1f00, 0x1fff, 'greek'],
  [0x2600, 0x27bf, 'emoji'],
  [0x3040, 0x30ff, 'kana'],
  [0x3130, 0x318f, 'hangul'],
  [0x3400, 0x4dbf, 'han'],
  [0x4e00, 0x9fff, 'han'],
  [0xac00, 0xd7af, 'hangul'],
  [0xf900, 0xfaff, 'han'],
  [0x1f000, 0x1faff, 'emoji'],
  [0x20000, 0x2ffff, 'han'],
];

const LETTER = /\p{L}/u;

function scriptOf(code: number): Script | null {
  if (code < 0x41) return null;
  for (const [from, to, script] of RANGES) {
    if (code < from) break;
    if (code <= to) return script;
  }
  return code > 0x7f && LETTER.test(String.fromCodePoint(code)) ? 'other' : null;
}

/** Script counts of the texts; past `maxChars` characters in all, texts are sampled evenly so the cost stays bounded. */
export function scriptCounts(texts: readonly string[], maxChars = 2_000_000): ScriptCounts {
  const counts: ScriptCounts = {};
  const total = texts.reduce((n, t) => n + t.length, 0);
  const picks = total > maxChars ? Math.max(1, Math.floor((texts.length * maxChars) / total)) : texts.length;
  for (let k = 0; k < picks; k++) {
    // a golden-ratio sequence spreads the sample over the corpus without falling into its rhythms
    const t = picks === texts.length ? k : Math.floor(((k * 0.6180339887498949) % 1) * texts.length);
    for (const char of texts[t]!) {
      const script = scriptOf(char.codePointAt(0)!);
      if (script) counts[script] = (counts[script] ?? 0) + 1;
    }
  }
  return counts;
}

const LANGUAGE_SCRIPTS: Record<string, Script[]> = {
  zh: ['han', 'latin'],
  ja: ['kana', 'han', 'latin'],
  ko: ['hangul', 'latin'],
  ru: ['cyrillic', 'latin'],
  uk: ['cyrillic', 'latin'],
  el: ['greek', 'latin'],
  ar: ['arabic', 'latin'],
  he: ['hebrew', 'latin'],
  hi: ['devanagari', 'latin'],
  th: ['thai', 'latin'],
};

/** The scripts a model reads from its declared languages; null when it reads them all or says nothing. */
export function modelScripts(languages: readonly string[]): Set<Script> | null {
  if (languages.some((l) => l.startsWith('multilingual') || l === 'unknown') || languages.length === 0) return null;
  return new Set(languages.flatMap((l) => LANGUAGE_SCRIPTS[l] ?? ['latin']));
}

/** Share of the letters the model reads (1 with no letters at all, or a model that reads everything). */
export function readableShare(counts: ScriptCounts, reads: Set<Script> | null): number {
  let all = 0;
  let readable = 0;
  for (const [script, n] of Object.entries(counts) as [Script, number][]) {
    all += n;
    if (!reads || reads.has(script)) readable += n;
  }
  return all === 0 ? 1 : readable / all;
}

/** The largest script the model does not read, with its share of the letters. */
export function mainUnreadable(counts: ScriptCounts, reads: Set<Script> | null): { script: Script; share: number } | null {
  if (!reads) return null;
  const all = Object.values(counts).reduce((a, n) => a + n, 0);
  const [script, n] = (Object.entries(counts) as [Script, number][]).filter(([s]) => !reads.has(s)).sort((a, b) => b[1] - a[1])[0] ?? [];
  return script && all > 0 ? { script, share: n! / all } : null;
}

/** Below this share of readable letters the dense model is said not to read the text. */
export const READABLE_ENOUGH = 0.8;

/**
 * How much hybrid search trusts the dense ranking, from the readable shares of the corpus and the
 * query: fully from READABLE_ENOUGH up, falling as the square below, so a blind retriever adds
 * next to nothing to the fusion.
 */
export function denseTrust(corpusShare: number, queryShare: number): number {
  const share = Math.min(corpusShare, queryShare);
  return share >= READABLE_ENOUGH ? 1 : (share / READABLE_ENOUGH) ** 2;
}

export interface CoverageReport {
  /** readable share of the corpus's letters */
  corpus: number;
  /** readable share of the query's letters, null without a query */
  query: number | null;
  /** the weight hybrid gives dense search, as a share of the user's */
  trust: number;
  /** said where scores are shown, null when the model reads the text */
  warning: string | null;
}

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  zh: 'Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  ru: 'Russian',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** What the dense model can read of a corpus and a query, and the warning to show when it cannot. */
export function coverageReport(model: { label: string; languages: readonly string[] }, corpus: ScriptCounts, query: string | null): CoverageReport {
  const reads = modelScripts(model.languages);
  const corpusShare = readableShare(corpus, reads);
  const queryCounts = query === null ? null : scriptCounts([query]);
  const queryShare = queryCounts === null ? null : readableShare(queryCounts, reads);
  const trust = denseTrust(corpusShare, queryShare ?? 1);
  if (trust === 1) return { corpus: corpusShare, query: queryShare, trust, warning: null };
  const reader = `${model.label} reads ${model.languages.map((l) => LANGUAGE_NAMES[l] ?? l).join(', ')}`;
  const corpusBlind = corpusShare < READABLE_ENOUGH;
  const unread = mainUnreadable(corpusBlind ? corpus : queryCounts!, reads)!;
  const what = corpusBlind ? 'this corpus' : 'this query';
  const warning =
    `${reader}; ${percent(unread.share)} of ${what} is ${SCRIPT_NAMES[unread.script]} text: dense scores here are noise — ` +
    `BM25 carries hybrid (dense weighs ${percent(trust)} of its setting); a multilingual model can be picked under Model.`;
  return { corpus: corpusShare, query: queryShare, trust, warning };
}

/** What retrieval needs to weigh dense search by readability: the model's scripts and the corpus's readable share. */
export interface DenseReading {
  /** null: the model reads every script */
  reads: Script[] | null;
  corpus: number;
}

/** Hybrid's trust in dense search for one query under a reading (1 without one). */
export function queryTrust(reading: DenseReading | undefined, query: string): number {
  if (!reading?.reads) return 1;
  return denseTrust(reading.corpus, readableShare(scriptCounts([query]), new Set(reading.reads)));
}
