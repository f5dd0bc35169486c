import { describe, expect, it } from 'vitest';
import { finish } from '../steps';
import { fineClusterSteps, MIN_FINE_SPLIT, partsFor } from './fineClusters';

describe('finer clusters for labels that deepen with zoom', () => {
  it('splits a large cluster into its planted parts, named apart from the parent, and keeps a small one whole', () => {
    // cluster 0: two planted groups (cats, boats) in 4-d; cluster 1: a few rows
    const texts: string[] = [];
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20; i++) {
      const cats = i % 2 === 0;
      texts.push(cats ? `animal notes: cats purr and cats nap ${i}` : `animal notes: boats sail and boats float ${i}`);
      rows.push(cats ? [1, 0.1 * (i % 3), 0, 0] : [0, 0.1 * (i % 3), 1, 0]);
      labels.push(0);
    }
    for (let i = 0; i < 5; i++) {
      texts.push(`weather notes ${i}`);
      rows.push([0, 0, 0, 1]);
      labels.push(1);
    }
    const result = finish(fineClusterSteps(Float32Array.from(rows.flat()), 4, texts, Int32Array.from(labels), [['animal', 'notes'], ['weather']]));
    expect(result.clusters.map((c) => c.parent)).toEqual([0, 0, 1]);
    const names = result.clusters.slice(0, 2).map((c) => c.terms.join(' '));
    expect(names.some((n) => n.includes('cats'))).toBe(true);
    expect(names.some((n) => n.includes('boats'))).toBe(true);
    // the parent's words are left out: every sibling shares them
    expect(names.join(' ')).not.toContain('animal');
    // each part holds one planted group
    const catPart = result.labels[0]!;
    for (let i = 0; i < 20; i++) expect(result.labels[i] === catPart).toBe(i % 2 === 0);
    expect(result.clusters[2]).toEqual({ parent: 1, size: 5, terms: ['weather'] });
  });

  it('grows the number of parts with the cluster', () => {
    expect(partsFor(MIN_FINE_SPLIT - 1)).toBe(1);
    expect(partsFor(MIN_FINE_SPLIT)).toBe(2);
    expect(partsFor(1000)).toBe(5);
  });
});
