import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkDocuments, parseTopicMarkdown } from '../corpus';
import { clusterTerms } from './terms';
import { STOP_WORDS, terms } from './words';

describe('terms', () => {
  it('splits English and Chinese into words without stop words or numbers', () => {
    expect(terms('The black hole, in 2024, was 3 times larger!')).toEqual(['black', 'hole', 'times', 'larger']);
    expect(terms('黑洞是时空中引力极强的区域')).toEqual(['黑洞', '时空', '引力', '极', '强', '区域']);
  });
});

describe('words of spaced scripts', () => {
  it('cuts where Intl.Segmenter cuts (Unicode word boundaries), without it', () => {
    const text =
      "Don't stop: e.g. the U.S.A. spent 1,000,000 on foo_bar, a well-known C++ tool (node.js, x.org/a:b) — naïve café owners' gosa² python 3.x abc123 " +
      "l'été O’Reilly. Ελληνικά κείμενα και русский текст; señor Müller's Straße! 😀 emoji-laden, tab\tseparated\nlines";
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    const bySegmenter = [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());
    // the same words in the same order, once stop words, numbers and one-letter words are dropped
    expect(bySegmenter.filter((w) => /\p{L}/u.test(w) && w.length > 1 && !STOP_WORDS.has(w))).toEqual(terms(text));
  });
});

describe('class-based TF-IDF', () => {
  it('names each cluster by the words frequent in it and rare elsewhere', () => {
    const texts = [
      'The telescope saw a galaxy and a star.',
      'A star collapses into a black hole; the galaxy glows.',
      'Light from the star reached the telescope.',
      'Knead the dough and bake the bread in the oven.',
      'The oven bakes bread; the dough rises.',
      'Season the soup and taste the bread.',
      '锅里的米饭和汤都很香，米饭要蒸熟。',
      '米饭配汤，汤里放盐。',
    ];
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2]);
    const [space, kitchen, chinese] = clusterTerms(texts, labels, 3);
    expect(space).toEqual(['star', 'galaxy', 'telescope']);
    expect(kitchen).toEqual(['bread', 'dough', 'oven']);
    expect(chinese!.slice(0, 2)).toEqual(['汤', '米饭']);
  });

  it('noise counts towards frequency but gets no name; an empty cluster has no terms', () => {
    const names = clusterTerms(['apple apple pear', 'apple plum', 'kiwi'], Int32Array.from([0, -1, 2]), 3);
    expect(names[0]![0]).toBe('pear');
    expect(names[1]).toEqual([]);
    expect(names[2]).toEqual(['kiwi']);
  });

  it('a word found in every chunk names no cluster', () => {
    const topics = ['star galaxy telescope orbit', 'bread dough oven flour', 'river delta sediment flood', 'violin cello bow string'];
    const texts = topics.flatMap((words) => Array.from({ length: 6 }, (_, i) => `system ${words.split(' ')[i % 4]} ${words.split(' ')[(i + 1) % 4]} system`));
    const labels = Int32Array.from(texts.map((_, i) => Math.floor(i / 6)));
    const names = clusterTerms(texts, labels, 4);
    expect(names.flat()).not.toContain('system');
    expect(names.map((n) => n.length)).toEqual([3, 3, 3, 3]);
  });

  it('a phrase frequent in its cluster names it once, in place of its words', () => {
    const texts = [
      'A black hole bends light.',
      'Nothing escapes a black hole.',
      'The black hole at the centre of the galaxy.',
      'Stars orbit the black hole.',
      'Bread rises in a warm oven.',
      'The oven bakes bread.',
      'Knead the dough for the bread.',
      'Flour, water and salt make dough.',
    ];
    const [space] = clusterTerms(texts, Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), 2);
    expect(space![0]).toBe('black hole');
    expect(space).not.toContain('black');
    expect(space).not.toContain('hole');
  });

  it('on the demo corpus each name’s words come mostly from its own topic', () => {
    const table = chunkDocuments(parseTopicMarkdown(readFileSync('public/demo/corpus.md', 'utf8')));
    const names = clusterTerms(table.texts, table.sourceIds, table.sources.length);
    const words = (i: number) => ` ${terms(table.texts[i]!).join(' ')} `;
    for (const [topic, name] of names.entries()) {
      expect(name).toHaveLength(3);
      for (const term of name) {
        let own = 0;
        let elsewhere = 0;
        table.texts.forEach((_, i) => {
          if (!words(i).includes(` ${term} `)) return;
          if (table.sourceIds[i] === topic) own++;
          else elsewhere++;
        });
        expect(own, `"${term}" in ${table.sources[topic]}`).toBeGreaterThan(elsewhere);
      }
    }
  });
});
