import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeParquet } from '../../../e2e/fixtures/formats';
import { chunkDocuments, chunkMetadata } from '../corpus';
import { pairVectors, parseFile } from './files';
import { halfToFloat, parseNpy, parseNumericTsv, writeNpy } from './npy';

const encode = (s: string) => new TextEncoder().encode(s);

function npyBytes(descr: string, shape: number[], values: number[], fortran = false): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat((64 - ((11 + header.length) % 64)) % 64) + '\n';
  const width = descr.endsWith('8') ? 8 : 4;
  const out = new Uint8Array(10 + header.length + values.length * width);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(encode(header), 10);
  values.forEach((v, i) =>
    width === 8 ? view.setFloat64(10 + header.length + i * 8, v, descr[0] !== '>') : view.setFloat32(10 + header.length + i * 4, v, true),
  );
  return out;
}

describe('.npy', () => {
  it('reads float32 and float64 matrices, in C or Fortran order', () => {
    const f4 = parseNpy(writeNpy(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3));
    expect([f4.rows, f4.dims, Array.from(f4.data)]).toEqual([2, 3, [1, 2, 3, 4, 5, 6]]);
    expect(Array.from(parseNpy(npyBytes('<f8', [2, 2], [0.5, 1.5, 2.5, 3.5])).data)).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(Array.from(parseNpy(npyBytes('>f8', [1, 2], [7, 8])).data)).toEqual([7, 8]);
    // columns stored one after another: [[1, 2, 3], [4, 5, 6]]
    expect(Array.from(parseNpy(npyBytes('<f4', [2, 3], [1, 4, 2, 5, 3, 6], true)).data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads float16 files written by NumPy (np.save), in either byte order and in Fortran order', () => {
    // np.array([[0.5, -1.25, 65504], [1e-4, 3.14159, 0], [-0.0, 6e-8, 1000]], dtype=np.float16), as NumPy rounds them
    const expected = [0.5, -1.25, 65504, 0.00010001659393310547, 3.140625, 0, -0, 5.960464477539063e-8, 1000];
    for (const name of ['embeddings-f16.npy', 'embeddings-f16-big-endian.npy', 'embeddings-f16-fortran.npy']) {
      const parsed = parseNpy(new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))));
      expect([parsed.rows, parsed.dims]).toEqual([3, 3]);
      expect(Array.from(parsed.data)).toEqual(expected.map((x) => Math.fround(x)));
    }
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });

  it('names what it cannot read: other dtypes, other shapes, non-finite values, other files', () => {
    expect(() => parseNpy(npyBytes('<i8', [1, 2], []))).toThrow(/dtype <i8 is not supported/);
    expect(() => parseNpy(npyBytes('<f4', [4], [1, 2, 3, 4]))).toThrow(/1-D/);
    expect(() => parseNpy(npyBytes('<f4', [2, 2], [1, 2, NaN, 4]))).toThrow(/row 2 holds NaN/);
    expect(() => parseNpy(encode('not numpy at all'))).toThrow(/not a NumPy/);
  });
});

describe('Embedding Projector TSV', () => {
  it('reads tab-separated vectors and refuses mixed lengths or non-finite values by line', () => {
    expect(parseNumericTsv('0.1\t0.2\n0.3\t0.4\n')!.rows).toBe(2);
    expect(parseNumericTsv('name\tvalue\n')).toBeNull();
    expect(() => parseNumericTsv('1\t2\n3\n')).toThrow(/mixed lengths: line 2 has 1/);
    expect(() => parseNumericTsv('1\t2\n3\tinf\n')).toThrow(/line 2 holds inf/);
  });

  it('pairs vectors with the metadata file beside them, header or not', async () => {
    const vectors = await parseFile('run/vectors.tsv', encode('1\t0\n0\t1\n1\t1\n'));
    const labels = await parseFile('run/metadata.tsv', encode('alpha\nbeta\ngamma\n'));
    const withHeader = await parseFile('other/meta.tsv', encode('word\tcount\na\t1\nb\t2\nc\t3\n'));
    const { documents, unpaired } = pairVectors([vectors.vectors!], [withHeader.metadataCandidate!, labels.metadataCandidate!]);
    expect(unpaired.map((u) => u.name)).toEqual(['other/meta.tsv']);
    expect(documents[0]!.text).toBe('alpha\n\nbeta\n\ngamma');
    const table = chunkDocuments(documents);
    expect(Array.from(table.imported)).toEqual([1, 1, 1]);
    const alone = pairVectors([vectors.vectors!], []).documents[0]!;
    expect(alone.text).toBe('row 1\n\nrow 2\n\nrow 3');
  });
});

