// Chunking strategies over a range of a text. Every chunk keeps its character offsets into the
// source, so positions (line, page, heading) can be shown and a chunk found again.

export interface TextChunk {
  text: string;
  /** character offsets into the source text, end exclusive */
  start: number;
  end: number;
}

/** 'fit': paragraphs, long ones cut into windows of the model's own tokens that fit its input */
export const CHUNK_STRATEGIES = ['fit', 'paragraph', 'recursive', 'sentence', 'markdown', 'tokens'] as const;
export type ChunkStrategy = (typeof CHUNK_STRATEGIES)[number];

export interface ChunkOptions {
  strategy: ChunkStrategy;
  /** the most characters in a chunk, or tokens for the 'tokens' strategy */
  size: number;
  /** characters (or tokens) that consecutive chunks share */
  overlap: number;
  /** the recursive splitter's separators, tried in order ('' cuts anywhere) */
  separators: string[];
}

export type TokenCounter = (text: string) => number;

export const DEFAULT_SEPARATORS = ['\n\n', '\n', '。', '. ', ' ', ''];
/** Paragraphs, long ones cut into ~800-character windows. */
export const PARAGRAPH_CHUNKING: ChunkOptions = { strategy: 'paragraph', size: 800, overlap: 80, separators: DEFAULT_SEPARATORS };
/** The app's default: chunks that the current model reads whole (size and overlap are then derived from its input). */
export const DEFAULT_CHUNKING: ChunkOptions = { ...PARAGRAPH_CHUNKING, strategy: 'fit' };

/** Tokens a 'fit' chunk may have: the model's input less a margin for prefixes and tokenizer differences. */
export const fitTokenLimit = (maxTokens: number): number => Math.max(8, Math.floor(maxTokens * 0.9));
/** Beyond this much text, 'fit' sizes chunks from a sample of the text's tokens instead of counting every chunk's. */
export const FIT_COUNTED_CHARS = 1_000_000;

/**
 * 'fit' for a large input: character windows sized from a sample of its paragraphs, at the 10th
 * percentile of their characters per token, so that nearly every chunk fits the model's input.
 * Counting every chunk with the model's tokenizer reads about 1 MB/s here.
 */
export function sampledFit(texts: string[], count: TokenCounter, tokenLimit: number): { options: ChunkOptions; charsPerToken: number } {
  const specials = count('');
  const ratios: number[] = [];
  const total = texts.reduce((n, t) => n + t.length, 0);
  const step = Math.max(1, Math.floor(total / 200_000));
  let offset = 0;
  for (const text of texts) {
    // about 200,000 characters, in pieces of up to 1,000 spread evenly over the input
    for (let at = (step - (offset % step)) % step; at < text.length; at += step * 1000) {
      const piece = text.slice(at, at + 1000);
      const tokens = count(piece) - specials;
      if (piece.trim().length >= 100 && tokens > 0) ratios.push(piece.length / tokens);
    }
    offset += text.length;
  }
  ratios.sort((a, b) => a - b);
  const charsPerToken = ratios.length > 0 ? ratios[Math.floor(ratios.length * 0.1)]! : 3;
  const size = Math.max(50, Math.floor(tokenLimit * charsPerToken));
  return { options: { ...PARAGRAPH_CHUNKING, size, overlap: Math.floor(size / 10) }, charsPerToken };
}

/** Tokens consecutive windows of one long paragraph share under 'fit'. */
const fitOverlap = (limit: number) => Math.floor(limit / 10);

type Range = [number, number];

