import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { workspace } from '../state/data';
import { useOrrery } from '../state/hooks';
import { type Frame, toScene } from './pointsAdapter';

const QUERY_COLOR = new THREE.Color('#ffe066');

/** The query's place in the layout and a line from it to each retrieved chunk, brightest for rank 1. */
export function QueryPath({ frame }: { frame: Frame }) {
  const invalidate = useThree((s) => s.invalidate);
  const results = useOrrery((s) => s.results);
  const queryVersion = useOrrery((s) => s.queryVersion);
  const lineGeometry = useMemo(() => new THREE.BufferGeometry(), []);

  // workspace.queryCoords is not reactive: queryVersion says the query moved, frame the layout
  const queryPosition = useMemo(() => (workspace.queryCoords ? toScene(workspace.queryCoords, frame) : null), [frame, queryVersion]);

  useEffect(() => {
    if (!queryPosition) return;
    const positions = new Float32Array(results.length * 6);
    const colors = new Float32Array(results.length * 6);
    results.forEach((hit, r) => {
      const target = toScene(workspace.coords.subarray(hit.index * 3, hit.index * 3 + 3), frame);
      positions.set(queryPosition, r * 6);
      positions.set(target, r * 6 + 3);
      const strength = 1 - (0.6 * r) / Math.max(1, results.length);
      colors.set([QUERY_COLOR.r * strength, QUERY_COLOR.g * strength, QUERY_COLOR.b * strength], r * 6);
      colors.set([QUERY_COLOR.r * strength * 0.6, QUERY_COLOR.g * strength * 0.6, QUERY_COLOR.b * strength * 0.6], r * 6 + 3);
    });
    lineGeometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    lineGeometry.setAttribute('color', new THREE.BufferAttribute(colors, 3));
    lineGeometry.computeBoundingSphere();
    invalidate();
  }, [frame, queryPosition, results, lineGeometry, invalidate]);

  useEffect(() => () => lineGeometry.dispose(), [lineGeometry]);

  if (!queryPosition) return null;
  return (
    <group>
      <mesh position={[queryPosition[0]!, queryPosition[1]!, queryPosition[2]!]}>
        <octahedronGeometry args={[0.45]} />
        <meshBasicMaterial color={QUERY_COLOR} />
      </mesh>
      <lineSegments geometry={lineGeometry}>
        <lineBasicMaterial vertexColors />
      </lineSegments>
    </group>
  );
}
