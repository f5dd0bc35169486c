// A view as a string for a URL fragment: "o<version>." + base64url(deflate-raw(JSON)). The version is in
// the prefix, so an older app names a newer snapshot's version instead of misreading it, and a
// newer app migrates older ones (a schema per version; an older payload is migrated to the newest
// before it is read). Big arrays travel quantised: layout coordinates as 16-bit steps of their
// bounding box, vectors as int8 with a scale per row. A corpus the receiver already holds (the demo,
// or one in their workspace) travels as its content hash. Everything read is checked twice: its
// shape by a schema, then its sense (lengths, ranges).
import { COLOUR_MODES, type ColourMode } from '../colouring';
import type { ColumnFilter } from '../columnCharts';
import type { ClusterSettings } from '../clustering/clusters';
import { MAX_TAG_LENGTH, type Tags } from '../tags';
import { type Pooling, TOKEN_POOLINGS } from '../pooling';
import type { Projection } from './reduce';
import { z } from 'zod';
import { deflate, fromBase64Url, inflate, toBase64Url } from './bytes';
import { bytesOf, dequantiseVectors, quantiseCoords, quantiseVectors, SnapshotError, typed, type Vec3 } from './wireNumbers';

// zod compiles fast parsers with new Function, which the app's Content-Security-Policy refuses
// (no 'unsafe-eval'); without JIT it does not even try
z.config({ jitless: true });

export const SNAPSHOT_VERSION = 2;
export const SNAPSHOT_PREFIX = 'o';
/** what a payload may inflate to: past this it is refused (a small link that inflates forever) */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export { SnapshotError } from './wireNumbers';

/** Where the camera is: its position, what it looks at, and its zoom (the 2-D map's scale). */
export interface CameraPlace {
  position: Vec3;
  target: Vec3;
  zoom: number;
}

/** The chunks themselves, or the content hash of a corpus the receiver holds (see corpusHash.ts). */
export type SnapshotCorpus =
  | { kind: 'carried'; sources: string[]; texts: string[]; sourceIds: Int32Array }
  | { kind: 'referenced'; hash: string; count: number; /** the app's own demo corpus, chunked with the snapshot's chunking */ demo: boolean };

/** A view, as the app gives it and takes it back. */
export interface ViewSnapshot {
  /** the model that made the vectors, its precision, and the prefixes it put before queries and passages (null: not recorded, version 1) */
  model: { id: string; dtype: string | null; prefixes: { query: string; passage: string } | null };
  chunking: Record<string, unknown>;
  corpus: SnapshotCorpus;
  /** the layout's parameters (method first) and N × 3 coordinates */
  layout: { params: { method: string } & Record<string, unknown>; coords: Float32Array };
  /** N × dims, so the receiver can run queries (projected first when reduced; the query's vector is in this space); null to carry the picture only */
  vectors: { dims: number; data: Float32Array; projection: Projection | null } | null;
  camera: CameraPlace | null;
  query: { text: string; vector: Float32Array | null; retrieval: Record<string, unknown> } | null;
  goldMarks: Record<string, number[]>;
  selected: number | null;
  chosen: number[];
  clusters: { labels: Int32Array; names: string[][] } | null;
  colour: { mode: ColourMode; column: string | null; hidden: number[] };
  search: string;
  /** the model lab's space B: what makes it (the receiver makes it again) and how it is shown */
  lab: SnapshotLab | null;
  /** the Columns panel's filters (absent from links made before them; they apply where the receiver's corpus has the columns) */
  filters?: ColumnFilter[];
  /** the user's tags, by row (absent from links made before them) */
  tags?: Tags;
  /** how the sender clusters: the receiver's next clustering uses the same settings (absent from older links) */
  clusterSettings?: ClusterSettings;
}

export const LAB_VIEWS = ['a', 'overlay', 'side-by-side'] as const;

export interface SnapshotLab {
  recipe: {
    model: string;
    /** a mirror B's model comes from (absent before mirrors could be chosen: none) */
    host?: string | null;
    precision: string | null;
    pooling: Pooling;
    dims: number;
    chunking: Record<string, unknown>;
    prefixes: { query: string; passage: string };
  };
  view: (typeof LAB_VIEWS)[number];
}

