import { describe, expect, it } from 'vitest';
import { appendChunks, chunkDocuments, parseTopicMarkdown } from './corpus';

describe('chunk table', () => {
  it('records each chunk with its source and offsets', () => {
    const table = chunkDocuments([
      { name: 'a.txt', text: 'one\n\ntwo' },
      { name: 'b.txt', text: 'three' },
    ]);
    expect(table.texts).toEqual(['one', 'two', 'three']);
    expect(Array.from(table.sourceIds)).toEqual([0, 0, 1]);
    expect(Array.from(table.starts)).toEqual([0, 5, 0]);
    expect(table.sources).toEqual(['a.txt', 'b.txt']);
  });

  it('appends a second table, renumbering its sources', () => {
    const a = chunkDocuments([{ name: 'a', text: 'x' }]);
    const b = chunkDocuments([{ name: 'b', text: 'y\n\nz' }]);
    const both = appendChunks(a, b);
    expect(both.texts).toEqual(['x', 'y', 'z']);
    expect(Array.from(both.sourceIds)).toEqual([0, 1, 1]);
    expect(both.sources).toEqual(['a', 'b']);
  });

  it('parses topic Markdown into one document per heading', () => {
    const docs = parseTopicMarkdown('intro ignored\n# Space\nStars.\n\nPlanets.\n# Food\nBread.\n');
    expect(docs).toEqual([
      { name: 'Space', text: 'Stars.\n\nPlanets.' },
      { name: 'Food', text: 'Bread.' },
    ]);
  });
});
