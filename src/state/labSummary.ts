// window.__orrery.lab: the model lab's comparison as the automation contract gives it.
import type { PairResult } from '../core/lab/pairMeasures';
import type { QueryScores } from '../core/retrieval/metrics';
import { worstRows } from './labPairLines';
import { labAlignment } from './labAlignment';
import type { OrreryState } from './slices';
import type { LabSummary } from './summaryTypes';
import { spaceOf } from './workspace/data';
import { storageOf } from '../core/vectors';

const WORST_REPORTED = 10;
const scores = (q: QueryScores) => ({ hit5: q.hit5, mrr: q.rr, ndcg10: q.ndcg10 });

export function labSummary(s: OrreryState): LabSummary | null {
  const { lab } = s;
  if (!lab) return null;
  const alignment = labAlignment();
  const space = (id: string, label: string) => {
    const state = s.spaces[id];
    if (!state) return [];
    const { recipe, dims, chunkCount } = state;
    const model = s.modelSource.model.id === recipe.model ? s.modelSource.model : null;
    const { vectors } = spaceOf(id);
    return [
      {
        id,
        label,
        ...recipe,
        pooling: recipe.pooling ?? model?.pooling ?? 'model',
        dims,
        chunks: chunkCount,
        vectors: storageOf(vectors),
        bytes: vectors.byteLength,
      },
    ];
  };
  const { queries, overlap, pairs } = lab;
  const worst = (result: PairResult) => worstRows(pairs!.format, result, WORST_REPORTED).map((row) => pairs!.items[row]!.line);
  const rankInA = new Map(s.results.map((h) => [h.index, h.rank]));
  return {
    spaces: [...space(s.activeSpace, lab.labels.a), ...space(lab.space, lab.labels.b)],
    float16: lab.half,
    view: s.labView,
    alignment: alignment && { method: 'procrustes', rmsd: alignment.residual, shared: alignment.shared },
    neighbourOverlap: {
      k: lab.k,
      mean: lab.meanOverlap,
      exact: lab.exactNeighbours,
      perChunk: Array.from(overlap),
      changedMost: lab.changedMost.map((index) => ({ index, jaccard: overlap[index]! })),
    },
    query:
      s.comparison?.space === lab.space
        ? {
            a: s.results.map((h) => ({ index: h.index, rank: h.rank })),
            b: s.comparison.hits.map((h) => ({
              index: h.index,
              rank: h.rank,
              rankInA: rankInA.get(lab.match ? lab.match.rowOfBInA[h.index]! : h.index) ?? null,
            })),
          }
        : null,
    evaluation: queries && {
      name: queries.name,
      count: queries.queries.length,
      a: scores(queries.a),
      b: scores(queries.b),
      rr: { a: queries.rrA, b: queries.rrB },
      deltas: { won: queries.mrr.won, lost: queries.mrr.lost, tied: queries.mrr.tied },
      mrrInterval: { mean: queries.mrr.delta, low: queries.mrr.low, high: queries.mrr.high, significant: queries.mrr.significant },
    },
    pairs: pairs && {
      file: pairs.file,
      format: pairs.format,
      n: pairs.items.length,
      usable: pairs.usable,
      a: { ...pairs.a.measures },
      b: { ...pairs.b.measures },
      worst: { a: worst(pairs.a), b: worst(pairs.b) },
      notes: pairs.notes,
    },
  };
}