const finite = z.number().finite();
const vec3 = z.tuple([finite, finite, finite]);
const base64 = z.string().regex(/^[A-Za-z0-9_-]*$/);
const index = z.number().int().min(0);

const HASH = /^[A-Za-z0-9_-]{16,64}$/;
const carriedCorpus = z.strictObject({ sources: z.array(z.string()), texts: z.array(z.string()), sourceIds: z.array(index) });
const int8Rows = { values: base64, scales: base64 };

const wireV1 = z.strictObject({
  v: z.literal(1),
  model: z.strictObject({ id: z.string().max(500), dtype: z.string().max(50).nullable() }),
  chunking: z.record(z.string(), z.unknown()),
  corpus: carriedCorpus,
  layout: z.strictObject({ params: z.looseObject({ method: z.enum(['pca', 'umap', 'tsne']) }), coords: base64, min: vec3, max: vec3 }),
  vectors: z.strictObject({ dims: z.number().int().min(1).max(8192), values: base64, scales: base64 }).nullable(),
  camera: z.strictObject({ position: vec3, target: vec3, zoom: finite.positive() }).nullable(),
  query: z.strictObject({ text: z.string(), vector: base64.nullable(), retrieval: z.record(z.string(), z.unknown()) }).nullable(),
  gold: z.record(z.string(), z.array(index)),
  selected: index.nullable(),
  chosen: z.array(index),
  clusters: z.strictObject({ labels: base64, names: z.array(z.array(z.string())) }).nullable(),
  colour: z.strictObject({ mode: z.enum(COLOUR_MODES), column: z.string().nullable(), hidden: z.array(z.number().int()) }),
  search: z.string(),
});
type WireV1 = z.infer<typeof wireV1>;

const wireV2 = wireV1.extend({
  v: z.literal(2),
  model: z.strictObject({
    id: z.string().max(500),
    dtype: z.string().max(50).nullable(),
    prefixes: z.strictObject({ query: z.string().max(200), passage: z.string().max(200) }).nullable(),
  }),
  corpus: z.union([carriedCorpus, z.strictObject({ ref: z.string().regex(HASH), count: index, demo: z.boolean() })]),
  vectors: z
    .strictObject({
      dims: z.number().int().min(1).max(8192),
      ...int8Rows,
      projection: z.strictObject({ from: z.number().int().min(1).max(8192), mean: base64, components: z.strictObject(int8Rows) }).nullable(),
    })
    .nullable(),
});
type WireV2 = z.infer<typeof wireV2>;

// a view with the model lab open (absent from links made before it)
const wireLab = z.strictObject({
  recipe: z.strictObject({
    model: z.string().max(500),
    host: z.string().max(500).nullable().optional(),
    precision: z.string().max(50).nullable(),
    pooling: z.enum(['model', ...TOKEN_POOLINGS]),
    dims: z.number().int().min(0).max(8192),
    chunking: z.record(z.string(), z.unknown()),
    prefixes: z.strictObject({ query: z.string().max(200), passage: z.string().max(200) }),
  }),
  view: z.enum(LAB_VIEWS),
});
const wireFilter = z.union([
  z.strictObject({ column: z.string().max(500), range: z.tuple([finite, finite]) }),
  z.strictObject({ column: z.string().max(500), values: z.array(z.string().max(10_000)).max(1000) }),
]);
const wireV2Lab = wireV2.extend({
  lab: wireLab.optional(),
  filters: z.array(wireFilter).max(100).optional(),
  tags: z.record(z.string().min(1).max(MAX_TAG_LENGTH), z.array(index)).optional(),
  clusterSettings: z
    .strictObject({
      method: z.enum(['kmeans', 'hdbscan']),
      k: z.number().int().min(1).max(1000).nullable(),
      minClusterSize: z.number().int().min(2).max(1_000_000).nullable(),
      reduceTo: z.number().int().min(2).max(100).nullable(),
      noise: z.enum(['unclustered', 'nearest']),
    })
    .optional(),
});
type WireV2Lab = z.infer<typeof wireV2Lab>;

