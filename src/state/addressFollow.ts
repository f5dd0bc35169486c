// The address bar follows the work: once the workspace is loaded, the layout (method and
// parameters), the query, the open chunk and the selection go into "#view?…" (never the data: the
// workspace is saved in this browser). Called when the view changes (the workspace's follow-on
// jobs, a selection, a task settling); address.ts decides at start what the address opens.
import { VIEW_PREFIX, viewFragment } from '../core/viewUrl';
import { activeOf, isBusy } from './slices';
import { useOrreryStore } from './store';

const store = useOrreryStore;
/** changes closer together than this replace the last entry: the back button steps between views, not clicks in a burst */
const COALESCE_MS = 1000;

const following = { started: false, applying: false, waitingForHost: false };
let lastPushAt = 0;
/** what the address was last made from */
let madeFrom: unknown[] = [];

/** From now on the address follows the work (once what the address named at start has opened). */
export function startFollowing(): void {
  following.started = true;
  followAddress();
}

/** While an address is being applied (back, forward), it is not written over. */
export function setApplying(applying: boolean): void {
  following.applying = applying;
}

/** While a #url= link waits for its host to be allowed (a reload follows), its address stays. */
export function setWaitingForHost(waiting: boolean): void {
  following.waitingForHost = waiting;
}

/** Whether a change now would replace the last history entry (it came less than a second ago). */
export const addressCoalescing = (): boolean => performance.now() - lastPushAt < COALESCE_MS;

/** Writes the view into the address if it changed: a new history entry, or the last one replaced within a second. */
export function followAddress(): void {
  const s = store.getState();
  if (!following.started || following.applying || following.waitingForHost || isBusy(s.phase) || s.layoutProgress !== null || s.chunkCount === 0) return;
  const { layoutParams } = activeOf(s);
  const inputs = [layoutParams, s.queryText, s.openChunk, s.selection, location.hash];
  if (inputs.every((x, i) => x === madeFrom[i])) return;
  madeFrom = inputs;
  const fragment = viewFragment({ layout: layoutParams, query: s.queryText, open: s.openChunk, chosen: s.selection });
  if (fragment === location.hash) return;
  const url = `${location.pathname}${location.search}${fragment}`;
  const now = performance.now();
  // a share link's address is replaced by its view (the data is in the workspace now)
  if (!location.hash.startsWith(VIEW_PREFIX) || now - lastPushAt < COALESCE_MS) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  lastPushAt = now;
  madeFrom[4] = location.hash;
}
