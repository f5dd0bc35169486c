import { setHovered } from '../state/viewActions';
import { type ThreeEvent, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { useShallow } from 'zustand/react/shallow';
import { workspace } from '../state/data';
import { select } from '../state/queryActions';
import { useOrrery, readOrrery } from '../state/hooks';
import { createPointMaterial } from './pointMaterial';
import { type Frame, interpolate, pointStyles, toScene } from './pointsAdapter';

const TRANSITION_MS = 450;

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
  const { results, selected, neighbours, hovered, colourMode, qualityVersion } = useOrrery(
    useShallow((s) => ({
      results: s.results,
      selected: s.selected,
      neighbours: s.neighbours,
      hovered: s.hovered?.index ?? null,
      colourMode: s.colourMode,
      qualityVersion: s.qualityVersion,
    })),
  );
  // positions move from where they are shown to where the layout now puts them
  const transition = useRef<{ from: Float32Array; to: Float32Array; start: number } | null>(null);

  useEffect(() => {
    const target = toScene(workspace.coords, frame);
    const position = geometry.getAttribute('position') as THREE.BufferAttribute | undefined;
    if (position && position.count * 3 === target.length) {
      transition.current = { from: Float32Array.from(position.array as Float32Array), to: target, start: performance.now() };
      invalidate();
      return;
    }
    const count = target.length / 3;
    geometry.setAttribute('position', new THREE.BufferAttribute(target, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(count * 3), 3));
    geometry.setAttribute('size', new THREE.BufferAttribute(new Float32Array(count), 1));
    geometry.computeBoundingSphere();
    transition.current = null;
  }, [frame, geometry, invalidate]);

  useFrame(() => {
    const t = transition.current;
    if (!t) return;
    const position = geometry.getAttribute('position') as THREE.BufferAttribute;
    const progress = Math.min(1, (performance.now() - t.start) / TRANSITION_MS);
    // the last step copies the target: from + (to − from) is not always exactly `to` in floats
    if (progress < 1) interpolate(t.from, t.to, progress, position.array as Float32Array);
    else (position.array as Float32Array).set(t.to);
    position.needsUpdate = true;
    if (progress < 1) invalidate();
    else {
      transition.current = null;
      geometry.computeBoundingSphere();
    }
  });

  useEffect(() => {
    const color = geometry.getAttribute('color') as THREE.BufferAttribute | undefined;
    const size = geometry.getAttribute('size') as THREE.BufferAttribute | undefined;
    if (!color || !size || color.count !== workspace.table.sourceIds.length) return;
    pointStyles(
      workspace.table.sourceIds,
      {
        recall: colourMode === 'recall' ? workspace.recall : null,
        placed: workspace.placed,
        results: results.map((h) => h.index),
        selected,
        neighbours: neighbours.map((h) => h.index),
        hovered,
      },
      color.array as Float32Array,
      size.array as Float32Array,
    );
    color.needsUpdate = true;
    size.needsUpdate = true;
    invalidate();
  }, [frame, geometry, results, selected, neighbours, hovered, colourMode, qualityVersion, invalidate]);

  useEffect(() => () => (geometry.dispose(), material.dispose()), [geometry, material]);

  const onMove = (event: ThreeEvent<PointerEvent>) => {
    const index = nearestIndex(event, points);
    const current = readOrrery().hovered;
    if (index === null) {
      if (current) setHovered(null);
    } else if (current?.index !== index) {
      setHovered({ index, x: event.nativeEvent.clientX, y: event.nativeEvent.clientY });
    }
  };

  return (
    <primitive
      object={points}
      onPointerMove={onMove}
      onPointerOut={() => setHovered(null)}
      onClick={(event: ThreeEvent<MouseEvent>) => {
        event.stopPropagation();
        const index = nearestIndex(event, points);
        if (index !== null) select(index);
      }}
    />
  );
}
