import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { workspace } from '../state/data';
import { useOrrery } from '../state/hooks';
import { type Frame, toScene } from './pointsAdapter';

const EDGE_COLOR = new THREE.Color('#5ee6ff');

/**
 * Lines from the selected point to its true nearest neighbours (cosine, full dimension): a long
 * line shows a real neighbour that the picture puts far away.
 */
export function NeighbourEdges({ frame }: { frame: Frame }) {
  const invalidate = useThree((s) => s.invalidate);
  const selected = useOrrery((s) => s.selected);
  const neighbours = useOrrery((s) => s.neighbours);
  const geometry = useMemo(() => new THREE.BufferGeometry(), []);

  useEffect(() => {
    const positions = new Float32Array(selected === null ? 0 : neighbours.length * 6);
    if (selected !== null) {
      const from = toScene(workspace.coords.subarray(selected * 3, selected * 3 + 3), frame);
      neighbours.forEach((n, i) => {
        positions.set(from, i * 6);
        positions.set(toScene(workspace.coords.subarray(n.index * 3, n.index * 3 + 3), frame), i * 6 + 3);
      });
    }
    geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    geometry.computeBoundingSphere();
    invalidate();
  }, [frame, selected, neighbours, geometry, invalidate]);

  useEffect(() => () => geometry.dispose(), [geometry]);

  return (
    <lineSegments geometry={geometry}>
      <lineBasicMaterial color={EDGE_COLOR} transparent opacity={0.7} />
    </lineSegments>
  );
}
