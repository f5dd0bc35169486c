import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRIEVAL } from '../core/retrieval/retrieve';
import { gaussianClusters } from '../core/syntheticData';
import type { Evaluation } from '../core/retrieval/answer';
import { createHost } from './host';
import { retrieveHandlers } from './retrieve';
import type { RetrieveCalls, RetrieveOutbox, RetrieveProgress } from './retrieve.protocol';

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const { data, count, labels } = gaussianClusters(4, 50, 16, 7, 0.3);
const texts = Array.from({ length: count }, (_, i) => `chunk ${i} of topic ${['alpha', 'beta', 'gamma', 'delta'][labels[i]!]}`);

function host() {
  const events: RetrieveOutbox[] = [];
  const retrieveHost = { handle: createHost<RetrieveCalls, RetrieveProgress>(retrieveHandlers(turn), (e) => events.push(e)) };
  void retrieveHost.handle({ type: 'vectors', id: 1, space: 'a', vectorsId: 5, vectors: data, count, dims: 16 });
  void retrieveHost.handle({ type: 'texts', id: 2, space: 'a', textsId: 6, texts });
  const resultOf = <T>(id: number): T => {
    const event = events.find((e) => e.id === id && (e.type === 'result' || e.type === 'error'));
    if (event?.type !== 'result') throw new Error(`no result for ${id}: ${JSON.stringify(event)}`);
    return event.result as T;
  };
  return { events, retrieveHost, resultOf };
}

/** Queries: a chunk's own vector (its row is the one relevant chunk) and its topic word. */
function querySet(rows: number[]) {
  const vectors = new Float32Array(rows.length * 16);
  rows.forEach((row, q) => vectors.set(data.subarray(row * 16, (row + 1) * 16), q * 16));
  return { texts: rows.map((row) => texts[row]!.split(' ').at(-1)!), vectors, relevant: rows.map((row) => [row]) };
}

describe('the retrieval worker', () => {
  it('makes a space’s index as soon as its vectors and texts are both held, before any query', async () => {
    const loaded: number[] = [];
    const kernel = () => ({ load: (_: Float32Array, rows: number) => void loaded.push(rows), dots: (_: Float32Array, out: Float32Array) => void out.fill(0) });
    const handle = createHost<RetrieveCalls, RetrieveProgress>(retrieveHandlers(turn, kernel), () => undefined);
    void handle({ type: 'vectors', id: 1, space: 'a', vectorsId: 5, vectors: data, count, dims: 16 });
    await turn();
    expect(loaded).toEqual([]); // its texts are not here yet
    void handle({ type: 'texts', id: 2, space: 'a', textsId: 6, texts });
    await turn();
    await turn();
    expect(loaded).toEqual([count]);
  });

  it('evaluates every retriever and vector variant, with metrics that follow from the ranks', async () => {
    const { retrieveHost, resultOf } = host();
    const set = querySet([3, 40, 77, 150]);
    const variants = [
      { type: 'binary' as const, dims: null, layerNorm: false },
      { type: 'float' as const, dims: 4, layerNorm: false },
    ];
    await retrieveHost.handle({ type: 'evaluate', id: 3, vectorsId: 5, textsId: 6, ...set, settings: DEFAULT_RETRIEVAL, variants });
    const evaluation = resultOf<Evaluation>(3);
    expect(evaluation.rows.map((r) => r.name)).toEqual(['dense', 'bm25', 'hybrid', 'dense · binary', 'dense · 4-d']);
    const dense = evaluation.rows[0]!;
    // a chunk's own vector finds it first
    expect(dense.ranks).toEqual([[1], [1], [1], [1]]);
    expect(dense.mean).toEqual({ hit1: 1, hit3: 1, hit5: 1, hit10: 1, rr: 1, ndcg10: 1 });
    // BM25 on the topic word alone: the topic's 50 chunks tie (same words, same length), the lowest index first;
    // topics take turns (row r is topic r mod 4), so row r ranks floor(r / 4) + 1
    expect(evaluation.rows[1]!.ranks).toEqual([[1], [11], [20], [38]]);
    for (const row of evaluation.rows) {
      const rr = row.ranks.reduce((a, [r]) => a + (Number.isFinite(r!) ? 1 / r! : 0), 0) / 4;
      expect(row.mean.rr).toBeCloseTo(rr, 10);
    }
    expect(evaluation.answers.map((a) => a[0])).toEqual([3, 40, 77, 150]);
    expect(evaluation.bestScores[0]).toBeCloseTo(1, 5);
  });

  it('stops an evaluation when cancelled, and reads a query set against the texts it holds', async () => {
    const { events, retrieveHost, resultOf } = host();
    const rows = Array.from({ length: 2000 }, (_, i) => i % count);
    const running = retrieveHost.handle({ type: 'evaluate', id: 4, vectorsId: 5, textsId: 6, ...querySet(rows), settings: DEFAULT_RETRIEVAL, variants: [] });
    await turn();
    await turn();
    void retrieveHost.handle({ type: 'cancel', id: 4 });
    await running;
    expect(events.find((e) => e.id === 4 && e.type === 'error')).toMatchObject({ cancelled: true });
    await retrieveHost.handle({
      type: 'query-set',
      id: 7,
      textsId: 6,
      name: 'q.csv',
      text: 'query,expected_text\nwhich beta?,chunk 1 of topic beta\n',
      ids: texts.map((_, i) => `t#${i + 1}`),
    });
    expect(resultOf(7)).toEqual({ queries: [{ line: 2, text: 'which beta?', relevant: [1] }], notes: [] });
  });

  it('finds near-duplicate chunks', async () => {
    const twins = Float32Array.from([...data.subarray(0, 16 * 10), ...data.subarray(0, 16)]);
    const events: RetrieveOutbox[] = [];
    const retrieveHost = { handle: createHost<RetrieveCalls, RetrieveProgress>(retrieveHandlers(turn), (e) => events.push(e)) };
    await retrieveHost.handle({ type: 'vectors', id: 1, space: 'a', vectorsId: 9, vectors: twins, count: 11, dims: 16 });
    await retrieveHost.handle({ type: 'texts', id: 2, space: 'a', textsId: 8, texts: texts.slice(0, 11) });
    await retrieveHost.handle({ type: 'duplicates', id: 3, vectorsId: 9, textsId: 8, threshold: 0.999, limit: 10 });
    expect(events.at(-1)).toMatchObject({ type: 'result', result: { pairs: [[0, 10, expect.closeTo(1, 5)]], checked: 11 } });
  });
});
