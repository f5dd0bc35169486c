// Text search over the chunks, as the search box does it: each word of the search must begin a
// word of the chunk ("hole" finds "holes", not "whole"), case-insensitively. Chinese, Japanese and
// Korean words are not set apart by spaces, so a search word in those scripts matches anywhere.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern per word of the search; none for an empty search. */
function patterns(search: string): RegExp[] {
  return search
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => new RegExp(CJK.test(word) ? escape(word) : `(?<![\\p{L}\\p{N}])${escape(word)}`, 'giu'));
}

/** Chunks whose text holds every word of the search at the start of a word (anywhere, for CJK words); empty search: none. */
export function searchChunks(texts: readonly string[], search: string): Uint8Array {
  const words = patterns(search);
  const matches = new Uint8Array(texts.length);
  if (words.length === 0) return matches;
  texts.forEach((text, i) => {
    if (words.every((w) => ((w.lastIndex = 0), w.test(text)))) matches[i] = 1;
  });
  return matches;
}

/** Where the search's words occur in a text, as [start, end) ranges in order, overlaps merged: what the panels highlight. */
export function searchRanges(text: string, search: string): [number, number][] {
  const found: [number, number][] = [];
  for (const pattern of patterns(search)) for (const m of text.matchAll(pattern)) found.push([m.index, m.index + m[0].length]);
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of found) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
