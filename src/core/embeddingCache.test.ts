import { describe, expect, it } from 'vitest';
import { EmbeddingCache, embedThroughCache } from './embeddingCache';

describe('embedThroughCache', () => {
  const embed = (calls: string[][]) => async (texts: string[]) => {
    calls.push(texts);
    return { vectors: Float32Array.from(texts.flatMap((t) => [t.length, t.charCodeAt(0)])), dims: 2 };
  };

  it('embeds only texts it has not seen, keeping the input order', async () => {
    const cache = new EmbeddingCache();
    const calls: string[][] = [];
    const first = await embedThroughCache(['a', 'bb'], (t) => `m:${t}`, cache, embed(calls));
    expect(first.computed).toBe(2);
    const second = await embedThroughCache(['ccc', 'a', 'bb'], (t) => `m:${t}`, cache, embed(calls));
    expect(calls).toEqual([['a', 'bb'], ['ccc']]);
    expect(second.computed).toBe(1);
    expect(Array.from(second.vectors)).toEqual([3, 99, 1, 97, 2, 98]);
  });

  it('needs no model call at all when everything is cached', async () => {
    const cache = new EmbeddingCache();
    const calls: string[][] = [];
    await embedThroughCache(['x'], (t) => t, cache, embed(calls));
    const again = await embedThroughCache(['x', 'x'], (t) => t, cache, embed(calls));
    expect(calls).toHaveLength(1);
    expect(again).toMatchObject({ dims: 2, computed: 0 });
    expect(Array.from(again.vectors)).toEqual([1, 120, 1, 120]);
  });

  it('forgets the oldest entries beyond its capacity', () => {
    const cache = new EmbeddingCache(2);
    cache.set('a', new Float32Array(1));
    cache.set('b', new Float32Array(1));
    cache.set('c', new Float32Array(1));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});

describe('embedThroughCache, duplicates and a persistent store', () => {
  it('embeds a text that occurs many times once', async () => {
    const calls: string[][] = [];
    const result = await embedThroughCache(
      ['a', 'b', 'a', 'a'],
      (t) => t,
      new EmbeddingCache(),
      async (texts) => {
        calls.push(texts);
        return { vectors: Float32Array.from(texts.map((t) => t.charCodeAt(0))), dims: 1 };
      },
    );
    expect(calls).toEqual([['a', 'b']]);
    expect(Array.from(result.vectors)).toEqual([97, 98, 97, 97]);
  });

  it('takes what the persistent store holds before computing, across fresh memory caches', async () => {
    const disk = new Map<string, Float32Array>();
    const persistent = {
      getMany: async (keys: string[]) => keys.map((k) => disk.get(k)),
      putMany: async (entries: [string, Float32Array][]) => void entries.forEach(([k, v]) => disk.set(k, v)),
    };
    disk.set('x', Float32Array.of(5));
    const calls: string[][] = [];
    const result = await embedThroughCache(
      ['x', 'y'],
      (t) => t,
      new EmbeddingCache(),
      async (texts) => {
        calls.push(texts);
        return { vectors: Float32Array.of(7), dims: 1 };
      },
      persistent,
    );
    expect(calls).toEqual([['y']]);
    expect(result).toMatchObject({ computed: 1, stored: 1 });
    expect(Array.from(result.vectors)).toEqual([5, 7]);
  });
});
