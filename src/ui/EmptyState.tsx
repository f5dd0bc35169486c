import { useRef } from 'react';
import { loadDemo } from '../state/corpusActions';
import { openFiles } from '../state/fileActions';
import { isBusy, useOrrery } from '../state/hooks';
import { pickedFiles } from './gatherFiles';

/** What the scene says before there is anything in it: what Orrery does, what it reads, and a first step. */
export function EmptyState({ onPaste }: { onPaste: () => void }) {
  const chunkCount = useOrrery((s) => s.chunkCount);
  const busy = useOrrery((s) => isBusy(s.phase));
  const files = useRef<HTMLInputElement>(null);
  if (chunkCount > 0 || busy) return null;
  return (
    <div className="empty-state" role="region" aria-label="Start here">
      <h2>See your vector space: where each chunk lands, and what a retriever returns.</h2>
      <p>
        Drop files, a folder or vectors anywhere here — text, Markdown, HTML, PDF, CSV/TSV, JSON/JSONL, Parquet, .npy, the Embedding Projector's TSV pair, or a
        shared view (.orrery). Everything stays in this browser.
      </p>
      <div className="row">
        <button type="button" className="primary" onClick={() => void loadDemo()}>
          Try the demo corpus
        </button>
        <button type="button" onClick={onPaste}>
          Paste text
        </button>
        <button type="button" onClick={() => files.current?.click()}>
          Choose files
        </button>
        <input
          ref={files}
          type="file"
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(e) => {
            void openFiles(pickedFiles(e.target.files));
            e.target.value = '';
          }}
        />
      </div>
    </div>
  );
}
