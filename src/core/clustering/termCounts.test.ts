import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { TermCounts } from './termCounts';

describe('term counts', () => {
  it('counts a phrase that reaches the minimum in a cluster exactly, among a hundred thousand pairs that occur once', () => {
    const random = seededRandom(2);
    const word = () => `w${Math.floor(random() * 1e9).toString(36)}x`;
    const filler = Array.from({ length: 2000 }, () => Array.from({ length: 51 }, word).join(' '));
    const texts = [
      ...filler,
      'quantum entanglement links particles',
      'entanglement, quantum', // punctuation between: not the pair
      'about quantum entanglement again',
      'quantum entanglement once more',
      'quantum entanglement in the noise',
      'tidal lock',
      'tidal lock',
    ];
    const labels = Int32Array.from([...filler.map((_, i) => i % 2), 0, 0, 0, 0, -1, 1, 1]);
    const counts = new TermCounts(texts, labels, 2, 3);
    const id = counts.texts.indexOf('quantum entanglement');
    expect(counts.isPair(id)).toBe(true);
    expect(counts.perCluster[0]!.get(id)).toBe(3);
    // the noise's occurrence counts towards the overall frequency
    expect(counts.overall[id]).toBe(4);
    expect(counts.chunksWith[id]).toBe(4);
    // twice in its cluster: never kept as a term
    expect(counts.texts).not.toContain('tidal lock');
    // words are all counted: 'quantum' in five chunks, four of them in cluster 0
    const quantum = counts.texts.indexOf('quantum');
    expect([counts.overall[quantum], counts.perCluster[0]!.get(quantum)]).toEqual([5, 4]);
    expect(counts.totals[0]! + counts.totals[1]!).toBe(2000 * 51 + 10 + 4);
  });
});
