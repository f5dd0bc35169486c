import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useOrrery, useSpace } from '../state/hooks';
import { type Frame, toScene } from './pointsAdapter';

const EDGE_COLOR = new THREE.Color('#5ee6ff');
const MAX_EDGES = 64;
const corner = new Float32Array(3);

/**
 * Lines from the selected point to its true nearest neighbours (cosine, full dimension): a long
 * line shows a real neighbour that the picture puts far away.
 */
export function NeighbourEdges({ frame }: { frame: Frame }) {
  const invalidate = useThree((s) => s.invalidate);
  const selected = useOrrery((s) => s.openChunk);
  const neighbours = useOrrery((s) => s.neighbours);
  const coords = useSpace((w) => w.coords);
  // one buffer for the most edges there can be; the draw range says how many are drawn
  const geometry = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(MAX_EDGES * 6), 3).setUsage(THREE.DynamicDrawUsage));
    return g;
  }, []);

  useEffect(() => {
    const position = geometry.getAttribute('position') as THREE.BufferAttribute;
    const array = position.array as Float32Array;
    const shown = selected === null ? [] : neighbours.slice(0, MAX_EDGES);
    if (selected !== null) {
      toScene(coords.subarray(selected * 3, selected * 3 + 3), frame, corner);
      shown.forEach((n, i) => {
        array.set(corner, i * 6);
        toScene(coords.subarray(n.index * 3, n.index * 3 + 3), frame, array.subarray(i * 6 + 3, i * 6 + 6));
      });
    }
    geometry.setDrawRange(0, shown.length * 2);
    position.needsUpdate = true;
    geometry.computeBoundingSphere();
    invalidate();
  }, [frame, selected, neighbours, coords, geometry, invalidate]);

  useEffect(() => () => geometry.dispose(), [geometry]);

  return (
    <lineSegments geometry={geometry}>
      <lineBasicMaterial color={EDGE_COLOR} transparent opacity={0.7} />
    </lineSegments>
  );
}
