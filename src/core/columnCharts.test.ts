import { describe, expect, it } from 'vitest';
import { BINS, countsOf, filterMask, OTHER_VALUE, readColumn } from './columnCharts';

describe('column charts', () => {
  it('charts numbers as a histogram whose bars hold every value once', () => {
    const values = Array.from({ length: 100 }, (_, i) => String(i * 2));
    const reading = readColumn('score', [...values, '', 'NaN']);
    expect(reading.kind).toBe('number');
    expect(reading.bins).toHaveLength(BINS);
    expect(reading.bins.reduce((n, b) => n + b.count, 0)).toBe(100);
    expect([reading.bins[0]!.from, reading.bins.at(-1)!.to]).toEqual([0, 198]);
    expect(reading.missing).toBe(2);
    // numbers are told apart by value: 1 and 1.0 are one
    expect(reading.distinct).toBe(100);
    expect(readColumn('score', [...values, '2.0', '4e0']).distinct).toBe(100);
  });

  it('counts a few values by name, with the rest as other; a few distinct numbers are categories', () => {
    const values = [...Array(5).fill('news'), ...Array(3).fill('blog'), ...Array.from({ length: 20 }, (_, i) => `rare${i}`)];
    const reading = readColumn('kind', values);
    expect(reading.kind).toBe('category');
    expect(reading.categories.slice(0, 2)).toEqual([
      { name: 'news', count: 5 },
      { name: 'blog', count: 3 },
    ]);
    expect(reading.categories).toHaveLength(12);
    expect(reading.other).toBe(10);
    expect(reading.labels!.filter((l) => l === OTHER_VALUE)).toHaveLength(10);
    expect(readColumn('stars', ['1', '2', '5', '5']).kind).toBe('category');
  });

  it('reads dates in three formats on one timeline, and counts garbage as unreadable', () => {
    const reading = readColumn('published', ['2020-01-15', '03/01/2021', 'June 5, 2022', '2023-12-31T08:00:00Z', 'soon', '']);
    expect(reading.kind).toBe('date');
    expect(reading.unreadable).toBe(1);
    expect(reading.missing).toBe(1);
    expect(reading.bins[0]!.from).toBe(Date.UTC(2020, 0, 15));
    expect(reading.bins.reduce((n, b) => n + b.count, 0)).toBe(4);
    // a column of words where a few dates turn up is not read as dates
    const words = Array.from({ length: 5_000 }, (_, i) => (i % 50 === 0 ? '2021-05-01' : ['red', 'green', 'blue'][i % 3]!));
    expect(readColumn('colour', words)).toMatchObject({ kind: 'category', distinct: 4 });
  });

  it('charts 100,000 distinct short values as too many, and long texts by length', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `id-${i}`);
    const reading = readColumn('uuid', ids);
    expect(reading.kind).toBe('too-many');
    expect(reading.distinct).toBe(100_000);
    expect(reading.bins).toHaveLength(0);
    const texts = Array.from({ length: 30 }, (_, i) => `A summary sentence that runs long enough to be prose, number ${i}${'.'.repeat(i)}`);
    expect(readColumn('summary', texts).kind).toBe('text');
  });

  it('filters combine with and; a missing value passes no filter; a selection is counted per bar', () => {
    const year = readColumn(
      'year',
      Array.from({ length: 30 }, (_, i) => String(2000 + i)),
    );
    const kind = readColumn(
      'kind',
      Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'a' : i % 3 === 1 ? 'b' : '')),
    );
    const readings = new Map([
      ['year', year],
      ['kind', kind],
    ]);
    expect(filterMask(readings, [], 30)).toBeNull();
    const mask = filterMask(
      readings,
      [
        { column: 'year', range: [2010, 2019] },
        { column: 'kind', values: ['a'] },
      ],
      30,
    )!;
    const shown = [...mask.keys()].filter((i) => mask[i]);
    expect(shown).toEqual([12, 15, 18]);
    expect(countsOf(kind, [0, 1, 2, 3])).toEqual([2, 1, 0]);
    expect(countsOf(year, [0, 29]).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
