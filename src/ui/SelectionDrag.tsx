import { useEffect, useState } from 'react';
import { boxPolygon, pointsInPolygon } from '../core/screenPick';
import { currentViewport, sceneState } from '../scene/sceneState';
import { readOrrery } from '../state/hooks';
import { setSelection } from '../state/viewActions';

type Point = [number, number];

/**
 * Shift-drag over the scene draws a lasso (or a box, `b` switches) and chooses the points inside;
 * the drag is taken before the camera controls see it.
 */
export function SelectionDrag({ stage }: { stage: HTMLElement | null }) {
  const [outline, setOutline] = useState<Point[] | null>(null);
  useEffect(() => {
    if (!stage) return;
    let path: Point[] | null = null;
    let origin: DOMRect | null = null;
    const box = () => readOrrery().selectTool === 'box';
    const at = (e: PointerEvent): Point => [e.clientX - origin!.left, e.clientY - origin!.top];
    const onDown = (e: PointerEvent) => {
      if (!e.shiftKey || e.button !== 0 || !(e.target instanceof HTMLCanvasElement)) return;
      e.stopPropagation();
      e.preventDefault();
      origin = e.target.getBoundingClientRect();
      path = [at(e)];
      e.target.setPointerCapture(e.pointerId);
      setOutline(path);
    };
    const onMove = (e: PointerEvent) => {
      if (!path) return;
      e.stopPropagation();
      const p = at(e);
      path = box() ? [path[0]!, p] : [...path, p];
      setOutline(box() ? boxPolygon(path[0]!, p) : path);
    };
    const onUp = (e: PointerEvent) => {
      if (!path) return;
      e.stopPropagation();
      const polygon = box() ? boxPolygon(path[0]!, at(e)) : [...path, at(e)];
      path = null;
      setOutline(null);
      const view = currentViewport();
      if (!view) return;
      const { positions, visible } = sceneState;
      setSelection(pointsInPolygon(positions, positions.length / 3, view, polygon, visible), box() ? 'Box' : 'Lasso');
    };
    stage.addEventListener('pointerdown', onDown, true);
    stage.addEventListener('pointermove', onMove, true);
    stage.addEventListener('pointerup', onUp, true);
    return () => {
      stage.removeEventListener('pointerdown', onDown, true);
      stage.removeEventListener('pointermove', onMove, true);
      stage.removeEventListener('pointerup', onUp, true);
    };
  }, [stage]);
  if (!outline) return null;
  return (
    <svg className="lasso" aria-hidden="true">
      <polygon points={outline.map((p) => p.join(',')).join(' ')} />
    </svg>
  );
}
