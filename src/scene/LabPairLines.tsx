import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { usePairLines } from '../state/labPairLines';
import { sceneReport } from '../state/sceneReport';
import { type Frame, toScene } from './pointsAdapter';

const POSITIVE = new THREE.Color('#3ddc84');
const NEGATIVE = new THREE.Color('#ff5c5c');

/** The model lab's labelled pairs that either space gets most wrong: a green line for texts that belong together, red for a negative. */
export function LabPairLines({ frame }: { frame: Frame }) {
  const invalidate = useThree((s) => s.invalidate);
  const lines = usePairLines();
  const geometry = useMemo(() => {
    if (!lines) return null;
    const segments = lines.positive.length;
    const positions = new Float32Array(segments * 6);
    const colours = new Float32Array(segments * 6);
    for (let i = 0; i < segments * 2; i++) {
      toScene(lines.ends.subarray(i * 3, i * 3 + 3), frame, positions.subarray(i * 3, i * 3 + 3));
      (lines.positive[i >> 1] ? POSITIVE : NEGATIVE).toArray(colours, i * 3);
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    g.setAttribute('color', new THREE.BufferAttribute(colours, 3));
    return g;
  }, [lines, frame]);

  useEffect(() => {
    const positive = lines ? lines.positive.reduce((n, p) => n + p, 0) : 0;
    sceneReport.pairLines = { positive, negative: (lines?.positive.length ?? 0) - positive };
    invalidate();
    return () => {
      geometry?.dispose();
      sceneReport.pairLines = { positive: 0, negative: 0 };
    };
  }, [geometry, lines, invalidate]);

  if (!geometry) return null;
  return (
    <lineSegments geometry={geometry}>
      <lineBasicMaterial vertexColors transparent opacity={0.85} />
    </lineSegments>
  );
}
