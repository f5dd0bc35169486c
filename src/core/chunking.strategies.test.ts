import { describe, expect, it } from 'vitest';
import { chunkRange, DEFAULT_CHUNKING } from './chunking';
import { sentenceRanges, splitRecursively } from './textSplit';
import { chunkDocuments } from './corpus';
import { markdownHeadings } from './ingest/markdown';

const options = (strategy: typeof DEFAULT_CHUNKING.strategy, size: number, overlap = 0) => ({ ...DEFAULT_CHUNKING, strategy, size, overlap });
const texts = (text: string, o: typeof DEFAULT_CHUNKING, context = {}) => chunkRange(text, 0, text.length, o, context).map((c) => c.text);

describe('recursive character splitter', () => {
  it('splits at the first separator that occurs and merges pieces up to the size', () => {
    const text = 'aaaa bbbb\n\ncccc dddd eeee\n\nff';
    expect(texts(text, options('recursive', 12))).toEqual(['aaaa bbbb', 'cccc dddd', 'eeee', 'ff']);
    expect(texts(text, options('recursive', 40))).toEqual([text]);
  });

  it('overlaps merged pieces by at most the overlap', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${String(i).padStart(2, '0')}`).join(' ');
    const ranges = splitRecursively(words, 0, words.length, [' '], 40, 12);
    for (const [s, e] of ranges) expect(e - s).toBeLessThanOrEqual(40);
    for (let i = 1; i < ranges.length; i++) {
      const shared = ranges[i - 1]![1] - ranges[i]![0];
      expect(shared).toBeGreaterThan(0);
      expect(shared).toBeLessThanOrEqual(12);
    }
    expect(ranges.at(-1)![1]).toBe(words.length);
  });

  it('keeps offsets into the source text, and splits CJK at 。', () => {
    const text = '星系很大。恒星很多。行星围绕恒星运行。';
    const chunks = chunkRange(text, 0, text.length, { ...options('recursive', 8), separators: ['。', ''] });
    expect(chunks.map((c) => c.text)).toEqual(['星系很大。', '恒星很多。', '行星围绕恒星运行', '。']);
    for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
  });
});

describe('sentences', () => {
  it('ends sentences at . ! ? before a space and at 。！？； anywhere', () => {
    const text = 'One. Two! 三个。四个！五？六；Seven?';
    expect(sentenceRanges(text, 0, text.length).map(([s, e]) => text.slice(s, e).trim())).toEqual([
      'One.',
      'Two!',
      '三个。',
      '四个！',
      '五？',
      '六；',
      'Seven?',
    ]);
  });

  it('groups sentences up to the size', () => {
    expect(texts('Aa aa. Bb bb. Cc cc. Dd dd.', options('sentence', 14))).toEqual(['Aa aa. Bb bb.', 'Cc cc. Dd dd.']);
  });
});

describe('Markdown headings', () => {
  it('starts a chunk at each heading and gives each chunk its heading path', () => {
    const text = '# Guide\nIntro text.\n## Install\nRun it.\n## Use\nClick it.';
    const table = chunkDocuments([{ name: 'g.md', format: 'markdown', text, headings: markdownHeadings(text) }], options('markdown', 200));
    expect(table.texts).toEqual(['# Guide\nIntro text.', '## Install\nRun it.', '## Use\nClick it.']);
    expect(table.headings).toEqual(['Guide', 'Guide › Install', 'Guide › Use']);
    expect(Array.from(table.lines)).toEqual([1, 3, 5]);
  });
});

describe('tokens', () => {
  // a stand-in tokenizer: one token per word, one per CJK character
  const count = (s: string) => (s.match(/[\u4e00-\u9fff]|[^\s\u4e00-\u9fff]+/gu) ?? []).length;

  it('makes windows of at most the size in tokens, sharing the overlap', () => {
    const text = Array.from({ length: 25 }, (_, i) => `t${i}`).join(' ');
    const chunks = texts(text, options('tokens', 10, 3), { countTokens: count });
    expect(chunks.map(count)).toEqual([10, 10, 10, 4]);
    expect(chunks[1]!.startsWith('t7 ')).toBe(true);
  });

  it('cuts between CJK characters and needs a tokenizer', () => {
    const chunks = texts('银河系是一个棒旋星系', options('tokens', 4), { countTokens: count });
    expect(chunks).toEqual(['银河系是', '一个棒旋', '星系']);
    expect(() => texts('x', options('tokens', 4))).toThrow(/tokenizer/);
  });
});

describe('positions', () => {
  it('gives each chunk of a plain text its line', () => {
    const table = chunkDocuments([{ name: 'a.txt', text: 'first\n\nsecond\nstill second\n\n\nthird' }]);
    expect(Array.from(table.lines)).toEqual([1, 3, 7]);
    expect(Array.from(table.pages)).toEqual([0, 0, 0]);
    expect(Array.from(table.sectionIds)).toEqual([-1, -1, -1]);
  });
});
