// What the scene and the panels may read of the store: a selector hook and a snapshot for event
// handlers. They change state only through actions (the dependency check keeps store.ts from them).
import { useSyncExternalStore } from 'react';
import { useOrreryStore } from './store';
import { activeOf, type OrreryState, type SpaceState } from './slices';
import { type Space, type SpaceId, spaceOf } from './workspace/data';
import { activeSpace } from './workspace/spaces';

export { activeOf, isBusy } from './slices';

/** Re-renders when the selected value changes (wrap object or array selectors in useShallow). */
export const useOrrery = <T>(selector: (state: OrreryState) => T): T => useOrreryStore(selector);

/** The current state, for event handlers and frame loops that must not subscribe. */
export const readOrrery = (): Readonly<OrreryState> => useOrreryStore.getState();

/** Calls back on every change, outside React (per-frame work: streamed layout frames, hover). */
export const subscribeOrrery = (listener: (state: OrreryState, before: OrreryState) => void): (() => void) => useOrreryStore.subscribe(listener);

/**
 * Re-renders when the selected part of a space's arrays changes (the active space's unless named). The
 * arrays are replaced, never written in place, whenever the store's versions bump, so a field's
 * identity says it changed.
 */
export const useSpace = <T>(select: (data: Readonly<Space>) => T, id?: SpaceId): T =>
  useSyncExternalStore(useOrreryStore.subscribe, () => select(spaceOf(id ?? useOrreryStore.getState().activeSpace)));

/** A space's arrays now (the active space's unless named), for event handlers and frame loops. */
export const readSpace = (id?: SpaceId): Readonly<Space> => (id === undefined ? activeSpace() : spaceOf(id));

/** Re-renders when the selected part of the active space's state changes. */
export const useActiveSpace = <T>(select: (space: SpaceState) => T): T => useOrreryStore((s) => select(activeOf(s)));
