// Text search over the chunks, as the search box does it.

/** Chunks whose text holds every word of the search (case-insensitive); empty search: none. */
export function searchChunks(texts: readonly string[], search: string): Uint8Array {
  const words = search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matches = new Uint8Array(texts.length);
  if (words.length === 0) return matches;
  texts.forEach((text, i) => {
    const lower = text.toLocaleLowerCase();
    if (words.every((w) => lower.includes(w))) matches[i] = 1;
  });
  return matches;
}
