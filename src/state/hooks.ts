// What the scene and the panels may read of the store: a selector hook and a snapshot for event
// handlers. They change state only through actions (the dependency check keeps store.ts from them).
import { useOrreryStore } from './store';
import type { OrreryState } from './slices';

/** Re-renders when the selected value changes (wrap object or array selectors in useShallow). */
export const useOrrery = <T,>(selector: (state: OrreryState) => T): T => useOrreryStore(selector);

/** The current state, for event handlers and frame loops that must not subscribe. */
export const readOrrery = (): Readonly<OrreryState> => useOrreryStore.getState();

/** Calls back on every change, outside React (per-frame work: streamed layout frames, hover). */
export const subscribeOrrery = (listener: (state: OrreryState, before: OrreryState) => void): (() => void) => useOrreryStore.subscribe(listener);
