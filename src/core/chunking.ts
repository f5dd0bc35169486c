// Splits text into chunks: paragraphs first (blank lines), then long paragraphs by a character
// window with overlap that prefers to break after a sentence end, then at whitespace.

export interface TextChunk {
  text: string;
  /** character offsets into the source text, end exclusive */
  start: number;
  end: number;
}

export interface ChunkOptions {
  maxChars: number;
  overlap: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { maxChars: 800, overlap: 80 };

const SENTENCE_END = /[.!?。！？；;]["'”’)\]]*\s*$/u;

/** Where to cut text[start, limit): after the last sentence end, else the last whitespace, else at limit. */
function findBreak(text: string, start: number, limit: number): number {
  const minimum = start + Math.floor((limit - start) / 2);
  for (let i = limit; i > minimum; i--) {
    if (SENTENCE_END.test(text.slice(Math.max(start, i - 4), i)) && /[.!?。！？；;"'”’)\]\s]/u.test(text[i - 1]!)) return i;
  }
  for (let i = limit; i > minimum; i--) {
    if (/\s/u.test(text[i - 1]!)) return i;
  }
  // never split a surrogate pair
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

function trimmed(text: string, start: number, end: number): TextChunk | null {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end > start ? { text: text.slice(start, end), start, end } : null;
}

export function splitByCharacters(text: string, start: number, end: number, options: ChunkOptions): TextChunk[] {
  const { maxChars } = options;
  const overlap = Math.max(0, Math.min(options.overlap, Math.floor(maxChars / 2)));
  const chunks: TextChunk[] = [];
  let position = start;
  while (position < end) {
    const limit = Math.min(end, position + maxChars);
    const cut = limit === end ? end : findBreak(text, position, limit);
    const chunk = trimmed(text, position, cut);
    if (chunk) chunks.push(chunk);
    if (cut >= end) break;
    // step back by the overlap, but always move forward
    let next = Math.max(position + 1, cut - overlap);
    if (overlap > 0) {
      while (next < cut && !/\s/u.test(text[next - 1]!)) next++;
      if (next >= cut) next = cut;
    }
    position = next;
  }
  return chunks;
}

export function splitParagraphs(text: string, options: ChunkOptions = DEFAULT_CHUNKING): TextChunk[] {
  if (options.maxChars < 1) throw new RangeError('maxChars must be at least 1');
  const chunks: TextChunk[] = [];
  const separator = /\n[ \t]*\n\s*/g;
  let start = 0;
  const flush = (end: number) => {
    const paragraph = trimmed(text, start, end);
    if (!paragraph) return;
    if (paragraph.text.length <= options.maxChars) chunks.push(paragraph);
    else chunks.push(...splitByCharacters(text, paragraph.start, paragraph.end, options));
  };
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    flush(match.index);
    start = match.index + match[0].length;
  }
  flush(text.length);
  return chunks;
}
