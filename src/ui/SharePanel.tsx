import { useState } from 'react';
import { useOrrery } from '../state/hooks';
import { COMFORTABLE_LINK_BYTES, makeShareLink } from '../state/shareActions';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

/** "Share": the view as a link that carries it (in the fragment, which no server sees), its size, and a copy button. */
export function SharePanel() {
  const link = useOrrery((s) => s.shareLink);
  const chunkCount = useOrrery((s) => s.chunkCount);
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const share = async () => {
    setCopied(false);
    if (await makeShareLink()) setOpen(true);
  };
  // the clipboard needs a secure context; elsewhere the link is selected for the user to copy
  const copy = (input: HTMLInputElement | null) => {
    if (!navigator.clipboard) {
      input?.select();
      return;
    }
    void navigator.clipboard.writeText(link!.url).then(
      () => setCopied(true),
      () => input?.select(),
    );
  };
  return (
    <div className="share">
      <button type="button" disabled={chunkCount === 0} onClick={() => void share()}>
        Share
      </button>
      {open && link && (
        <div className="panel share-panel" role="group" aria-label="Share this view">
          <label>
            Share link
            <input id="share-link" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <p className="muted">
            {kb(link.bytes)} ({link.bytes.toLocaleString('en')} bytes): the chunks, their vectors (int8), the layout, camera, query, gold marks, selection and colours. Nothing is uploaded: the view travels in the link.
          </p>
          {link.bytes > COMFORTABLE_LINK_BYTES && (
            <p className="warning">Longer than the {kb(COMFORTABLE_LINK_BYTES)} an address bar shows; chat apps may cut it. Chromium opens links up to 2 MB.</p>
          )}
          <div className="row">
            <button type="button" onClick={() => copy(document.getElementById('share-link') as HTMLInputElement | null)}>
              {copied ? 'Copied' : 'Copy link'}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
