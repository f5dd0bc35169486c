import { useState } from 'react';
import { type ChunkOptions, type ChunkStrategy, DEFAULT_SEPARATORS, fitTokenLimit } from '../core/chunking';
import { rechunk, setChunking } from '../state/corpusActions';
import { isBusy, useOrrery } from '../state/hooks';

const STRATEGIES: { value: ChunkStrategy; label: string }[] = [
  { value: 'fit', label: "Paragraphs that fit the model's input" },
  { value: 'paragraph', label: 'Paragraphs (characters)' },
  { value: 'recursive', label: 'Recursive characters' },
  { value: 'sentence', label: 'Sentences' },
  { value: 'markdown', label: 'Markdown headings' },
  { value: 'tokens', label: "Tokens (the model's tokenizer)" },
];

/** Separators as the user types them: comma-separated, with \n and \t escapes and "" for 'anywhere'. */
export function parseSeparators(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (s === '""' ? '' : s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\s/g, ' ')));
}

export const formatSeparators = (separators: string[]) =>
  separators.map((s) => (s === '' ? '""' : s.replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/ /g, '\\s'))).join(', ');

export function ChunkingPanel() {
  const chunking = useOrrery((s) => s.chunking);
  const chunkCount = useOrrery((s) => s.chunkCount);
  const busy = useOrrery((s) => isBusy(s.phase));
  const model = useOrrery((s) => s.modelSource.model);
  const [draft, setDraft] = useState<ChunkOptions>(chunking);
  const [separators, setSeparators] = useState(formatSeparators(chunking.separators));
  const unit = draft.strategy === 'tokens' ? 'tokens' : 'characters';
  const apply = () => {
    const size = Math.max(draft.strategy === 'tokens' ? 8 : 50, Math.min(20_000, Math.round(draft.size) || 0));
    const next: ChunkOptions = {
      ...draft,
      size,
      overlap: Math.max(0, Math.min(Math.round(draft.overlap) || 0, Math.floor(size / 2))),
      separators: parseSeparators(separators),
    };
    if (next.separators.length === 0) next.separators = DEFAULT_SEPARATORS;
    setDraft(next);
    setSeparators(formatSeparators(next.separators));
    setChunking(next);
    void rechunk();
  };
  return (
    <section className="panel" aria-labelledby="chunking-heading">
      <h2 id="chunking-heading">Chunking</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label>
          Split by
          <select
            value={draft.strategy}
            onChange={(e) =>
              setDraft({
                ...draft,
                strategy: e.target.value as ChunkStrategy,
                ...(e.target.value === 'tokens' ? { size: 128, overlap: 16 } : draft.strategy === 'tokens' ? { size: 800, overlap: 80 } : {}),
              })
            }
          >
            {STRATEGIES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {draft.strategy === 'fit' ? (
          <p className="hint">
            At most {fitTokenLimit(model.maxTokens)} of {model.label}'s tokens per chunk (its input is {model.maxTokens}); long paragraphs are cut into windows
            that share {Math.floor(fitTokenLimit(model.maxTokens) / 10)}.
          </p>
        ) : (
          <div className="row">
            <label>
              Chunk size ({unit})
              <input type="number" min={1} value={draft.size} onChange={(e) => setDraft({ ...draft, size: Number(e.target.value) })} />
            </label>
            <label>
              Overlap ({unit})
              <input type="number" min={0} value={draft.overlap} onChange={(e) => setDraft({ ...draft, overlap: Number(e.target.value) })} />
            </label>
          </div>
        )}
        {draft.strategy === 'recursive' && (
          <label>
            Separators
            <input
              type="text"
              value={separators}
              onChange={(e) => setSeparators(e.target.value)}
              title='Tried in order; \n is a newline, \s a space, "" cuts anywhere'
            />
          </label>
        )}
        <button type="submit" disabled={busy}>
          {chunkCount > 0 ? 'Re-chunk' : 'Use for new files'}
        </button>
      </form>
    </section>
  );
}
