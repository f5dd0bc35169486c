import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useOrrery, useSpace } from '../state/hooks';
import { useLabAlignment } from '../state/labAlignment';
import { type Frame, toScene } from './pointsAdapter';

const B_COLOUR = new THREE.Color('#ff7ad9');
const from = new Float32Array(3);

/**
 * The model lab's overlay: space B's picture aligned onto A's (Procrustes), as points, and a line
 * from each chunk's place in A to its place in B — long lines are chunks the other space moves.
 */
export function LabOverlay({ frame }: { frame: Frame }) {
  const invalidate = useThree((s) => s.invalidate);
  const on = useOrrery((s) => s.labView === 'overlay');
  const alignment = useLabAlignment();
  const coords = useSpace((w) => w.coords);
  const match = useOrrery((s) => s.lab?.match ?? null);
  const geometries = useMemo(() => {
    if (!on || !alignment) return null;
    // each chunk of B, and a line from the chunk of A it matches (the same row, or the one sharing most characters)
    const count = alignment.coords.length / 3;
    const points = new Float32Array(count * 3);
    const lines = new Float32Array(count * 6);
    for (let i = 0; i < count; i++) {
      toScene(alignment.coords.subarray(i * 3, i * 3 + 3), frame, points.subarray(i * 3, i * 3 + 3));
      const inA = match ? match.rowOfBInA[i]! : i;
      if (inA >= 0) toScene(coords.subarray(inA * 3, inA * 3 + 3), frame, from);
      lines.set(inA >= 0 ? from : points.subarray(i * 3, i * 3 + 3), i * 6);
      lines.set(points.subarray(i * 3, i * 3 + 3), i * 6 + 3);
    }
    const pointGeometry = new THREE.BufferGeometry();
    pointGeometry.setAttribute('position', new THREE.BufferAttribute(points, 3));
    const lineGeometry = new THREE.BufferGeometry();
    lineGeometry.setAttribute('position', new THREE.BufferAttribute(lines, 3));
    return { pointGeometry, lineGeometry };
  }, [on, alignment, coords, match, frame]);

  useEffect(() => {
    invalidate();
    return () => {
      geometries?.pointGeometry.dispose();
      geometries?.lineGeometry.dispose();
    };
  }, [geometries, invalidate]);

  if (!geometries) return null;
  return (
    <>
      <lineSegments geometry={geometries.lineGeometry}>
        <lineBasicMaterial color={B_COLOUR} transparent opacity={0.25} />
      </lineSegments>
      <points geometry={geometries.pointGeometry}>
        <pointsMaterial color={B_COLOUR} size={3} sizeAttenuation={false} transparent opacity={0.8} />
      </points>
    </>
  );
}
