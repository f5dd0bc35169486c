// The benchmark's input: the demo corpus split into sentence-sized chunks, cycled to `count`;
// repeats are numbered so that every text is distinct (the embedding cache must not serve them).
import { PARAGRAPH_CHUNKING } from '../src/core/chunking';
import { chunkDocuments, parseTopicMarkdown } from '../src/core/corpus';

export const BENCH_CHUNKS = 1000;
/** each timing is the best of this many rounds, browser and native alike */
export const ROUNDS = 5;

export function benchTexts(corpusMarkdown: string, count = BENCH_CHUNKS): string[] {
  const { texts } = chunkDocuments(parseTopicMarkdown(corpusMarkdown), { ...PARAGRAPH_CHUNKING, size: 200, overlap: 0 });
  return Array.from({ length: count }, (_, i) => (i < texts.length ? texts[i]! : `${texts[i % texts.length]!} (${Math.floor(i / texts.length)})`));
}
