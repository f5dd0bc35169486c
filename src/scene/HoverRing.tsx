import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import * as THREE from 'three';
import { readOrrery, subscribeOrrery } from '../state/hooks';
import { sceneState } from './sceneState';

const projected = new THREE.Vector3();

/** Puts the ring on the hovered point as `camera` shows it on a canvas of `size`, or hides it. */
function placeRing(camera: THREE.Camera, size: { width: number; height: number }): void {
  const ring = sceneState.hoverRing;
  if (!ring) return;
  const index = readOrrery().hovered?.index ?? -1;
  const { positions, visible } = sceneState;
  let shown = false;
  if (index >= 0 && index * 3 + 2 < positions.length && visible[index]) {
    projected.set(positions[index * 3]!, positions[index * 3 + 1]!, positions[index * 3 + 2]!).project(camera);
    if (projected.z < 1) {
      const x = Math.round(((projected.x + 1) / 2) * size.width);
      const y = Math.round(((1 - projected.y) / 2) * size.height);
      ring.style.transform = `translate(${x}px, ${y}px)`;
      shown = true;
    }
  }
  const visibility = shown ? 'visible' : 'hidden';
  if (ring.style.visibility !== visibility) ring.style.visibility = visibility;
}

/**
 * The ring round the hovered point, drawn in HTML over the canvas: a hover moves one element and
 * draws no frame of the points (at 100,000 points a frame is most of a hover's cost). It follows
 * the point while the camera moves.
 */
export function HoverRingPlacer() {
  const get = useThree((s) => s.get);
  useEffect(() => subscribeOrrery((s, before) => s.hovered !== before.hovered && placeRing(get().camera, get().size)), [get]);
  useFrame((state) => placeRing(state.camera, state.size));
  return null;
}

/** The ring's element, in the layer over the canvas. */
export function HoverRing() {
  return <div className="hover-ring" aria-hidden="true" ref={(e) => void (sceneState.hoverRing = e)} style={{ visibility: 'hidden' }} />;
}
