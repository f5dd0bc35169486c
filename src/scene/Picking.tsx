import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { nearestOnScreen } from '../core/screenPick';
import { setOpenChunk } from '../state/queryActions';
import { readOrrery } from '../state/hooks';
import { setHovered } from '../state/viewActions';
import { currentViewport, sceneState } from './sceneState';

/** pointer within this many CSS pixels of a point's centre picks it */
const PICK_RADIUS = 8;
/** a press that moves more than this is a drag (orbit), not a click */
const CLICK_SLOP = 4;

function pick(event: PointerEvent | MouseEvent, canvas: HTMLCanvasElement): number | null {
  const view = currentViewport();
  if (!view) return null;
  const rect = canvas.getBoundingClientRect();
  const { positions, visible } = sceneState;
  return nearestOnScreen(positions, positions.length / 3, view, event.clientX - rect.left, event.clientY - rect.top, PICK_RADIUS, visible);
}

/**
 * Hover and click by projecting the points to the screen (core/screenPick.ts) instead of casting
 * rays at them: one pass per pointer move, at most once per animation frame.
 */
export function Picking() {
  const canvas = useThree((s) => s.gl.domElement);
  useEffect(() => {
    let pending: PointerEvent | null = null;
    let down: { x: number; y: number } | null = null;
    const hover = () => {
      const event = pending;
      pending = null;
      if (!event) return;
      const index = pick(event, canvas);
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
    return () => {
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointerleave', onLeave);
    };
  }, [canvas]);
  return null;
}