/** Version 1 carried every corpus and full vectors: the same view in version 2's shape. */
const fromV1 = (w: WireV1): WireV2Lab => ({ ...w, v: 2, model: { ...w.model, prefixes: null }, vectors: w.vectors && { ...w.vectors, projection: null } });

function parsedWith<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new SnapshotError(`the snapshot does not hold a view: ${issue.path.join('.') || 'its top level'}: ${issue.message}`);
}

/** Each version's schema, and how its payload becomes the newest one's. */
const READERS: Record<number, (raw: unknown) => WireV2Lab> = {
  1: (raw) => fromV1(parsedWith(wireV1, raw)),
  2: (raw) => parsedWith(wireV2Lab, raw),
};

function toWire(s: ViewSnapshot): WireV2Lab {
  const { corpus, vectors } = s;
  const projection = vectors?.projection;
  return {
    v: 2,
    model: s.model,
    chunking: s.chunking,
    corpus:
      corpus.kind === 'carried'
        ? { sources: corpus.sources, texts: corpus.texts, sourceIds: Array.from(corpus.sourceIds) }
        : { ref: corpus.hash, count: corpus.count, demo: corpus.demo },
    layout: { params: s.layout.params as WireV2['layout']['params'], ...quantiseCoords(s.layout.coords) },
    vectors: vectors && {
      dims: vectors.dims,
      ...quantiseVectors(vectors.data, vectors.dims),
      projection: projection
        ? { from: projection.from, mean: toBase64Url(bytesOf(projection.mean)), components: quantiseVectors(projection.components, projection.from) }
        : null,
    },
    camera: s.camera,
    query: s.query && { text: s.query.text, vector: s.query.vector && toBase64Url(bytesOf(s.query.vector)), retrieval: s.query.retrieval },
    gold: s.goldMarks,
    selected: s.selected,
    chosen: s.chosen,
    clusters: s.clusters && { labels: toBase64Url(bytesOf(Int16Array.from(s.clusters.labels))), names: s.clusters.names },
    colour: s.colour,
    search: s.search,
    ...(s.lab && { lab: s.lab }),
    ...(s.filters?.length && { filters: s.filters }),
    ...(s.tags && Object.keys(s.tags).length > 0 && { tags: s.tags }),
    ...(s.clusterSettings && { clusterSettings: s.clusterSettings }),
  };
}

function corpusOf(corpus: WireV2['corpus']): SnapshotCorpus {
  if ('ref' in corpus) return { kind: 'referenced', hash: corpus.ref, count: corpus.count, demo: corpus.demo };
  const count = corpus.texts.length;
  if (corpus.sourceIds.length !== count) throw new SnapshotError(`${count} chunk texts but ${corpus.sourceIds.length} source ids`);
  const badSource = corpus.sourceIds.find((id) => id >= corpus.sources.length);
  if (badSource !== undefined) throw new SnapshotError(`a chunk names source ${badSource + 1} of ${corpus.sources.length}`);
  return { kind: 'carried', sources: corpus.sources, texts: corpus.texts, sourceIds: Int32Array.from(corpus.sourceIds) };
}

