// What the address opens: at start a share link, a #url= snapshot, ?demo, or the saved workspace
// with the view its address names; later a link pasted into the bar, and back and forward between
// views. (addressFollow.ts writes the view into the address as the work changes.)
import { parseViewFragment, viewFragment, type ViewState } from '../core/viewUrl';
import { setApplying, startFollowing } from './addressFollow';
import { loadDemo } from './corpusActions';
import { runLayout } from './layoutActions';
import { restore } from './persist';
import { clearQuery, runQuery, setOpenChunk } from './queryActions';
import { openShareLink, openSnapshotUrl } from './openSnapshot';
import { activeOf } from './slices';
import { useOrreryStore } from './store';
import { setSelection, clearSelection } from './viewActions';

const store = useOrreryStore;

const sameRows = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Brings the workspace to the view an address names (what already matches is left alone). */
async function applyView(view: ViewState): Promise<void> {
  setApplying(true);
  try {
    const s = store.getState();
    const layoutNow = viewFragment({ layout: activeOf(s).layoutParams, query: '', open: null, chosen: [] });
    if (viewFragment({ layout: view.layout, query: '', open: null, chosen: [] }) !== layoutNow) void runLayout(view.layout);
    if (view.query !== s.queryText) await (view.query ? runQuery(view.query) : clearQuery());
    if (view.open !== store.getState().openChunk) setOpenChunk(view.open);
    const chosen = [...store.getState().selection].sort((a, b) => a - b);
    if (!sameRows(view.chosen, chosen)) {
      if (view.chosen.length > 0) setSelection(view.chosen, 'Selection from the address');
      else clearSelection();
    }
  } finally {
    setApplying(false);
  }
}

const viewOfAddress = (): ViewState | null => parseViewFragment(location.hash, store.getState().chunkCount);

/** Opens what the address names, then lets the address follow the work; returns the listeners' remover. */
export function startAddress(): () => void {
  const { hash } = location;
  let opening: Promise<unknown>;
  if (hash.startsWith('#o')) opening = openShareLink(hash).then((opened) => (opened ? undefined : restore()));
  else if (hash.startsWith('#url=')) opening = openSnapshotUrl(hash).then((opened) => (opened ? undefined : restore()));
  else {
    // ?demo always shows the demo corpus; otherwise the saved workspace comes back; then the view the address names
    const loading = new URLSearchParams(location.search).has('demo') ? loadDemo() : restore();
    opening = loading.then(() => {
      const view = viewOfAddress();
      if (!view) return;
      // an address copied from another browser's bar names a view of data this browser does not hold
      if (store.getState().chunkCount === 0) {
        history.replaceState(null, '', `${location.pathname}${location.search}`);
        store
          .getState()
          .notify('info', 'This address names a view of a workspace saved in another browser; it carries no data. To send a view with its data, use Share.');
        return;
      }
      return applyView(view);
    });
  }
  void opening.finally(startFollowing);
  // a share link pasted into this tab's address bar changes only the fragment: no reload
  const onHash = () => {
    if (location.hash.startsWith('#o')) void openShareLink(location.hash);
    else if (location.hash.startsWith('#url=')) void openSnapshotUrl(location.hash);
  };
  // back and forward between views of this workspace
  const onPop = () => {
    const view = viewOfAddress();
    if (view) void applyView(view);
  };
  window.addEventListener('hashchange', onHash);
  window.addEventListener('popstate', onPop);
  return () => {
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener('popstate', onPop);
  };
}
