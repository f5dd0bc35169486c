// Small view actions for the panels and the scene: hover, camera, colours, notices.
import type { ColourMode, ViewSlice } from './slices';
import { useOrreryStore } from './store';

const store = useOrreryStore;

export const setHovered = (hovered: ViewSlice['hovered']): void => store.getState().setHovered(hovered);
export const resetCamera = (): void => store.getState().resetCamera();
export const setColourMode = (colourMode: ColourMode): void => store.setState({ colourMode });
export const dismissNotice = (id: number): void => store.getState().dismiss(id);
