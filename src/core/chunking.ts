// Chunking strategies over a range of a text. Every chunk keeps its character offsets into the
// source, so positions (line, page, heading) can be shown and a chunk found again. The splitters
// themselves are textSplit.ts (characters, separators, sentences) and tokenSplit.ts (tokens).
import { type Range, splitByCharacters, splitBySentences, splitRecursively, type TextChunk, trimmed } from './textSplit';
import { estimateFor, splitByTokens, type TokenCounter } from './tokenSplit';

export type { TextChunk } from './textSplit';
export type { TokenCounter } from './tokenSplit';

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
