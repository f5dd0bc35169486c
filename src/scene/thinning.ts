// Which points are drawn at this zoom (core/densityThinning.ts): the index buffer holds the rows in
// drawing order, and each frame's draw range takes the rows below the view's cap.
import * as THREE from 'three';
import { drawOrder, levelCap, NEVER } from '../core/densityThinning';
import { sceneReport } from '../state/sceneReport';
import { unpackStyle } from './pointsAdapter';
import { sceneState } from './sceneState';

/**
 * Each row's drawing level from its style: hidden rows never, the answer, neighbours, matches, the
 * chosen and the open chunk always, the rest by their rank in their voxel. Writes the drawing order.
 */
export function drawLevels(styles: Float32Array, selected: number | null, order: THREE.BufferAttribute): void {
  const count = styles.length;
  const ranks = sceneState.density?.level.length === count ? sceneState.density.level : null;
  const level = sceneState.drawLevel.length === count ? sceneState.drawLevel : new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const { alpha, large, outlined } = unpackStyle(styles[i]!);
    level[i] = alpha <= 0 ? NEVER : large || outlined || i === selected || !ranks ? 0 : ranks[i]!;
  }
  sceneState.drawLevel = level;
  sceneState.levelBelow = drawOrder(level, order.array as Uint32Array).below;
  order.needsUpdate = true;
  sceneState.positionsVersion++; // what can be picked changed
}

/** Sets the draw range for the camera about to draw: every row whose level is under the view's cap. */
export function thinForView(geometry: THREE.BufferGeometry, camera: THREE.Camera, halfHeight: number): void {
  const below = sceneState.levelBelow;
  const density = sceneState.density;
  if (below.length === 0) return;
  // pixels per scene unit at the orbit target (perspective) or anywhere (orthographic)
  const target = sceneState.target;
  const depth = camera instanceof THREE.PerspectiveCamera ? Math.max(1e-3, target ? target.distanceTo(camera.position) : camera.position.length()) : 1;
  const perUnit = (camera.projectionMatrix.elements[5]! * halfHeight) / depth;
  const cap = density ? levelCap(density.cell * perUnit, density.flat) : Infinity;
  const drawn = below[Math.min(cap, below.length - 1)]!;
  sceneState.drawCap = cap;
  if (geometry.drawRange.count !== drawn) geometry.setDrawRange(0, drawn);
  sceneReport.drawn = drawn;
}
