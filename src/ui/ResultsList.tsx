import type { RetrievedHit, Standing } from '../core/retrieval/retrieve';
import { shownByFilters } from '../state/columnReadings';
import { useOrrery, useSpace } from '../state/hooks';
import { keywordSettings, setOpenChunk, toggleGold } from '../state/queryActions';
import { useLanguageReport } from '../state/languageCoverage';
import { RETRIEVER_LABEL } from './RetrieverSettings';

export const FOUND_BY_LABEL = { dense: 'dense only', bm25: 'BM25 only', both: 'dense and BM25', neither: 'neither top k' } as const;

/** "#3 (0.612)", or "not retrieved" when the retriever does not return the chunk at all. */
const standingText = (s: Standing, digits = 3) => (Number.isFinite(s.rank) ? `#${s.rank} (${s.score.toFixed(digits)})` : 'not retrieved');

/** One hit: its rank and score, where each retriever ranks it, its source, and its tokens against the context budget. */
function HitRow({ hit, used, gold, fullRank }: { hit: RetrievedHit; used: number; gold: boolean; fullRank: number | null }) {
  const budget = useOrrery((s) => s.contextBudget);
  const table = useSpace((w) => w.table);
  const tokens = table.tokens[hit.index]!;
  const over = !hit.beyondCut && used > budget;
  return (
    <li className={`${hit.beyondCut ? 'beyond' : ''}${over ? ' over-budget' : ''}`}>
      <button type="button" className="hit" onClick={() => setOpenChunk(hit.index)}>
        <span className="rank">#{hit.rank}</span>
        <span className="score">{hit.score.toFixed(hit.score > 10 ? 1 : 3)}</span>
        <span className={`found found-${hit.foundBy}`}>{FOUND_BY_LABEL[hit.foundBy]}</span>
        <span className="standings" role="group" aria-label="Ranks by retriever">
          dense {standingText(hit.dense)} · BM25 {standingText(hit.bm25, 2)} · fused{' '}
          {Number.isFinite(hit.hybrid.rank) ? `#${hit.hybrid.rank}` : 'not retrieved'}
          {fullRank !== null && ` · float vectors #${fullRank}`}
        </span>
        <span className="source">{table.sources[table.sourceIds[hit.index]!]}</span>
        <span className="tokens" role="group" aria-label="Tokens">
          {tokens >= 0 ? `${tokens} tokens` : 'tokens unknown'}
          {!hit.beyondCut && ` · ${used.toLocaleString('en')} / ${budget.toLocaleString('en')}${over ? ' — over the context budget' : ''}`}
        </span>
        <span className="snippet">{table.texts[hit.index]}</span>
      </button>
      <button
        type="button"
        className="gold-toggle"
        aria-label={gold ? 'Unmark gold' : 'Mark as gold'}
        aria-pressed={gold}
        onClick={() => void toggleGold(hit.index)}
      >
        {gold ? '★' : '☆'}
      </button>
    </li>
  );
}

export function ResultsList() {
  const results = useOrrery((s) => s.results);
  const beyond = useOrrery((s) => s.beyond);
  const queryText = useOrrery((s) => s.queryText);
  const chosen = useOrrery((s) => s.retrieval);
  const keywordsOnly = useOrrery((s) => s.keywordsOnly);
  // with no query vector BM25 answered, whatever retriever is chosen
  const retrieval = keywordsOnly ? keywordSettings(chosen) : chosen;
  const goldMarks = useOrrery((s) => s.goldMarks);
  const fullRanks = useOrrery((s) => s.fullRanks);
  const variant = useOrrery((s) => s.variant);
  const tokens = useOrrery((s) => s.queryTokens);
  const model = useOrrery((s) => s.modelSource.model);
  const gold = new Set(goldMarks[queryText] ?? []);
  const table = useSpace((w) => w.table);
  const language = useLanguageReport();
  const filters = useOrrery((s) => s.filters);
  const filtered = shownByFilters(filters);
  // tokens of the context budget used up to and including each hit
  const usedUpTo = new Array<number>(results.length);
  results.forEach((hit, i) => (usedUpTo[i] = (usedUpTo[i - 1] ?? 0) + Math.max(0, table.tokens[hit.index]!)));
  const how =
    retrieval.retriever === 'dense'
      ? `${retrieval.metric}`
      : retrieval.retriever === 'bm25'
        ? `k1 ${retrieval.bm25.k1}, b ${retrieval.bm25.b}`
        : `weights ${retrieval.weights.dense} : ${retrieval.weights.bm25}`;
  return (
    <>
      <div role="region" aria-label="Results" className="results">
        {queryText && (
          <p className="muted">
            Top {results.length} for “{queryText}” — {RETRIEVER_LABEL[retrieval.retriever]} ({how}){retrieval.mmr.on && `, MMR λ ${retrieval.mmr.lambda}`}, full
            dimension
            {variant.type !== 'float' || variant.dims !== null ? `, vectors as ${variant.dims ? `${variant.dims}-d ` : ''}${variant.type}` : ''}
            {retrieval.minScore !== null && `, score ≥ ${retrieval.minScore}`}
          </p>
        )}
        {queryText && keywordsOnly && (
          <p className="warning" role="note" aria-label="Keywords only">
            {keywordsOnly}
          </p>
        )}
        {queryText && filtered && (
          <p role="note" aria-label="Filtered">
            Filtered by {filters.map((f) => f.column).join(', ')}: ranked among {filtered.reduce((n, x) => n + x, 0)} of {table.texts.length} chunks.
          </p>
        )}
        {queryText && language?.warning && (
          <p className="warning" role="note" aria-label="Language coverage">
            {language.warning}
          </p>
        )}
        {tokens !== null && (
          <p className="warning" role="group" aria-label="Input cut">
            The query has {tokens} tokens; {model.label} reads only the first {model.maxTokens}.
          </p>
        )}
        <ol aria-label="Hits">
          {results.map((hit, i) => (
            <HitRow key={hit.index} hit={hit} used={usedUpTo[i]!} gold={gold.has(hit.index)} fullRank={fullRanks?.[hit.index] ?? null} />
          ))}
        </ol>
      </div>
      {beyond.length > 0 && (
        <div role="region" aria-label="Below the cut" className="results">
          <h3>Just below the cut</h3>
          <ol>
            {beyond.map((hit) => (
              <HitRow key={hit.index} hit={hit} used={0} gold={gold.has(hit.index)} fullRank={fullRanks?.[hit.index] ?? null} />
            ))}
          </ol>
        </div>
      )}
    </>
  );
}
