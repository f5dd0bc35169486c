import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { ScreenIndex } from '../core/screenIndex';
import { setOpenChunk } from '../state/queryActions';
import { readOrrery } from '../state/hooks';
import { setHovered } from '../state/viewActions';
import { sceneReport } from '../state/sceneReport';
import { currentViewport, sceneState } from './sceneState';

/** pointer within this many CSS pixels of a point's centre picks it */
const PICK_RADIUS = 8;
/** a press that moves more than this is a drag (orbit), not a click */
const CLICK_SLOP = 4;
/** hover picks whose times the scene report keeps */
const PICKS_KEPT = 100;
/** how long the camera is still before the points are projected for hovering */
const SETTLE_MS = 150;

/** the points' projections for the camera as it last stood still, and the drawn positions they were made from */
let indexed: { index: ScreenIndex; version: number } | null = null;

/** 1 where a point is drawn in the last frame: visible, and not thinned out at this zoom */
let drawnNow = new Uint8Array(0);

function drawnMask(): Uint8Array {
  const { visible, drawLevel, drawCap } = sceneState;
  if (drawLevel.length !== visible.length || drawCap === Infinity) return visible;
  if (drawnNow.length !== visible.length) drawnNow = new Uint8Array(visible.length);
  for (let i = 0; i < visible.length; i++) drawnNow[i] = visible[i]! & (drawLevel[i]! < drawCap ? 1 : 0);
  return drawnNow;
}

/** The screen index for the camera and positions now: projected once per camera pose and set of positions. */
function screenIndex(): ScreenIndex | null {
  const view = currentViewport();
  if (!view) return null;
  const { positions, positionsVersion } = sceneState;
  if (!indexed || indexed.version !== positionsVersion || !indexed.index.fits(view))
    indexed = { index: new ScreenIndex(positions, positions.length / 3, view, drawnMask(), indexed?.index), version: positionsVersion };
  return indexed.index;
}

function pick(event: PointerEvent | MouseEvent, canvas: HTMLCanvasElement): number | null {
  const index = screenIndex();
  const rect = canvas.getBoundingClientRect();
  return index && index.nearest(event.clientX - rect.left, event.clientY - rect.top, PICK_RADIUS);
}

/**
 * Hover and click by projecting the points to the screen (core/screenIndex.ts) instead of casting
 * rays at them: one pass per camera pose, then a look at the grid cells under the pointer, at most
 * once per animation frame.
 */
export function Picking() {
  const canvas = useThree((s) => s.gl.domElement);
  useEffect(() => {
    let pending: PointerEvent | null = null;
    let down: { x: number; y: number } | null = null;
    // once a drag or a zoom stops, the points are projected for the hovers to come (a full pass: ~17 ms at 1,000,000)
    let settle = 0;
    let settling = false;
    const prepare = () => {
      clearTimeout(settle);
      settling = true;
      settle = window.setTimeout(() => {
        settling = false;
        screenIndex();
        hover(); // one that came while the camera settled
      }, SETTLE_MS);
    };
    const hover = () => {
      // while the camera settles the grid is not yet built: the hover waits for it, rather than building it on the input path
      if (settling) return;
      const event = pending;
      pending = null;
      if (!event) return;
      const started = performance.now();
      const index = pick(event, canvas);
      sceneReport.pickMs.push(performance.now() - started);
      if (sceneReport.pickMs.length > PICKS_KEPT) sceneReport.pickMs.shift();
      const current = readOrrery().hovered;
      if (index === null) {
        if (current) setHovered(null);
      } else if (current?.index !== index) setHovered({ index, x: event.clientX, y: event.clientY });
    };
    const onMove = (event: PointerEvent) => {
      if (event.buttons !== 0) return; // orbiting or panning
      if (!pending) requestAnimationFrame(hover);
      pending = event;
    };
    const onDown = (event: PointerEvent) => (down = { x: event.clientX, y: event.clientY });
    const onUp = (event: PointerEvent) => {
      prepare();
      if (!down || event.button !== 0 || event.shiftKey) return;
      const moved = Math.hypot(event.clientX - down.x, event.clientY - down.y);
      down = null;
      if (moved <= CLICK_SLOP) setOpenChunk(pick(event, canvas));
    };
    const onLeave = () => readOrrery().hovered && setHovered(null);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointerleave', onLeave);
    canvas.addEventListener('wheel', prepare, { passive: true });
    // after any other frame that left the grid stale (the first picture, a new layout, a restyle), it is
    // built once the frames stop, so that the next hover does not build it (hovers still answer meanwhile)
    let stale = 0;
    const afterFrame = () => {
      clearTimeout(stale);
      stale = window.setTimeout(() => !settling && screenIndex(), SETTLE_MS);
    };
    sceneState.rendered.add(afterFrame);
    return () => {
      sceneState.rendered.delete(afterFrame);
      clearTimeout(stale);
      clearTimeout(settle);
      canvas.removeEventListener('wheel', prepare);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointerleave', onLeave);
    };
  }, [canvas]);
  return null;
}
