// The benchmark's input: the demo corpus split into sentence-sized chunks, cycled to `count`.
import { chunkDocuments, parseTopicMarkdown } from '../src/core/corpus';

export const BENCH_CHUNKS = 1000;

export function benchTexts(corpusMarkdown: string, count = BENCH_CHUNKS): string[] {
  const { texts } = chunkDocuments(parseTopicMarkdown(corpusMarkdown), { maxChars: 200, overlap: 0 });
  return Array.from({ length: count }, (_, i) => texts[i % texts.length]!);
}
