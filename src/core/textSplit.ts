// Cutting a range of a text into pieces by characters: at sentence ends or whitespace, by a
// recursive list of separators (as LangChain's RecursiveCharacterTextSplitter), or by sentences.
// Pieces are [start, end) offsets into the source, so chunks keep their place in it.
export interface TextChunk {
  text: string;
  /** character offsets into the source text, end exclusive */
  start: number;
  end: number;
}

export type Range = [number, number];

const SENTENCE_END = /[.!?。！？；;]["'”’)\]]*\s*$/u;
export const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

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
export function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

export function trimmed(text: string, start: number, end: number): TextChunk | null {
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

export function splitBySentences(text: string, start: number, end: number, size: number, overlap: number): Range[] {
  return mergePieces(sentenceRanges(text, start, end), size, overlap, ([s, e]) => splitByCharacters(text, s, e, size, overlap));
}
