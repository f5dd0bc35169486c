import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { deflate, toBase64Url } from './bytes';
import { decodeSnapshot, encodeSnapshot, MAX_INFLATED_BYTES, SnapshotError, type ViewSnapshot } from './codec';

function view(count = 40, dims = 16): ViewSnapshot {
  const random = seededRandom(5);
  return {
    model: { id: 'orrery/use-lite', dtype: 'q8' },
    chunking: { strategy: 'fit', size: 115, overlap: 11 },
    corpus: {
      sources: ['Astronomy', 'Cooking <b>&amp;</b>'],
      texts: Array.from({ length: count }, (_, i) => (i === 3 ? '<script>alert(1)</script> is text' : `chunk ${i} — ünïcödé 黑洞`)),
      sourceIds: Int32Array.from({ length: count }, (_, i) => i % 2),
    },
    layout: { params: { method: 'umap', dims: 3, neighbours: 15 }, coords: Float32Array.from({ length: count * 3 }, () => random() * 20 - 10) },
    vectors: { dims, data: Float32Array.from({ length: count * dims }, () => random() - 0.5) },
    camera: { position: [1, 2, 23], target: [0.5, 0, 0], zoom: 1 },
    query: { text: 'How do black holes form?', vector: Float32Array.from({ length: dims }, () => random()), retrieval: { retriever: 'hybrid', topK: 5 } },
    goldMarks: { 'How do black holes form?': [0, 2] },
    selected: 4,
    chosen: [1, 2, 3],
    clusters: { labels: Int32Array.from({ length: count }, (_, i) => (i % 5 === 0 ? -1 : i % 3)), names: [['star', 'sun', 'galaxy'], ['bread'], ['x']] },
    colour: { mode: 'cluster', column: null, hidden: [2] },
    search: 'hole',
  };
}

const reject = (fragment: string) => expect(decodeSnapshot(fragment)).rejects.toBeInstanceOf(SnapshotError);