function fromWire(w: WireV2Lab): ViewSnapshot {
  const corpus = corpusOf(w.corpus);
  const count = corpus.kind === 'carried' ? corpus.texts.length : corpus.count;
  const inRange = (rows: number[], what: string) => {
    const bad = rows.find((r) => r >= count);
    if (bad !== undefined) throw new SnapshotError(`${what} names chunk ${bad + 1}, but the snapshot has ${count} chunks`);
  };
  const steps = typed(w.layout.coords, (b) => new Uint16Array(b), 2, count * 3, 'layout coordinates');
  const coords = Float32Array.from(steps, (q, i) => w.layout.min[i % 3]! + ((w.layout.max[i % 3]! - w.layout.min[i % 3]!) * q) / 65535);
  let vectors: ViewSnapshot['vectors'] = null;
  if (w.vectors) {
    const { dims, projection } = w.vectors;
    let reduced: Projection | null = null;
    if (projection) {
      const mean = typed(projection.mean, (b) => new Float32Array(b), 4, projection.from, 'the projection’s mean');
      if (mean.some((x) => !Number.isFinite(x))) throw new SnapshotError('the projection’s mean: not all are numbers');
      reduced = { from: projection.from, mean, components: dequantiseVectors(projection.components, dims, projection.from, 'the projection’s components') };
    }
    vectors = { dims, data: dequantiseVectors(w.vectors, count, dims, 'the vectors'), projection: reduced };
  }
  let query: ViewSnapshot['query'] = null;
  if (w.query) {
    // in the vectors' space (projected already when they are reduced)
    const dims = vectors?.dims ?? 0;
    const vector = w.query.vector === null ? null : typed(w.query.vector, (b) => new Float32Array(b), 4, dims, 'the query vector');
    if (vector?.some((x) => !Number.isFinite(x))) throw new SnapshotError('the query vector: not all are numbers');
    query = { text: w.query.text, vector, retrieval: w.query.retrieval };
  }
  for (const [text, rows] of Object.entries(w.gold)) inRange(rows, `the gold marks of “${text.slice(0, 40)}”`);
  if (w.selected !== null) inRange([w.selected], 'the selected chunk');
  inRange(w.chosen, 'the selection');
  for (const [name, rows] of Object.entries(w.tags ?? {})) inRange(rows, `the tag “${name}”`);
  let clusters: ViewSnapshot['clusters'] = null;
  if (w.clusters) {
    const labels = Int32Array.from(typed(w.clusters.labels, (b) => new Int16Array(b), 2, count, 'cluster labels'));
    if (labels.some((l) => l < -1 || l >= w.clusters!.names.length))
      throw new SnapshotError(`cluster labels name clusters beyond the ${w.clusters.names.length} listed`);
    clusters = { labels, names: w.clusters.names };
  }
  return {
    model: w.model,
    chunking: w.chunking,
    corpus,
    layout: { params: w.layout.params, coords },
    vectors,
    camera: w.camera && { position: w.camera.position, target: w.camera.target, zoom: w.camera.zoom },
    query,
    goldMarks: w.gold,
    selected: w.selected,
    chosen: w.chosen,
    clusters,
    colour: w.colour,
    search: w.search,
    lab: w.lab ?? null,
    ...(w.filters && { filters: w.filters }),
    ...(w.tags && { tags: w.tags }),
    ...(w.clusterSettings && { clusterSettings: w.clusterSettings }),
  };
}

/** The view as "o2.<base64url>", ready for a URL fragment. */
export async function encodeSnapshot(snapshot: ViewSnapshot): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(toWire(snapshot)));
  return `${SNAPSHOT_PREFIX}${SNAPSHOT_VERSION}.${toBase64Url(await deflate(json))}`;
}

/** Reads a fragment (with or without its "#"); every failure is a SnapshotError that says what is wrong. */
export async function decodeSnapshot(fragment: string): Promise<ViewSnapshot> {
  const match = /^#?o(\d{1,6})\.(.*)$/s.exec(fragment);
  if (!match) throw new SnapshotError(`this is not an Orrery snapshot (it should start with “${SNAPSHOT_PREFIX}${SNAPSHOT_VERSION}.”)`);
  const version = Number(match[1]);
  if (version > SNAPSHOT_VERSION)
    throw new SnapshotError(`this snapshot is version ${version}, made by a newer Orrery; this one reads up to version ${SNAPSHOT_VERSION}`);
  if (version < 1) throw new SnapshotError(`snapshot version ${version} does not exist`);
  const packed = fromBase64Url(match[2]!);
  if (!packed) throw new SnapshotError('the snapshot holds characters a link cannot (it was cut or changed on the way)');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await inflate(packed, MAX_INFLATED_BYTES));
  } catch (error) {
    if (error instanceof RangeError) throw new SnapshotError(`the snapshot unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB: refused`);
    throw new SnapshotError('the snapshot is damaged (cut short or changed on the way)');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new SnapshotError('the snapshot is damaged (its contents are not JSON)');
  }
  return fromWire(READERS[version]!(raw));
}
