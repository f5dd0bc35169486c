import { readFileSync } from 'node:fs';
import { seededRandom } from '../random';
import { describe, expect, it } from 'vitest';
import { deflate, toBase64Url } from './bytes';
import { decodeSnapshot, encodeSnapshot, MAX_INFLATED_BYTES, SnapshotError, type ViewSnapshot } from './codec';
import { view } from './fixtures/view';

const carried = (s: ViewSnapshot) => {
  if (s.corpus.kind !== 'carried') throw new Error('expected the chunks carried');
  return s.corpus;
};

const reject = (fragment: string) => expect(decodeSnapshot(fragment)).rejects.toBeInstanceOf(SnapshotError);

describe('snapshot codec', () => {
  it('round trips a view: texts exactly, coordinates within a 16-bit step, vectors within int8', async () => {
    const before = view();
    const link = await encodeSnapshot(before);
    expect(link).toMatch(/^o2\.[A-Za-z0-9_-]+$/);
    const after = await decodeSnapshot(`#${link}`);
    expect(carried(after).texts).toEqual(carried(before).texts);
    expect(carried(after).sources).toEqual(carried(before).sources);
    expect(Array.from(carried(after).sourceIds)).toEqual(Array.from(carried(before).sourceIds));
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

  it('carries the model lab’s space B as its recipe and view, and refuses a recipe it cannot make', async () => {
    const lab: ViewSnapshot['lab'] = {
      recipe: {
        model: 'orrery/glove-100d',
        precision: 'q8',
        pooling: 'mean',
        dims: 100,
        chunking: { strategy: 'sentence', size: 300, overlap: 0 },
        prefixes: { query: 'query: ', passage: '' },
      },
      view: 'side-by-side',
    };
    expect((await decodeSnapshot(await encodeSnapshot({ ...view(10, 4), lab }))).lab).toEqual(lab);
    const bad = { ...lab, recipe: { ...lab.recipe, pooling: 'median' } } as unknown as ViewSnapshot['lab'];
    await expect(decodeSnapshot(await encodeSnapshot({ ...view(10, 4), lab: bad }))).rejects.toThrow('lab.recipe.pooling');
  });

  it('carries the Columns panel’s filters, the tags and the clustering’s settings; a link without them opens with none', async () => {
    const filters: ViewSnapshot['filters'] = [
      { column: 'year', range: [2010, 2019.5] },
      { column: 'kind', values: ['news', 'blog'] },
    ];
    expect((await decodeSnapshot(await encodeSnapshot({ ...view(10, 4), filters }))).filters).toEqual(filters);
    expect((await decodeSnapshot(await encodeSnapshot(view(10, 4)))).filters).toBeUndefined();
    const clusterSettings = { method: 'hdbscan', k: null, minClusterSize: 12, reduceTo: 5, noise: 'nearest' } as const;
    expect((await decodeSnapshot(await encodeSnapshot({ ...view(10, 4), clusterSettings }))).clusterSettings).toEqual(clusterSettings);
    const tags = { 'off-topic': [0, 3], duplicate: [9] };
    expect((await decodeSnapshot(await encodeSnapshot({ ...view(10, 4), tags }))).tags).toEqual(tags);
    await expect(decodeSnapshot(await encodeSnapshot({ ...view(10, 4), tags: { x: [10] } }))).rejects.toThrow('the tag “x”');
    const bad = [{ column: 'year', range: [1, Number.NaN] }] as unknown as ViewSnapshot['filters'];
    await expect(decodeSnapshot(await encodeSnapshot({ ...view(10, 4), filters: bad }))).rejects.toBeInstanceOf(SnapshotError);
  });

  it('reads each version’s fixture as the view it was written from; the first migrates to the second', async () => {
    // each written once by its own codec from view(12, 8) (scripts/snapshot-fixture.ts wrote the second); never regenerate them
    const fixture = (version: number) => readFileSync(`src/core/snapshot/fixtures/v${version}.txt`, 'utf8').trim();
    expect(fixture(1)).toMatch(/^o1\./);
    expect(fixture(2)).toMatch(/^o2\./);
    const written = view(12, 8);
    const close = (read: ViewSnapshot) => {
      expect(carried(read).texts).toEqual(carried(written).texts);
      expect(carried(read).texts[3]).toBe('<script>alert(1)</script> is text');
      expect(read.layout.params).toEqual(written.layout.params);
      read.layout.coords.forEach((c, i) => expect(Math.abs(c - written.layout.coords[i]!)).toBeLessThan(20 / 65535 + 1e-5));
      expect(read.vectors!.dims).toBe(8);
      expect(read.vectors!.projection).toBeNull();
      read.vectors!.data.forEach((v, i) => expect(Math.abs(v - written.vectors!.data[i]!)).toBeLessThan(0.5 / 127 + 1e-6));
      const { corpus: _a, layout: _b, vectors: _c, query, clusters, model: _m, ...rest } = read;
      const { corpus: _d, layout: _e, vectors: _f, query: queryWritten, clusters: clustersWritten, model: _n, ...restWritten } = written;
      expect(rest).toEqual(restWritten);
      expect(query!.text).toBe(queryWritten!.text);
      expect(Array.from(clusters!.labels)).toEqual(Array.from(clustersWritten!.labels));
    };
    const second = await decodeSnapshot(fixture(2));
    close(second);
    expect(second.model).toEqual(written.model);
    const first = await decodeSnapshot(fixture(1));
    close(first);
    // version 1 did not record the prefixes
    expect(first.model).toEqual({ ...written.model, prefixes: null });
  });

  it('carries a corpus the receiver holds as its content hash, and reduced vectors with their projection', async () => {
    const { corpusHash } = await import('./corpusHash');
    const full = view(30, 12);
    const hash = await corpusHash(carried(full));
    expect(hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await corpusHash({ ...carried(full), texts: carried(full).texts.map((t, i) => (i === 7 ? `${t}.` : t)) })).not.toBe(hash);
    const projection = {
      from: 12,
      mean: Float32Array.from({ length: 12 }, (_, i) => i / 10),
      components: Float32Array.from({ length: 4 * 12 }, (_, i) => Math.sin(i)),
    };
    const reduced: ViewSnapshot = {
      ...full,
      corpus: { kind: 'referenced', hash, count: 30, demo: true },
      vectors: { dims: 4, data: full.vectors!.data.slice(0, 30 * 4), projection },
      query: { ...full.query!, vector: Float32Array.of(0.1, 0.2, 0.3, 0.4) },
    };
    const link = await encodeSnapshot(reduced);
    expect(link.length).toBeLessThan((await encodeSnapshot(full)).length);
    const after = await decodeSnapshot(link);
    expect(after.corpus).toEqual({ kind: 'referenced', hash, count: 30, demo: true });
    expect(after.vectors!.dims).toBe(4);
    expect(Array.from(after.vectors!.projection!.mean)).toEqual(Array.from(projection.mean));
    const error = Math.max(...after.vectors!.projection!.components.map((c, i) => Math.abs(c - projection.components[i]!)));
    expect(error).toBeLessThan(0.5 / 127 + 1e-6);
    // the query in the reduced space, as the chunks
    expect(after.query!.vector!.length).toBe(4);
    expect(after.chosen).toEqual(full.chosen);
  });

  it('names a newer version, and refuses what is not a snapshot', async () => {
    await expect(decodeSnapshot('#o7.AAAA')).rejects.toThrow('this snapshot is version 7, made by a newer Orrery; this one reads up to version 2');
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
    // the wire is edited as untyped JSON on purpose: each edit breaks what the schema promises
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pack = async (edit: (w: Record<string, any>) => void) => {
      const link = await encodeSnapshot(view(10, 4));
      const { inflate } = await import('./bytes');
      const { fromBase64Url } = await import('./bytes');
      const wire = JSON.parse(new TextDecoder().decode(await inflate(fromBase64Url(link.slice(3))!, 1e9)));
      edit(wire);
      return `o2.${toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(wire))))}`;
    };
    await expect(decodeSnapshot(await pack((w) => (w.layout.min = [null, 0, 0])))).rejects.toThrow('layout.min.0');
    await expect(decodeSnapshot(await pack((w) => (w.chosen = [10])))).rejects.toThrow('the selection names chunk 11, but the snapshot has 10 chunks');
    await expect(decodeSnapshot(await pack((w) => (w.selected = 99)))).rejects.toThrow('the selected chunk names chunk 100');
    await expect(decodeSnapshot(await pack((w) => w.corpus.texts.pop()))).rejects.toThrow('9 chunk texts but 10 source ids');
    await expect(decodeSnapshot(await pack((w) => (w.layout.coords = w.layout.coords.slice(0, 8))))).rejects.toThrow('layout coordinates: expected 30 values');
    await expect(decodeSnapshot(await pack((w) => (w.gold = { q: [-1] })))).rejects.toThrow(SnapshotError);
    await expect(decodeSnapshot(await pack((w) => (w.extra = 1)))).rejects.toThrow(SnapshotError);
    await expect(decodeSnapshot(await pack((w) => (w.corpus = { ref: 'abcdefghijklmnopqrstuv', count: 3, demo: false })))).rejects.toThrow(
      'layout coordinates: expected 9 values',
    );
    await expect(decodeSnapshot(await pack((w) => (w.corpus = { ref: '<script>', count: 10, demo: false })))).rejects.toThrow(SnapshotError);
    await expect(decodeSnapshot(await pack((w) => (w.vectors.projection = { from: 4, mean: 'AAAA', components: { values: '', scales: '' } })))).rejects.toThrow(
      'the projection’s mean: expected 4 values',
    );
  });

  it('fuzz: random and mutated links end in a view or a SnapshotError, never anything else', async () => {
    const random = seededRandom(17);
    const valid = await encodeSnapshot(view(20, 8));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let views = 0;
    for (let round = 0; round < 600; round++) {
      let link: string;
      const kind = round % 4;
      if (kind === 0)
        link = `o${1 + (round % 2)}.${Array.from({ length: Math.floor(random() * 400) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')}`;
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
  it('puts each chunk back in its source, at offsets that slice its text, marked imported', async () => {
    const { snapshotCorpus } = await import('./restoreCorpus');
    const { documents, table } = snapshotCorpus(['a.md', 'b.md'], ['one', 'two\nlines', 'three'], Int32Array.from([0, 1, 0]));
    expect(documents.map((d) => d.text)).toEqual(['one\n\nthree', 'two\nlines']);
    table.texts.forEach((text, i) => expect(documents[table.sourceIds[i]!]!.text.slice(table.starts[i], table.ends[i])).toBe(text));
    expect(Array.from(table.lines)).toEqual([1, 1, 3]);
    expect(Array.from(table.imported)).toEqual([1, 1, 1]);
  });
});
