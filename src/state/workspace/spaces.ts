// The active space and the store's state of each space: the one way to read or change them.
import { emptySpaceState } from '../initialState';
import type { OrreryState, SpaceRecipe, SpaceState } from '../slices';
import { useOrreryStore } from '../store';
import { addSpace, removeSpace, type Space, type SpaceId, spaceOf } from './data';

const store = useOrreryStore;

/** The space on screen. */
export const activeSpace = (): Space => spaceOf(store.getState().activeSpace);

/** The part of a store update that changes one space's state (for a setState that changes more). */
export function spacePatch(s: OrreryState, id: SpaceId, change: Partial<SpaceState>): Pick<OrreryState, 'spaces'> {
  const before = s.spaces[id];
  if (!before) throw new Error(`there is no space ${id}`);
  return { spaces: { ...s.spaces, [id]: { ...before, ...change } } };
}

/** Changes one space's state; a space removed meanwhile is left alone. */
export function setSpaceState(id: SpaceId, change: Partial<SpaceState> | ((before: SpaceState) => Partial<SpaceState>)): void {
  store.setState((s) => {
    const before = s.spaces[id];
    if (!before) return {};
    return spacePatch(s, id, typeof change === 'function' ? change(before) : change);
  });
}

/** Opens a new, empty space of the corpus; its data comes with a commit that names it. */
export function openSpace(id: SpaceId, recipe: SpaceRecipe): Space {
  if (store.getState().spaces[id]) throw new Error(`space ${id} is already open`);
  const space = addSpace(id);
  store.setState((s) => ({ spaces: { ...s.spaces, [id]: emptySpaceState(id, recipe) } }));
  return space;
}

/** Closes a space other than the active one: its arrays and state go (work still running on it is dropped as stale). */
export function closeSpace(id: SpaceId): void {
  if (id === store.getState().activeSpace) throw new Error(`space ${id} is on screen`);
  removeSpace(id);
  store.setState((s) => {
    const { [id]: _, ...rest } = s.spaces;
    return { spaces: rest };
  });
}

/** The model lab's second space. */
export const LAB_SPACE: SpaceId = 'b';

/** Ends the model lab's comparison: its state and its second space go. */
export function closeLab(): void {
  const { lab, spaces } = store.getState();
  if (spaces[LAB_SPACE]) closeSpace(LAB_SPACE);
  if (lab) store.setState((s) => ({ lab: null, labView: 'a' as const, ...(s.colourMode === 'overlap' && { colourMode: 'cluster' as const }) }));
}
