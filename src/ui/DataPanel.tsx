import { useState } from 'react';
import { addDocuments, clearWorkspace, loadDemo } from '../state/corpusActions';
import { openFiles } from '../state/fileActions';
import { useOrrery } from '../state/hooks';
import { pickedFiles } from './gatherFiles';

let pasteCount = 0;

const ACCEPT =
  '.orrery,.txt,.md,.markdown,.html,.htm,.pdf,.csv,.tsv,.json,.jsonl,.ndjson,.npy,.parquet,text/plain,text/markdown,text/html,application/pdf,text/csv';

export function DataPanel() {
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const chunkCount = useOrrery((s) => s.chunkCount);
  const sources = useOrrery((s) => s.sources.length);
  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      <label htmlFor="paste">Paste text</label>
      <textarea id="paste" rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder="Paragraphs separated by blank lines" />
      <div className="row">
        <button
          type="button"
          onClick={() => {
            void addDocuments([{ name: `Pasted text ${++pasteCount}`, text }]);
            setText('');
          }}
        >
          Add text
        </button>
        <button type="button" onClick={() => void loadDemo()}>
          Load demo corpus
        </button>
      </div>
      <div className="row">
        <label className="file-label">
          Add files
          <input
            type="file"
            multiple
            accept={ACCEPT}
            onChange={(e) => {
              void openFiles(pickedFiles(e.target.files));
              e.target.value = '';
            }}
          />
        </label>
        <label className="file-label">
          Add folder
          <input
            type="file"
            {...{ webkitdirectory: '' }}
            onChange={(e) => {
              void openFiles(pickedFiles(e.target.files));
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <p className="muted">
        Or drop files and folders anywhere: text, Markdown, HTML, PDF, CSV/TSV, JSON/JSONL; vectors as Projector TSV, .npy, Parquet or a vector column; a shared
        view as its .orrery file.
      </p>
      <div className="row spread">
        <span className="muted">
          {chunkCount.toLocaleString('en')} chunks from {sources} {sources === 1 ? 'source' : 'sources'}
        </span>
        {!confirming && (
          <button type="button" disabled={chunkCount === 0} onClick={() => setConfirming(true)}>
            Clear workspace
          </button>
        )}
      </div>
      {confirming && (
        <div className="row confirm" role="group" aria-label="Confirm clearing the workspace">
          <span>Remove every document, chunk and vector?</span>
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
              void clearWorkspace();
            }}
          >
            Yes, clear
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      )}
    </section>
  );
}