describe('Embedding Projector metadata', () => {
  it('reads fields as the Projector writes them, without quoting: a subject may begin with a double quote', async () => {
    // as an email corpus exported for projector.tensorflow.org reads (its loader splits lines on tabs)
    const metadata = [
      'subject\tlabel',
      '"rssflowersalignright"I\'ve gotten to know the city\tham',
      'He said "no" twice\tspam',
      'Re: "quoted" words"\tham',
      '',
    ].join('\n');
    const vectors = await parseFile('emails/vectors.tsv', encode('1\t0\n0\t1\n1\t1\n'));
    const labels = await parseFile('emails/metadata.tsv', encode(metadata));
    const { documents, unpaired } = pairVectors([vectors.vectors!], [labels.metadataCandidate!]);
    expect(unpaired).toEqual([]);
    const table = chunkDocuments(documents);
    expect(table.texts).toEqual(['"rssflowersalignright"I\'ve gotten to know the city', 'He said "no" twice', 'Re: "quoted" words"']);
    expect(chunkMetadata(documents[0], table.sectionIds[1]!)).toEqual([['label', 'spam']]);
    // a CSV keeps RFC 4180 quoting
    const csv = await parseFile('emails/meta.csv', encode('subject,label\n"a, b",ham\n"c ""d""",spam\n"e",ham\n'));
    expect(pairVectors([vectors.vectors!], [csv.metadataCandidate!]).documents[0]!.text).toBe('a, b\n\nc "d"\n\ne');
  });
});

describe('Parquet', () => {
  it('reads a list column as vectors and the rest as text and metadata', async () => {
    const bytes = makeParquet([
      { text: 'First passage.', source: 'a.md', embedding: [1, 0, 0] },
      { text: 'Second passage.', source: 'b.md', embedding: [0, 1, 0] },
    ]);
    const { documents } = await parseFile('e.parquet', bytes);
    const doc = documents[0]!;
    expect(doc.vectors!.dims).toBe(3);
    expect(doc.text).toBe('First passage.\n\nSecond passage.');
    expect(chunkMetadata(doc, 1)).toEqual([['source', 'b.md']]);
    await expect(parseFile('broken.parquet', encode('PAR1 nope'))).rejects.toThrow(/not a readable Parquet/);
  });

  const rows = (count: number, dims: (r: number) => number = () => 4) =>
    Array.from({ length: count }, (_, r) => ({
      text: `passage ${r}`,
      source: `s${r % 3}.md`,
      embedding: Array.from({ length: dims(r) }, (_, j) => r + j / 10),
    }));

  it('reads a row group at a time, saying how many rows are read, the vectors straight into one buffer', async () => {
    const progress: number[][] = [];
    const { documents } = await parseFile('big.parquet', makeParquet(rows(2_500), 1_000), undefined, undefined, (done, total) => progress.push([done, total]));
    expect(progress).toEqual([
      [1_000, 2_500],
      [2_000, 2_500],
      [2_500, 2_500],
    ]);
    const { vectors } = documents[0]!;
    expect(vectors!.dims).toBe(4);
    expect(vectors!.data).toBeInstanceOf(Float32Array);
    expect(Array.from(vectors!.data.subarray(2_499 * 4, 2_500 * 4))).toEqual([2499, 2499.1, 2499.2, 2499.3].map(Math.fround));
    expect(chunkMetadata(documents[0]!, 2_001)).toEqual([['source', 's0.md']]);
  });

  it('names the row whose vector has another length, in a later row group, and a file cut short', async () => {
    await expect(
      parseFile(
        'mixed.parquet',
        makeParquet(
          rows(2_500, (r) => (r === 2_345 ? 3 : 4)),
          1_000,
        ),
      ),
    ).rejects.toThrow('vectors of mixed lengths: row 2346 has 3 numbers, the rows before it 4');
    const whole = makeParquet(rows(2_500), 1_000);
    await expect(parseFile('cut.parquet', whole.subarray(0, Math.floor(whole.length / 2)))).rejects.toThrow(/not a readable Parquet file/);
  });
});