const SENTENCE_END = /[.!?。！？；;]["'”’)\]]*\s*$/u;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

/** Where to cut text[start, limit): after the last sentence end, else the last whitespace, else at limit. */
function findBreak(text: string, start: number, limit: number): number {
  const minimum = start + Math.floor((limit - start) / 2);
  for (let i = limit; i > minimum; i--) {
    if (SENTENCE_END.test(text.slice(Math.max(start, i - 4), i)) && /[.!?。！？；;"'”’)\]\s]/u.test(text[i - 1]!)) return i;
  }
  for (let i = limit; i > minimum; i--) {
    if (/\s/u.test(text[i - 1]!)) return i;
  }
  return safeCut(text, limit);
}

/** Never split a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

function trimmed(text: string, start: number, end: number): TextChunk | null {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end > start ? { text: text.slice(start, end), start, end } : null;
}

/** Windows of at most `size` characters with about `overlap` shared, preferring sentence ends. */
export function splitByCharacters(text: string, start: number, end: number, size: number, overlap: number): Range[] {
  overlap = Math.max(0, Math.min(overlap, Math.floor(size / 2)));
  const ranges: Range[] = [];
  let position = start;
  while (position < end) {
    const limit = Math.min(end, position + size);
    const cut = limit === end ? end : Math.max(position + 1, findBreak(text, position, limit));
    ranges.push([position, cut]);
    if (cut >= end) break;
    // step back by the overlap, to a word start, but always move forward
    let next = Math.max(position + 1, cut - overlap);
    if (overlap > 0) {
      while (next < cut && !/\s/u.test(text[next - 1]!)) next++;
      if (next >= cut) next = cut;
    }
    position = next;
  }
  return ranges;
}

/** Consecutive pieces joined into chunks of at most `size`, the next chunk starting with up to `overlap` of the last. */
function mergePieces(pieces: Range[], size: number, overlap: number, splitLong: (piece: Range) => Range[]): Range[] {
  const out: Range[] = [];
  let current: Range[] = [];
  let fresh = false;
  const flush = () => {
    if (fresh) out.push([current[0]![0], current.at(-1)![1]]);
    fresh = false;
    while (current.length > 0 && current.at(-1)![1] - current[0]![0] > overlap) current.shift();
  };
  for (const piece of pieces) {
    if (piece[1] - piece[0] > size) {
      flush();
      current = [];
      out.push(...splitLong(piece));
      continue;
    }
    if (current.length > 0 && piece[1] - current[0]![0] > size) {
      flush();
      while (current.length > 0 && piece[1] - current[0]![0] > size) current.shift();
    }
    current.push(piece);
    fresh = true;
  }
  flush();
  return out;
}

/** Splits [start, end) at every occurrence of `separator`, which stays at the end of its piece. */
function piecesBetween(text: string, start: number, end: number, separator: string): Range[] {
  const pieces: Range[] = [];
  let from = start;
  for (let at = text.indexOf(separator, from); at >= 0 && at + separator.length <= end; at = text.indexOf(separator, from)) {
    pieces.push([from, at + separator.length]);
    from = at + separator.length;
  }
  if (from < end) pieces.push([from, end]);
  return pieces;
}

/** LangChain's RecursiveCharacterTextSplitter: the first separator that occurs splits, longer pieces recurse. */
export function splitRecursively(text: string, start: number, end: number, separators: string[], size: number, overlap: number): Range[] {
  if (end - start <= size) return [[start, end]];
  const index = separators.findIndex(
    (s) =>
      s !== '' &&
      (() => {
        const at = text.indexOf(s, start);
        return at >= 0 && at + s.length <= end;
      })(),
  );
  if (index < 0) {
    // only '' (or nothing) is left: cut by characters
    return splitByCharacters(text, start, end, size, separators.includes('') ? overlap : 0);
  }
  const rest = separators.slice(index + 1);
  return mergePieces(piecesBetween(text, start, end, separators[index]!), size, overlap, ([s, e]) => splitRecursively(text, s, e, rest, size, overlap));
}

/** Sentence ends: . ! ? followed by space, and 。！？； anywhere. */
export function sentenceRanges(text: string, start: number, end: number): Range[] {
  const ranges: Range[] = [];
  const boundary = /[.!?]["'”’)\]]*\s+|[。！？；]["'”’」』)\]]*\s*|\n\s*\n\s*/gu;
  boundary.lastIndex = start;
  let from = start;
  for (let m = boundary.exec(text); m && m.index < end; m = boundary.exec(text)) {
    const to = Math.min(end, m.index + m[0].length);
    if (to > from) ranges.push([from, to]);
    from = to;
  }
  if (from < end) ranges.push([from, end]);
  return ranges;
}

function splitBySentences(text: string, start: number, end: number, size: number, overlap: number): Range[] {
  return mergePieces(sentenceRanges(text, start, end), size, overlap, ([s, e]) => splitByCharacters(text, s, e, size, overlap));
}

/** Paragraphs (blank lines) that `fits`; the others cut by `splitLong`. */
function splitParagraphRanges(
  text: string,
  start: number,
  end: number,
  fits: (start: number, end: number) => boolean,
  splitLong: (start: number, end: number) => Range[],
): Range[] {
  const ranges: Range[] = [];
  const separator = /\n[ \t]*\n\s*/g;
  separator.lastIndex = start;
  let from = start;
  const flush = (to: number) => {
    const paragraph = trimmed(text, from, to);
    if (!paragraph) return;
    if (fits(paragraph.start, paragraph.end)) ranges.push([paragraph.start, paragraph.end]);
    else ranges.push(...splitLong(paragraph.start, paragraph.end));
  };
  for (let m = separator.exec(text); m && m.index < end; m = separator.exec(text)) {
    flush(m.index);
    from = m.index + m[0].length;
  }
  flush(end);
  return ranges;
}

/** Sections between headings (their offsets given); long sections split recursively. */
function splitAtHeadings(text: string, start: number, end: number, headingStarts: number[], size: number, overlap: number): Range[] {
  const cuts = [start, ...headingStarts.filter((h) => h > start && h < end), end];
  const ranges: Range[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) ranges.push(...splitRecursively(text, cuts[i]!, cuts[i + 1]!, DEFAULT_SEPARATORS, size, overlap));
  return ranges;
}

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
const estimateFor = (count: TokenCounter): TokenEstimate => {
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

export interface ChunkContext {
  /** headings of the document, by offset, for the Markdown strategy */
  headingStarts?: number[];
  countTokens?: TokenCounter;
  /** the most tokens a 'fit' chunk may have (see fitTokenLimit) */
  tokenLimit?: number;
}

/** Chunks text[start, end) with the chosen strategy; empty chunks dropped, whitespace trimmed. */
export function chunkRange(text: string, start: number, end: number, options: ChunkOptions, context: ChunkContext = {}): TextChunk[] {
  const size = Math.max(1, Math.floor(options.size));
  const overlap = Math.max(0, Math.min(Math.floor(options.overlap), size - 1));
  let ranges: Range[];
  switch (options.strategy) {
    case 'recursive':
      ranges = splitRecursively(text, start, end, options.separators.length > 0 ? options.separators : DEFAULT_SEPARATORS, size, overlap);
      break;
    case 'sentence':
      ranges = splitBySentences(text, start, end, size, overlap);
      break;
    case 'markdown':
      ranges = splitAtHeadings(text, start, end, context.headingStarts ?? [], size, overlap);
      break;
    case 'tokens':
      if (!context.countTokens) throw new Error('token chunking needs the model’s tokenizer');
      ranges = splitByTokens(text, start, end, size, overlap, context.countTokens);
      break;
    case 'fit': {
      const { countTokens: count, tokenLimit: limit } = context;
      if (!count || !limit) throw new Error('chunks that fit the model need its tokenizer and input size');
      ranges = splitParagraphRanges(
        text,
        start,
        end,
        (s, e) => estimateFor(count).fits(text, s, e, limit),
        (s, e) => splitByTokens(text, s, e, limit, fitOverlap(limit), count),
      );
      break;
    }
    default:
      ranges = splitParagraphRanges(
        text,
        start,
        end,
        (s, e) => e - s <= size,
        (s, e) => splitByCharacters(text, s, e, size, overlap),
      );
  }
  const chunks: TextChunk[] = [];
  for (const [s, e] of ranges) {
    const chunk = trimmed(text, s, e);
    if (chunk) chunks.push(chunk);
  }
  return chunks;
}

/** Paragraphs (blank lines), long ones cut into windows: the default strategy on a whole text. */
export function splitParagraphs(text: string, options: Pick<ChunkOptions, 'size' | 'overlap'> = PARAGRAPH_CHUNKING): TextChunk[] {
  if (options.size < 1) throw new RangeError('the chunk size must be at least 1');
  return chunkRange(text, 0, text.length, { ...PARAGRAPH_CHUNKING, ...options, strategy: 'paragraph' });
}
