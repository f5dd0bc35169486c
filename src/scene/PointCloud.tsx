import { type ThreeEvent, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useShallow } from 'zustand/react/shallow';
import { select } from '../state/pipeline';
import { workspace } from '../state/data';
import { useOrreryStore } from '../state/store';
import { createPointMaterial } from './pointMaterial';
import { type Frame, pointStyles, toScene } from './pointsAdapter';

/** The point nearest the pointer ray among those the raycaster hit. */
function nearestIndex(event: ThreeEvent<PointerEvent | MouseEvent>, object: THREE.Object3D): number | null {
  let best: number | null = null;
  let bestDistance = Infinity;
  for (const hit of event.intersections) {
    if (hit.object !== object || hit.index === undefined) continue;
    const distance = hit.distanceToRay ?? Infinity;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = hit.index;
    }
  }
  return best;
}

export function PointCloud({ frame }: { frame: Frame }) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => new THREE.BufferGeometry(), []);
  const material = useMemo(createPointMaterial, []);
  const points = useMemo(() => new THREE.Points(geometry, material), [geometry, material]);
  const { results, selected, neighbours, hovered } = useOrreryStore(
    useShallow((s) => ({ results: s.results, selected: s.selected, neighbours: s.neighbours, hovered: s.hovered?.index ?? null })),
  );

  useEffect(() => {
    const count = workspace.coords.length / 3;
    geometry.setAttribute('position', new THREE.BufferAttribute(toScene(workspace.coords, frame), 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(count * 3), 3));
    geometry.setAttribute('size', new THREE.BufferAttribute(new Float32Array(count), 1));
    geometry.computeBoundingSphere();
  }, [frame, geometry]);

  useEffect(() => {
    const color = geometry.getAttribute('color') as THREE.BufferAttribute;
    const size = geometry.getAttribute('size') as THREE.BufferAttribute;
    if (!color || color.count !== workspace.table.sourceIds.length) return;
    pointStyles(
      workspace.table.sourceIds,
      { results: results.map((h) => h.index), selected, neighbours: neighbours.map((h) => h.index), hovered },
      color.array as Float32Array,
      size.array as Float32Array,
    );
    color.needsUpdate = true;
    size.needsUpdate = true;
    invalidate();
  }, [frame, geometry, results, selected, neighbours, hovered, invalidate]);

  useEffect(() => () => (geometry.dispose(), material.dispose()), [geometry, material]);

  const onMove = (event: ThreeEvent<PointerEvent>) => {
    const index = nearestIndex(event, points);
    const current = useOrreryStore.getState().hovered;
    if (index === null) {
      if (current) useOrreryStore.getState().setHovered(null);
    } else if (current?.index !== index) {
      useOrreryStore.getState().setHovered({ index, x: event.nativeEvent.clientX, y: event.nativeEvent.clientY });
    }
  };

  return (
    <primitive
      object={points}
      onPointerMove={onMove}
      onPointerOut={() => useOrreryStore.getState().setHovered(null)}
      onClick={(event: ThreeEvent<MouseEvent>) => {
        event.stopPropagation();
        const index = nearestIndex(event, points);
        if (index !== null) select(index);
      }}
    />
  );
}
