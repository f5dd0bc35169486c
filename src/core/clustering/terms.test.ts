import { describe, expect, it } from 'vitest';
import { clusterTerms, terms } from './terms';

describe('terms', () => {
  it('splits English and Chinese into words without stop words or numbers', () => {
    expect(terms('The black hole, in 2024, was 3 times larger!')).toEqual(['black', 'hole', 'times', 'larger']);
    expect(terms('黑洞是时空中引力极强的区域')).toEqual(['黑洞', '时空', '引力', '极', '强', '区域']);
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
});
