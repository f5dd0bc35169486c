import { useState } from 'react';
import { addDocuments, loadDemo } from '../state/pipeline';
import { useOrreryStore } from '../state/store';
import { readTextFiles } from './readFiles';

let pasteCount = 0;

export async function addFiles(files: File[]): Promise<void> {
  const { documents, problems } = await readTextFiles(files);
  for (const p of problems) useOrreryStore.getState().notify('error', p);
  if (documents.length > 0) await addDocuments(documents);
}

export function DataPanel() {
  const [text, setText] = useState('');
  const chunkCount = useOrreryStore((s) => s.chunkCount);
  const sources = useOrreryStore((s) => s.sources.length);
  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      <label htmlFor="paste">Paste text</label>
      <textarea id="paste" rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder="Paragraphs separated by blank lines" />
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
      <label className="file-label">
        Add files
        <input type="file" multiple accept=".txt,.md,text/plain,text/markdown" onChange={(e) => {
          void addFiles(Array.from(e.target.files ?? []));
          e.target.value = '';
        }} />
      </label>
      <p className="muted">
        {chunkCount} chunks from {sources} {sources === 1 ? 'source' : 'sources'}
      </p>
    </section>
  );
}
