// The points as files: CSV, JSON Lines and Parquet (coordinates, cluster, source, metadata,
// optionally the vectors), and the Embedding Projector's pair (vectors.tsv + metadata.tsv), which Orrery reads back.
import type { VectorRows } from './vectors';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { columnValues, metadataColumns } from './colouring';
import type { ChunkTable, SourceDocument } from './corpus';
import { chunkIds } from './retrieval/querySet';

export interface PointTable {
  header: string[];
  rows: (string | number)[][];
}

export interface PointsInput {
  documents: readonly SourceDocument[];
  table: ChunkTable;
  /** N × 3 layout coordinates */
  coords: Float32Array;
  /** cluster of each chunk (−1 unclustered); empty when not clustered */
  clusterLabels: Int32Array;
  /** each cluster's name */
  clusterNames: readonly string[];
  /** each chunk's tags (a "tags" column when any chunk has one) */
  tags?: readonly string[][];
}

/** One row per chunk: text first (the Projector labels points by the first column), then where it is and what it carries. */
export function pointTable({ documents, table, coords, clusterLabels, clusterNames, tags }: PointsInput): PointTable {
  const columns = metadataColumns(documents);
  const values = columns.map((c) => columnValues(documents, table, c));
  const ids = chunkIds(table, documents as SourceDocument[]);
  const clustered = clusterLabels.length === table.texts.length;
  const tagged = tags?.some((t) => t.length > 0) ?? false;
  const header = [
    'text',
    'id',
    'source',
    'x',
    'y',
    'z',
    'cluster',
    'cluster_name',
    ...(tagged ? ['tags'] : []),
    ...columns.map((c) => (['text', 'id', 'source', 'x', 'y', 'z', 'cluster', 'cluster_name', 'tags'].includes(c) ? `meta_${c}` : c)),
  ];
  const rows = table.texts.map((text, i) => {
    const cluster = clustered ? clusterLabels[i]! : -1;
    return [
      text,
      ids[i]!,
      table.sources[table.sourceIds[i]!] ?? '',
      coords[i * 3] ?? 0,
      coords[i * 3 + 1] ?? 0,
      coords[i * 3 + 2] ?? 0,
      cluster,
      cluster >= 0 ? (clusterNames[cluster] ?? '') : '',
      ...(tagged ? [tags![i]!.join('; ')] : []),
      ...values.map((v) => v[i]!),
    ];
  });
  return { header, rows };
}

/** Only some rows of the points (and of their vectors): a cleaned corpus, or only the tagged chunks. */
export function someRows(points: PointTable, vectors: { data: VectorRows; dims: number }, rows: readonly number[]) {
  const { dims } = vectors;
  const data = new Float32Array(rows.length * dims);
  rows.forEach((r, i) => data.set(vectors.data.subarray(r * dims, (r + 1) * dims), i * dims));
  return { points: { header: points.header, rows: rows.map((r) => points.rows[r]!) }, vectors: { data, dims } };
}

const csvCell = (v: string | number): string => {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV; with vectors, one more column holding each as a JSON list. */
export function pointsCsv(points: PointTable, vectors?: { data: VectorRows; dims: number }): string {
  const header = vectors ? [...points.header, 'vector'] : points.header;
  const lines = [header.map(csvCell).join(',')];
  points.rows.forEach((row, i) => {
    const cells = row.map(csvCell);
    if (vectors) cells.push(csvCell(JSON.stringify(Array.from(vectors.data.subarray(i * vectors.dims, (i + 1) * vectors.dims)))));
    lines.push(cells.join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** One JSON object per line; with vectors, a "vector" list in each. */
export function pointsJsonl(points: PointTable, vectors?: { data: VectorRows; dims: number }): string {
  return points.rows
    .map((row, i) => {
      const record: Record<string, unknown> = Object.fromEntries(points.header.map((h, c) => [h, row[c]]));
      if (vectors) record.vector = Array.from(vectors.data.subarray(i * vectors.dims, (i + 1) * vectors.dims));
      return `${JSON.stringify(record)}\n`;
    })
    .join('');
}

/** The Projector splits its TSVs on tabs and lines without quoting: those characters become spaces. */
const tsvCell = (v: string | number): string => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.replace(/[\t\r\n]+/g, ' '));

/** vectors.tsv (numbers only) and metadata.tsv (a header, then one row per vector), as the Embedding Projector loads them. */
export function projectorFiles(points: PointTable, vectors: { data: VectorRows; dims: number }): { vectorsTsv: string; metadataTsv: string } {
  const count = points.rows.length;
  const vectorLines: string[] = [];
  for (let i = 0; i < count; i++) vectorLines.push(Array.from(vectors.data.subarray(i * vectors.dims, (i + 1) * vectors.dims), (x) => String(x)).join('\t'));
  const metadataLines = [points.header.map(tsvCell).join('\t'), ...points.rows.map((row) => row.map(tsvCell).join('\t'))];
  return { vectorsTsv: `${vectorLines.join('\n')}\n`, metadataTsv: `${metadataLines.join('\n')}\n` };
}

/**
 * Parquet: a column per field (numbers as DOUBLE, the cluster as INT32, the rest as UTF-8 text) and,
 * with vectors, a list<float> column "vector", which Orrery and pandas/pyarrow read back as vectors.
 */
export function pointsParquet(points: PointTable, vectors?: { data: VectorRows; dims: number }): Uint8Array {
  const columns = points.header.map((name, c) => {
    const values = points.rows.map((row) => row[c]!);
    if (name === 'cluster') return { name, data: values.map(Number), type: 'INT32' as const };
    if (values.every((v) => typeof v === 'number')) return { name, data: values.map((v) => (Number.isFinite(v) ? v : null)), type: 'DOUBLE' as const };
    return { name, data: values.map(String), type: 'STRING' as const };
  });
  const writer = new ByteWriter();
  if (!vectors) {
    parquetWrite({ writer, columnData: columns });
    return new Uint8Array(writer.getBuffer());
  }
  const rows = Array.from({ length: points.rows.length }, (_, i) => Array.from(vectors.data.subarray(i * vectors.dims, (i + 1) * vectors.dims)));
  const element = (c: (typeof columns)[number]) =>
    c.type === 'INT32'
      ? { type: 'INT32' as const }
      : c.type === 'DOUBLE'
        ? { type: 'DOUBLE' as const }
        : { type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const };
  parquetWrite({
    writer,
    columnData: [...columns.map(({ name, data }) => ({ name, data })), { name: 'vector', data: rows }],
    schema: [
      { name: 'root', num_children: columns.length + 1 },
      ...columns.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' as const, ...element(c) })),
      { name: 'vector', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
    ],
  });
  return new Uint8Array(writer.getBuffer());
}