describe('snapshot codec', () => {
  it('round trips a view: texts exactly, coordinates within a 16-bit step, vectors within int8', async () => {
    const before = view();
    const link = await encodeSnapshot(before);
    expect(link).toMatch(/^o1\.[A-Za-z0-9_-]+$/);
    const after = await decodeSnapshot(`#${link}`);
    expect(after.corpus.texts).toEqual(before.corpus.texts);
    expect(after.corpus.sources).toEqual(before.corpus.sources);
    expect(Array.from(after.corpus.sourceIds)).toEqual(Array.from(before.corpus.sourceIds));
    const coordError = Math.max(...after.layout.coords.map((c, i) => Math.abs(c - before.layout.coords[i]!)));
    expect(coordError).toBeLessThan(20 / 65535 + 1e-5);
    const vectorError = Math.max(...after.vectors!.data.map((v, i) => Math.abs(v - before.vectors!.data[i]!)));
    expect(vectorError).toBeLessThan(0.5 / 127 + 1e-6);
    expect(Array.from(after.query!.vector!)).toEqual(Array.from(before.query!.vector!));
    const { corpus: _a, layout: _b, vectors: _c, query: _d, clusters, ...rest } = after;
    const { corpus: _e, layout: _f, vectors: _g, query: _h, clusters: clustersBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(Array.from(clusters!.labels)).toEqual(Array.from(clustersBefore!.labels));
  });

  it('reads the first version’s fixture (kept as written; a newer codec must still read it)', async () => {
    // written once by the first codec (view(12, 8) below); never regenerate it
    const fixture = await decodeSnapshot(readFileSync('src/core/snapshot/fixtures/v1.txt', 'utf8').trim());
    expect(fixture.corpus.texts[3]).toBe('<script>alert(1)</script> is text');
    expect(fixture.layout.params.method).toBe('umap');
    expect(fixture.vectors!.dims).toBe(8);
  });

  it('names a newer version, and refuses what is not a snapshot', async () => {
    await expect(decodeSnapshot('#o7.AAAA')).rejects.toThrow('this snapshot is version 7, made by a newer Orrery; this one reads up to version 1');
    await expect(decodeSnapshot('#hello')).rejects.toThrow('not an Orrery snapshot');
    await expect(decodeSnapshot('#o1.not base64!')).rejects.toThrow('characters a link cannot');
  });

  it('a truncated or corrupted link is damaged, not a crash', async () => {
    const link = await encodeSnapshot(view());
    await expect(decodeSnapshot(link.slice(0, Math.floor(link.length * 0.6)))).rejects.toThrow(SnapshotError);
    const flipped = link.slice(0, 40) + (link[40] === 'A' ? 'B' : 'A') + link.slice(41);
    await reject(flipped);
  });

  it('stops a decompression bomb at the cap', async () => {
    // 80 MB of zeros deflate to a few kilobytes
    const bomb = await deflate(new Uint8Array(MAX_INFLATED_BYTES + 16 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(200_000);
    await expect(decodeSnapshot(`o1.${toBase64Url(bomb)}`)).rejects.toThrow('unpacks to more than 64 MB');
  });

  it('refuses NaN or missing coordinates, out-of-range ids and lengths that do not match', async () => {
    const pack = async (edit: (w: Record<string, any>) => void) => {
      const link = await encodeSnapshot(view(10, 4));
      const { inflate } = await import('./bytes');
      const { fromBase64Url } = await import('./bytes');
      const wire = JSON.parse(new TextDecoder().decode(await inflate(fromBase64Url(link.slice(3))!, 1e9)));
      edit(wire);
      return `o1.${toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(wire))))}`;
    };
    await expect(decodeSnapshot(await pack((w) => (w.layout.min = [null, 0, 0])))).rejects.toThrow('layout.min.0');
    await expect(decodeSnapshot(await pack((w) => (w.chosen = [10])))).rejects.toThrow('the selection names chunk 11, but the snapshot has 10 chunks');
    await expect(decodeSnapshot(await pack((w) => (w.selected = 99)))).rejects.toThrow('the selected chunk names chunk 100');
    await expect(decodeSnapshot(await pack((w) => w.corpus.texts.pop()))).rejects.toThrow('9 chunk texts but 10 source ids');
    await expect(decodeSnapshot(await pack((w) => (w.layout.coords = w.layout.coords.slice(0, 8))))).rejects.toThrow('layout coordinates: expected 30 values');
    await expect(decodeSnapshot(await pack((w) => (w.gold = { q: [-1] })))).rejects.toThrow(SnapshotError);
    await expect(decodeSnapshot(await pack((w) => (w.extra = 1)))).rejects.toThrow(SnapshotError);
  });

  it('fuzz: random and mutated links end in a view or a SnapshotError, never anything else', async () => {
    const random = seededRandom(17);
    const valid = await encodeSnapshot(view(20, 8));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let views = 0;
    for (let round = 0; round < 600; round++) {
      let link: string;
      const kind = round % 4;
      if (kind === 0) link = `o1.${Array.from({ length: Math.floor(random() * 400) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')}`;
      else if (kind === 1) link = valid.slice(0, 3 + Math.floor(random() * (valid.length - 3)));
      else if (kind === 2) {
        const at = 3 + Math.floor(random() * (valid.length - 3));
        link = valid.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + valid.slice(at + 1);
      } else {
        const at = 3 + Math.floor(random() * (valid.length - 3));
        link = valid.slice(0, at) + valid.slice(at, at + 1 + Math.floor(random() * 30)).repeat(2) + valid.slice(at);
      }
      try {
        await decodeSnapshot(link);
        views++;
      } catch (error) {
        expect(error, link).toBeInstanceOf(SnapshotError);
      }
    }
    expect(views).toBeLessThan(600);
  });
});

describe('a snapshot corpus', () => {
  it("puts each chunk back in its source, at offsets that slice its text, marked imported", async () => {
    const { snapshotCorpus } = await import('./restoreCorpus');
    const { documents, table } = snapshotCorpus(['a.md', 'b.md'], ['one', 'two\nlines', 'three'], Int32Array.from([0, 1, 0]));
    expect(documents.map((d) => d.text)).toEqual(['one\n\nthree', 'two\nlines']);
    table.texts.forEach((text, i) => expect(documents[table.sourceIds[i]!]!.text.slice(table.starts[i], table.ends[i])).toBe(text));
    expect(Array.from(table.lines)).toEqual([1, 1, 3]);
    expect(Array.from(table.imported)).toEqual([1, 1, 1]);
  });
});
