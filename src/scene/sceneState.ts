// What the scene's parts share outside React, for work done per frame or per pointer move: the
// drawn positions, which points are visible, the camera, and a way to render now (pictures).
import * as THREE from 'three';
import { type DensityLevels } from '../core/densityThinning';
import { project, type Viewport } from '../core/screenPick';
import { type Frame } from './pointsAdapter';

export const sceneState = {
  frame: { center: [0, 0, 0], scale: 1 } as Frame,
  /** scene positions as drawn (the geometry's own array), N × 3 */
  positions: new Float32Array(0) as Float32Array,
  /** bumps whenever positions or visibility change (label centres are computed again) */
  positionsVersion: 0,
  /** 1 where a point is drawn (not hidden by a filter) */
  visible: new Uint8Array(0),
  /** each point's rank in its voxel, for thinning where points pile up (thinning.ts) */
  density: null as DensityLevels | null,
  /** each point's drawing level (0 always drawn, NEVER hidden) and the rows below each cap */
  drawLevel: new Uint32Array(0) as Uint32Array,
  levelBelow: new Uint32Array(0) as Uint32Array,
  /** the cap of the last frame drawn: rows of drawLevel ≥ drawCap were thinned out */
  drawCap: Infinity,
  camera: null as THREE.Camera | null,
  renderer: null as THREE.WebGLRenderer | null,
  canvas: null as HTMLCanvasElement | null,
  /** renders the scene now, so that the canvas holds a picture within this task */
  renderNow: null as (() => void) | null,
  /** asks for a frame (the canvas draws on demand) */
  requestRender: null as (() => void) | null,
  /** cluster label elements, by cluster, drawn over the canvas */
  labelElements: [] as (HTMLDivElement | null)[],
  /** the hovered point's ring (HoverRing.tsx) */
  hoverRing: null as HTMLDivElement | null,
  /** the finer level's labels, by fine cluster */
  fineLabelElements: [] as (HTMLDivElement | null)[],
  /** the points' colours and packed styles as drawn (the geometry's own arrays): the model lab's side view draws space B with them */
  colours: new Uint8Array(0) as Uint8Array,
  styles: new Float32Array(0) as Float32Array,
  /** some points are drawn dimmed (blended) */
  dimmed: false,
  /** called after the colours or styles change */
  restyled: new Set<() => void>(),
  /** called after each frame of the scene (the camera may have moved) */
  rendered: new Set<() => void>(),
  /** the orbit controls' target, for a view that moves the camera with its own controls */
  target: null as THREE.Vector3 | null,
};

const product = new THREE.Matrix4();

/** The camera's view-projection and the canvas's CSS size, for picking and the lasso. */
export function currentViewport(): Viewport | null {
  const { camera, canvas } = sceneState;
  if (!camera || !canvas) return null;
  camera.updateMatrixWorld();
  product.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
  const rect = canvas.getBoundingClientRect();
  return { matrix: product.elements, width: rect.width, height: rect.height };
}

/**
 * A copy of what the scene shows now, rendered at `scale` × its CSS size (not an enlargement: the
 * drawing buffer grows for one frame). The WebGL canvas keeps no picture between frames, so the
 * frame is drawn and copied in one task.
 */
export function pictureOfScene(scale = 1, withNames = false): HTMLCanvasElement | null {
  const { canvas, renderNow, renderer } = sceneState;
  if (!canvas || !renderNow || !renderer) return null;
  const ratio = renderer.getPixelRatio();
  const rect = canvas.getBoundingClientRect();
  if (scale !== ratio) renderer.setPixelRatio(scale);
  renderNow();
  const copy = document.createElement('canvas');
  copy.width = Math.round(rect.width * scale);
  copy.height = Math.round(rect.height * scale);
  const context = copy.getContext('2d')!;
  context.drawImage(canvas, 0, 0, copy.width, copy.height);
  if (withNames) drawClusterNames(context, rect, scale);
  if (scale !== ratio) {
    renderer.setPixelRatio(ratio);
    sceneState.requestRender?.();
  }
  return copy;
}

/** The cluster names shown over the canvas (HTML, so not in its pixels), drawn into a picture of it at `scale`. */
function drawClusterNames(context: CanvasRenderingContext2D, rect: DOMRect, scale: number): void {
  for (const element of [...sceneState.labelElements, ...sceneState.fineLabelElements]) {
    if (!element || element.style.visibility !== 'visible') continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const [x, y, w, h] = [(box.left - rect.left) * scale, (box.top - rect.top) * scale, box.width * scale, box.height * scale];
    // names step back (fade) while a query's answer is shown, in the picture too
    context.globalAlpha = Number(getComputedStyle(element.parentElement!).opacity);
    context.beginPath();
    context.roundRect(x, y, w, h, parseFloat(style.borderTopLeftRadius) * scale);
    context.fillStyle = style.backgroundColor;
    context.fill();
    context.lineWidth = scale;
    context.strokeStyle = style.borderTopColor;
    context.stroke();
    context.fillStyle = style.color;
    context.font = `${style.fontWeight} ${parseFloat(style.fontSize) * scale}px ${style.fontFamily}`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillText(element.textContent ?? '', x + w / 2, y + h / 2);
  }
  context.globalAlpha = 1;
}

/** Where each point is drawn now, in the page's CSS pixels (null: hidden or behind the camera). */
export function pointsOnScreen(): ([number, number] | null)[] {
  const view = currentViewport();
  const { positions, visible, canvas } = sceneState;
  if (!view || !canvas) return [];
  const rect = canvas.getBoundingClientRect();
  const at = new Float64Array(3);
  const out: ([number, number] | null)[] = [];
  for (let i = 0; i < positions.length / 3; i++) out.push(visible[i] && project(positions, i, view, at) ? [rect.left + at[0]!, rect.top + at[1]!] : null);
  return out;
}
