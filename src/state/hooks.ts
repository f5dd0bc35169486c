// What the scene and the panels may read of the store: a selector hook and a snapshot for event
// handlers. They change state only through actions (the dependency check keeps store.ts from them).
import { useSyncExternalStore } from 'react';
import { useOrreryStore } from './store';
import type { OrreryState } from './slices';
import { type Workspace, workspace } from './workspace/data';

export { isBusy } from './slices';

/** Re-renders when the selected value changes (wrap object or array selectors in useShallow). */
export const useOrrery = <T>(selector: (state: OrreryState) => T): T => useOrreryStore(selector);

/** The current state, for event handlers and frame loops that must not subscribe. */
export const readOrrery = (): Readonly<OrreryState> => useOrreryStore.getState();

/** Calls back on every change, outside React (per-frame work: streamed layout frames, hover). */
export const subscribeOrrery = (listener: (state: OrreryState, before: OrreryState) => void): (() => void) => useOrreryStore.subscribe(listener);

/**
 * Re-renders when the selected part of the workspace's arrays changes. The arrays are replaced, never
 * written in place, whenever the store's versions bump, so a field's identity says it changed.
 */
export const useWorkspace = <T>(select: (data: Readonly<Workspace>) => T): T => useSyncExternalStore(useOrreryStore.subscribe, () => select(workspace));

/** The workspace's arrays now, for event handlers and frame loops. */
export const readWorkspace = (): Readonly<Workspace> => workspace;
