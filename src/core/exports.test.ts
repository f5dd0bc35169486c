import { describe, expect, it } from 'vitest';
import { chunkDocuments } from './corpus';
import { parseDelimited } from './ingest/delimited';
import { pairVectors, parseFile } from './ingest/files';
import { parquetReadObjects } from 'hyparquet';
import { pointsCsv, pointsJsonl, pointsParquet, pointTable, projectorFiles } from './exports';

async function csvCorpus() {
  const { documents } = await parseFile('mail.csv', new TextEncoder().encode('text,label,id\n"win, money\tnow",spam,m1\n"lunch ""at"" noon",ham,m2\n'));
  const table = chunkDocuments(documents);
  const coords = Float32Array.from([1, 2, 3, 4, 5, 6]);
  return { documents, table, coords, clusterLabels: Int32Array.from([0, -1]), clusterNames: ['money · win'] };
}

describe('exports', () => {
  it('one row per chunk: text, id, source, coordinates, cluster and metadata; CSV quoted as RFC 4180', async () => {
    const points = pointTable(await csvCorpus());
    expect(points.header).toEqual(['text', 'id', 'source', 'x', 'y', 'z', 'cluster', 'cluster_name', 'label', 'meta_id']);
    expect(points.rows[0]).toEqual(['win, money\tnow', 'm1', 'mail.csv', 1, 2, 3, 0, 'money · win', 'spam', 'm1']);
    expect(points.rows[1]!.slice(6, 8)).toEqual([-1, '']);
    const csv = pointsCsv(points, { data: Float32Array.from([0.5, 1, 0, 2]), dims: 2 });
    const parsed = parseDelimited(csv, ',');
    expect(parsed.header.at(-1)).toBe('vector');
    expect(parsed.rows[1]![0]).toBe('lunch "at" noon');
    expect(JSON.parse(parsed.rows[0]!.at(-1)!)).toEqual([0.5, 1]);
  });

  it('JSON Lines hold the same fields, and the vectors when asked', async () => {
    const lines = pointsJsonl(pointTable(await csvCorpus()), { data: Float32Array.from([0.5, 1, 0, 2]), dims: 2 })
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[1]).toMatchObject({ text: 'lunch "at" noon', cluster: -1, label: 'ham', vector: [0, 2] });
  });

  it('Parquet holds typed columns, and reads back into Orrery as the same texts, vectors and metadata', async () => {
    const points = pointTable(await csvCorpus());
    const plain = pointsParquet(points);
    const rows = await parquetReadObjects({ file: plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength) as ArrayBuffer });
    expect(rows[1]).toEqual({
      text: 'lunch "at" noon',
      id: 'm2',
      source: 'mail.csv',
      x: 4,
      y: 5,
      z: 6,
      cluster: -1,
      cluster_name: '',
      label: 'ham',
      meta_id: 'm2',
    });
    const withVectors = pointsParquet(points, { data: Float32Array.from([0.5, 1, 0, 2]), dims: 2 });
    const { documents } = await parseFile('points.parquet', withVectors);
    const table = chunkDocuments(documents);
    expect(table.texts).toEqual(['win, money\tnow', 'lunch "at" noon']);
    expect(Array.from(documents[0]!.vectors!.data)).toEqual([0.5, 1, 0, 2]);
    expect(documents[0]!.table!.fields).toContain('cluster_name');
  });

  it("the Embedding Projector's pair reads back into the same texts, vectors and metadata", async () => {
    const corpus = await csvCorpus();
    const vectors = { data: Float32Array.from([0.25, -1.5, 3, 0.125]), dims: 2 };
    const { vectorsTsv, metadataTsv } = projectorFiles(pointTable(corpus), vectors);
    const read = await parseFile('out/vectors.tsv', new TextEncoder().encode(vectorsTsv));
    const meta = await parseFile('out/metadata.tsv', new TextEncoder().encode(metadataTsv));
    const { documents } = pairVectors([read.vectors!], [meta.metadataCandidate!]);
    const table = chunkDocuments(documents);
    // tabs inside a text become spaces: the Projector's files have no quoting
    expect(table.texts).toEqual(['win, money now', 'lunch "at" noon']);
    expect(Array.from(documents[0]!.vectors!.data)).toEqual(Array.from(vectors.data));
    expect(documents[0]!.table!.rows[0]).toContain('spam');
  });
});
