import { useEffect, useState } from 'react';
import { REDUCED_DIMS } from '../core/snapshot/reduce';
import { useOrrery } from '../state/hooks';
import { COMFORTABLE_LINK_BYTES, DEFAULT_SHARE, makeShareLink, pageAddress, SNAPSHOT_FILE_EXTENSION, type ShareOptions } from '../state/shareActions';
import { saveFile } from './saveFile';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

const VECTOR_CHOICES: Record<ShareOptions['vectors'], string> = {
  int8: 'All, as int8: queries work',
  reduced: `Reduced to ${REDUCED_DIMS} dimensions (PCA): queries work, near enough`,
  none: 'None: the picture only',
};

/** The clipboard needs a secure context; elsewhere the text is selected for the user to copy. */
function copyFrom(id: string, text: string, done: () => void): void {
  const input = document.getElementById(id) as HTMLInputElement | null;
  if (!navigator.clipboard) {
    input?.select();
    return;
  }
  void navigator.clipboard.writeText(text).then(done, () => input?.select());
}

/** "Share": the view as a link that carries it (in the fragment, which no server sees), or as a snapshot file for big views. */
export function SharePanel() {
  const link = useOrrery((s) => s.shareLink);
  const chunkCount = useOrrery((s) => s.chunkCount);
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<ShareOptions>(DEFAULT_SHARE);
  // 'Copied' belongs to the link that was copied: a newer link offers 'Copy link' again
  const [copiedUrl, setCopiedUrl] = useState<string | null>(null);
  const [hostedAt, setHostedAt] = useState('');
  // while the panel is open the link follows its options and the work (the camera and selection are read when it is made)
  const corpusVersion = useOrrery((s) => s.corpusVersion);
  const layoutVersion = useOrrery((s) => s.layoutVersion);
  const queryVersion = useOrrery((s) => s.queryVersion);
  useEffect(() => {
    if (!open) return;
    void makeShareLink(options).then((made) => made || setOpen(false));
  }, [open, options, corpusVersion, layoutVersion, queryVersion]);
  const hostedLink = /^https?:\/\/\S+$/.test(hostedAt.trim()) ? pageAddress(`url=${encodeURIComponent(hostedAt.trim())}`) : '';
  const describe = (o: ShareOptions) =>
    o.vectors === 'none' ? 'no vectors' : o.vectors === 'reduced' ? `vectors reduced to ${REDUCED_DIMS} dimensions` : 'the vectors (int8)';
  return (
    <div className="share">
      <button type="button" disabled={chunkCount === 0} onClick={() => setOpen(!open)} aria-expanded={open}>
        Share
      </button>
      {open && link && (
        <div className="panel share-panel" role="group" aria-label="Share this view">
          <label>
            Share link
            <input id="share-link" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <p className="muted">
            {kb(link.bytes)} ({link.bytes.toLocaleString('en')} bytes):{' '}
            {link.demo ? 'the demo corpus by its content hash (every Orrery has it)' : link.referenced ? 'the chunks by their content hash only' : 'the chunks'}
            , {describe(options)}, the layout, camera, query, gold marks, selection and colours. Nothing is uploaded: the view travels in the link.
          </p>
          {link.bytes > COMFORTABLE_LINK_BYTES && (
            <p className="warning">
              Longer than the {kb(COMFORTABLE_LINK_BYTES)} an address bar shows; chat apps may cut it (Chromium opens links up to 2 MB). Leave vectors out or
              reduce them, or send the snapshot file.
            </p>
          )}
          <label>
            Vectors in the link
            <select value={options.vectors} onChange={(e) => setOptions({ ...options, vectors: e.target.value as ShareOptions['vectors'] })}>
              {Object.entries(VECTOR_CHOICES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={link.demo || options.texts === 'referenced'}
              disabled={link.demo}
              onChange={(e) => setOptions({ ...options, texts: e.target.checked ? 'referenced' : 'carried' })}
            />
            Leave the chunks out (for someone who holds this corpus)
          </label>
          <div className="row">
            <button type="button" onClick={() => copyFrom('share-link', link.url, () => setCopiedUrl(link.url))}>
              {copiedUrl === link.url ? 'Copied' : 'Copy link'}
            </button>
            <button type="button" onClick={() => saveFile(`orrery-view${SNAPSHOT_FILE_EXTENSION}`, new Blob([link.fragment], { type: 'text/plain' }))}>
              Download snapshot file
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <p className="muted">
            A snapshot file opens when dropped onto Orrery, or from an address you host it at (the host must allow this page to fetch it):
          </p>
          <label>
            Snapshot file address
            <input type="url" placeholder="https://example.org/orrery-view.orrery" value={hostedAt} onChange={(e) => setHostedAt(e.target.value)} />
          </label>
          {hostedLink && (
            <label>
              Link to the hosted snapshot
              <input readOnly value={hostedLink} onFocus={(e) => e.currentTarget.select()} />
            </label>
          )}
        </div>
      )}
    </div>
  );
}
