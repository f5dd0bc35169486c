// Cutting a range of a text into windows of at most so many of a model's tokens, between words
// (or CJK characters), counting with the model's own tokenizer on as few candidates as it can.
import { CJK, type Range, safeCut } from './textSplit';

export type TokenCounter = (text: string) => number;

/** Places where a token window may end: word starts, and between CJK characters. */
function wordCuts(text: string, start: number, end: number): number[] {
  const cuts: number[] = [];
  for (let i = start + 1; i < end; i++) {
    const before = text[i - 1]!;
    const here = text[i]!;
    if ((/\s/u.test(before) && !/\s/u.test(here)) || CJK.test(here) || CJK.test(before)) cuts.push(i);
  }
  cuts.push(end);
  return cuts;
}

/** The last index in [lo, hi] for which `fits` holds, given that it holds up to some point and not after; lo - 1 if none. */
function lastFitting(lo: number, hi: number, fits: (i: number) => boolean): number {
  let answer = lo - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) {
      answer = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return answer;
}

/** Words longer than this are not tokenized to estimate them (some tokenizers overflow their stack on a megabyte). */
const LONG_WORD = 1000;
/** Typical characters per token, for a word too long to tokenize: it cannot fit a window anyway. */
const CHARS_PER_TOKEN = 4;
const WORD = /\S+/gu;

/**
 * Token counts of words, remembered. A tokenizer splits text at whitespace before it finds tokens,
 * so a text's tokens are within a few of the sum of its words' (226 of the 228 demo paragraphs
 * exactly, with the built-in model): windows are found from these sums, and each is then checked
 * with one real count. Tokenizing every candidate window instead costs minutes on 100 MB.
 */
class TokenEstimate {
  private readonly words = new Map<string, number>();
  readonly specials: number;

  constructor(readonly count: TokenCounter) {
    this.specials = count('');
  }

  private word(word: string): number {
    let tokens = this.words.get(word);
    if (tokens === undefined) {
      tokens = word.length > LONG_WORD ? Math.ceil(word.length / CHARS_PER_TOKEN) : Math.max(1, this.count(word) - this.specials);
      if (this.words.size > 500_000) this.words.clear();
      this.words.set(word, tokens);
    }
    return tokens;
  }

  /** About how many tokens text[start, end) has (a word cut by the range counts as its part). */
  of(text: string, start: number, end: number): number {
    let tokens = this.specials;
    WORD.lastIndex = start;
    for (let m = WORD.exec(text); m && m.index < end; m = WORD.exec(text)) {
      const wordEnd = Math.min(end, m.index + m[0].length);
      tokens += this.word(m.index + m[0].length > end ? text.slice(m.index, wordEnd) : m[0]);
    }
    return tokens;
  }

  /** Whether text[start, end) has at most `size` tokens: estimated, and counted when close. */
  fits(text: string, start: number, end: number, size: number): boolean {
    const estimate = this.of(text, start, end);
    if (estimate > size * 1.25) return false;
    if (estimate < size * 0.75) return true;
    return this.count(text.slice(start, end)) <= size;
  }
}

const estimates = new WeakMap<TokenCounter, TokenEstimate>();
/** One estimate per tokenizer: it learns that tokenizer's characters per token as it counts. */
export const estimateFor = (count: TokenCounter): TokenEstimate => {
  let estimate = estimates.get(count);
  if (!estimate) estimates.set(count, (estimate = new TokenEstimate(count)));
  return estimate;
};

/** Windows of at most `size` tokens of the model's tokenizer, `overlap` tokens shared, cut between words. */
export function splitByTokens(text: string, start: number, end: number, size: number, overlap: number, count: TokenCounter): Range[] {
  const tokens = estimateFor(count);
  if (tokens.fits(text, start, end, size)) return [[start, end]];
  const cuts = wordCuts(text, start, end);
  const ranges: Range[] = [];
  let position = start;
  let first = 0; // index of the first cut after position
  while (position < end) {
    while (cuts[first]! <= position) first++;
    // every word is at least one token: the window ends within `size` cuts; found by estimates, checked by a count
    const hi = Math.min(cuts.length - 1, first + size);
    let last = lastFitting(first, hi, (i) => tokens.of(text, position, cuts[i]!) <= size);
    if (last >= first && count(text.slice(position, cuts[last])) > size)
      last = lastFitting(first, last - 1, (i) => count(text.slice(position, cuts[i])) <= size);
    let cut: number;
    if (last >= first) cut = cuts[last]!;
    else {
      // one word longer than the window: cut inside it by characters
      const length = lastFitting(1, Math.min(cuts[first]! - position, size * LONG_WORD), (n) => count(text.slice(position, position + n)) <= size);
      cut = safeCut(text, position + Math.max(1, length));
    }
    ranges.push([position, cut]);
    if (cut >= end) break;
    if (overlap <= 0) {
      position = cut;
      continue;
    }
    // the earliest word start after position whose tail up to `cut` fits in the overlap
    const candidates: number[] = [];
    for (let i = first; i < cuts.length && cuts[i]! < cut; i++) candidates.push(cuts[i]!);
    candidates.reverse();
    // reversed, the tail grows with the index: the last one that fits starts earliest
    const from = lastFitting(0, candidates.length - 1, (i) => tokens.of(text, candidates[i]!, cut) <= overlap);
    position = from >= 0 ? candidates[from]! : cut;
  }
  return ranges;
}
