// Settings read from what someone else wrote (a share link, an address): each value range-checked,
// the defaults wherever a value is missing, malformed or out of range. One reader per setting kind.
import { CHUNK_STRATEGIES, type ChunkOptions, DEFAULT_CHUNKING } from './chunking';
import { DEFAULT_LAYOUT, type LayoutParams } from './layoutRun';
import { DEFAULT_RETRIEVAL, RETRIEVERS, type RetrievalSettings } from './retrieval/retrieve';

export type Rule = (value: unknown) => unknown;
export const integer =
  (min: number, max: number): Rule =>
  (v) =>
    v !== '' && v !== null && Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined;
export const real =
  (min: number, max: number): Rule =>
  (v) =>
    v !== '' && v !== null && Number.isFinite(Number(v)) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined;
export const oneOf =
  (...values: unknown[]): Rule =>
  (v) =>
    values.find((x) => String(x) === String(v));
const either =
  (...rules: Rule[]): Rule =>
  (v) =>
    rules.map((r) => r(v)).find((x) => x !== undefined);
const nothing: Rule = (v) => (v === null || v === 'none' ? null : undefined);

/** What each parameter may be (as the Layout panel allows); the rest of a layout comes from its method's defaults. */
const RULES: Record<string, Rule> = {
  dims: oneOf(2, 3),
  neighbours: integer(2, 200),
  minDist: real(0, 1),
  epochs: integer(10, 2000),
  metric: oneOf('cosine', 'euclidean'),
  preReduce: either(nothing, integer(2, 1024)),
  fitRows: integer(100, 1_000_000),
  seed: integer(0, 2 ** 31 - 1),
  perplexity: real(2, 100),
  learningRate: either(oneOf('auto'), real(1, 100_000)),
  iterations: integer(50, 5000),
};

/** Layout parameters from anything (a link, an address): the method's defaults where a value is missing or out of range. */
export function layoutParamsFrom(raw: Record<string, unknown>): LayoutParams {
  const method = raw.method === 'umap' || raw.method === 'tsne' ? raw.method : 'pca';
  const params: Record<string, unknown> = { ...DEFAULT_LAYOUT[method] };
  for (const key of Object.keys(params)) {
    if (key === 'method' || !(key in raw)) continue;
    if (key === 'axes') {
      const axes = typeof raw.axes === 'string' ? raw.axes.split(',') : raw.axes;
      if (Array.isArray(axes) && axes.length === 3 && axes.every((a) => integer(0, 63)(a) !== undefined)) params.axes = axes.map(Number);
      continue;
    }
    const value = RULES[key]?.(raw[key]);
    if (value !== undefined) params[key] = value;
  }
  return params as unknown as LayoutParams;
}

/** The retriever, metric and top k a link names; the other retrieval settings as this app's defaults. */
export function retrievalFrom(raw: Record<string, unknown>): RetrievalSettings {
  const retriever = oneOf(...RETRIEVERS)(raw.retriever) as RetrievalSettings['retriever'] | undefined;
  const metric = oneOf('cosine', 'dot', 'euclidean')(raw.metric) as RetrievalSettings['metric'] | undefined;
  const topK = integer(1, 100)(raw.topK) as number | undefined;
  return { ...DEFAULT_RETRIEVAL, ...(retriever && { retriever }), ...(metric && { metric }), ...(topK && { topK }) };
}

/** Chunking options (a link's, to chunk the demo as its sender did): this app's defaults where a value does not make sense. */
export function chunkingFrom(raw: Record<string, unknown>): ChunkOptions {
  const size = (integer(1, 100_000)(raw.size) as number | undefined) ?? DEFAULT_CHUNKING.size;
  const separators = raw.separators;
  return {
    strategy: (oneOf(...CHUNK_STRATEGIES)(raw.strategy) as ChunkOptions['strategy'] | undefined) ?? DEFAULT_CHUNKING.strategy,
    size,
    overlap: (integer(0, size - 1)(raw.overlap) as number | undefined) ?? Math.min(DEFAULT_CHUNKING.overlap, size - 1),
    separators:
      Array.isArray(separators) && separators.length <= 32 && separators.every((x) => typeof x === 'string' && x.length <= 16)
        ? (separators as string[])
        : DEFAULT_CHUNKING.separators,
  };
}
