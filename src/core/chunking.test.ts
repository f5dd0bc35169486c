import { describe, expect, it } from 'vitest';
import { splitParagraphs } from './chunking';
import { splitByCharacters } from './textSplit';

describe('splitParagraphs', () => {
  it('splits on blank lines and keeps offsets into the source', () => {
    const text = '  First paragraph.\nStill first.\n\n\n  Second one.  \n \nThird';
    const chunks = splitParagraphs(text, { size: 100, overlap: 0 });
    expect(chunks.map((c) => c.text)).toEqual(['First paragraph.\nStill first.', 'Second one.', 'Third']);
    for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('returns nothing for empty or whitespace-only text', () => {
    expect(splitParagraphs('', { size: 10, overlap: 0 })).toEqual([]);
    expect(splitParagraphs(' \n\n\t \n ', { size: 10, overlap: 0 })).toEqual([]);
  });

  it('splits a long paragraph at sentence ends, within the size limit', () => {
    const sentence = 'The orbit of a planet is an ellipse. ';
    const text = sentence.repeat(40);
    const chunks = splitParagraphs(text, { size: 200, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(200);
      expect(c.text.endsWith('.')).toBe(true);
      expect(text.slice(c.start, c.end)).toBe(c.text);
    }
  });

  it('overlaps consecutive windows by about the overlap', () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    const chunks = splitByCharacters(words, 0, words.length, 100, 30);
    for (let i = 1; i < chunks.length; i++) {
      const shared = chunks[i - 1]![1] - chunks[i]![0];
      expect(shared).toBeGreaterThan(10);
      expect(shared).toBeLessThanOrEqual(30);
    }
    expect(chunks.at(-1)![1]).toBe(words.length);
  });

  it('breaks Chinese text after 。！？ and never splits an emoji', () => {
    const text = '银河系是一个棒旋星系。它包含数千亿颗恒星！太阳位于其中一条旋臂上？'.repeat(10) + '🚀'.repeat(100);
    const chunks = splitParagraphs(text, { size: 50, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks[0]!.text).toMatch(/[。！？]$/u);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(50);
      expect(c.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    expect(chunks.map((c) => c.text).join('')).toBe(text);
  });

  it('cuts a 1 MB paragraph with no spaces into bounded chunks quickly', () => {
    const text = 'x'.repeat(1_000_000);
    const chunks = splitParagraphs(text, { size: 1000, overlap: 0 });
    expect(chunks).toHaveLength(1000);
    expect(chunks.every((c) => c.text.length === 1000)).toBe(true);
  });
});
