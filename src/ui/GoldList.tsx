import type { GoldStanding, Standing } from '../core/retrieval/retrieve';
import { useOrrery, useSpace } from '../state/hooks';
import { setOpenChunk, toggleGold } from '../state/queryActions';

const where = (s: Standing) => (Number.isFinite(s.rank) ? `#${s.rank} (${s.score.toFixed(3)})` : 'not retrieved');

/** Why a gold chunk came back, or did not: its rank under each retriever, its true similarity, what beat it. */
function GoldItem({ gold, topK }: { gold: GoldStanding; topK: number }) {
  const table = useSpace((w) => w.table);
  const returned = gold.answerRank <= topK;
  return (
    <li className={returned ? 'gold-found' : 'gold-missed'}>
      <div className="row spread">
        <button type="button" className="link" onClick={() => setOpenChunk(gold.index)}>
          {returned
            ? `Returned at #${gold.answerRank}`
            : Number.isFinite(gold.answerRank)
              ? `Missed: #${gold.answerRank} in the answer`
              : 'Missed: not among the candidates'}
          {' — '}
          {table.texts[gold.index]?.slice(0, 80)}
        </button>
        <button type="button" aria-label="Unmark gold" onClick={() => void toggleGold(gold.index)}>
          ★
        </button>
      </div>
      <p className="muted" role="group" aria-label="Gold ranks">
        dense {where(gold.dense)} · BM25 {where(gold.bm25)} · hybrid {where(gold.hybrid)}
        {Number.isFinite(gold.similarity) && ` · true cosine similarity ${gold.similarity.toFixed(3)}`}
      </p>
      {!returned && gold.outrankedBy.length > 0 && (
        <p className="muted" role="group" aria-label="Outranked by">
          Outranked by:{' '}
          {gold.outrankedBy.map((o, i) => (
            <span key={o.index}>
              {i > 0 && ', '}
              <button type="button" className="link" onClick={() => setOpenChunk(o.index)}>
                #{o.rank} {table.texts[o.index]?.slice(0, 40)}… ({o.score.toFixed(3)})
              </button>
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

export function GoldList() {
  const gold = useOrrery((s) => s.gold);
  const topK = useOrrery((s) => s.retrieval.topK);
  if (gold.length === 0) return null;
  return (
    <div role="region" aria-label="Gold chunks" className="gold">
      <h3>Gold chunks for this query</h3>
      <ul>
        {gold.map((g) => (
          <GoldItem key={g.index} gold={g} topK={topK} />
        ))}
      </ul>
    </div>
  );
}
