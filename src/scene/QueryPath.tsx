import { Html } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useOrrery, useSpace } from '../state/hooks';
import { sceneReport } from '../state/sceneReport';
import { pathLines } from './pathAdapter';
import { createPathGeometry, createPathMaterial, setPathSegments } from './pathMaterial';
import { type Frame, toScene } from './pointsAdapter';

const QUERY_COLOR = new THREE.Color('#ffe066');

/** The query's place in the layout and the retrieval path: a line to each hit in rank order, faint, dashed and labelled below the cut. */
export function QueryPath({ frame }: { frame: Frame }) {
  const invalidate = useThree((s) => s.invalidate);
  const results = useOrrery((s) => s.results);
  const beyond = useOrrery((s) => s.beyond);
  const queryCoords = useSpace((w) => w.queryCoords);
  const coords = useSpace((w) => w.coords);
  const geometry = useMemo(() => createPathGeometry(), []);
  const material = useMemo(() => createPathMaterial(), []);
  const ribbons = useMemo(() => {
    const mesh = new THREE.Mesh(geometry, material);
    mesh.frustumCulled = false; // its vertices move on screen, not in the scene
    // widths are in the drawing buffer's pixels, whatever its pixel ratio (a 2× picture included)
    mesh.onBeforeRender = (renderer) => void renderer.getDrawingBufferSize(material.uniforms.resolution!.value as THREE.Vector2);
    return mesh;
  }, [geometry, material]);

  const queryPosition = useMemo(() => (queryCoords ? toScene(queryCoords, frame) : null), [frame, queryCoords]);
  const lines = useMemo(() => pathLines([...results, ...beyond]), [results, beyond]);
  const ends = useMemo(() => lines.map((l) => toScene(coords.subarray(l.index * 3, l.index * 3 + 3), frame)), [lines, frame, coords]);

  useEffect(() => {
    setPathSegments(
      geometry,
      queryPosition
        ? lines.map((line, i) => ({ from: queryPosition, to: ends[i]!, width: line.width, color: line.color, opacity: line.opacity, dashed: line.faint }))
        : [],
    );
    sceneReport.pathLines = queryPosition ? lines.map(({ rank, index, width, faint }) => ({ rank, index, width, faint })) : [];
    invalidate();
  }, [lines, ends, queryPosition, geometry, invalidate]);

  useEffect(() => () => (geometry.dispose(), material.dispose()), [geometry, material]);

  return (
    <group>
      <primitive object={ribbons} />
      {queryPosition && (
        <mesh position={[queryPosition[0]!, queryPosition[1]!, queryPosition[2]!]}>
          <octahedronGeometry args={[0.45]} />
          <meshBasicMaterial color={QUERY_COLOR} />
        </mesh>
      )}
      {queryPosition &&
        lines.map(
          (line, i) =>
            line.faint && (
              <Html key={line.index} position={[ends[i]![0]!, ends[i]![1]!, ends[i]![2]!]} className="rank-label" zIndexRange={[5, 0]}>
                #{line.rank}
              </Html>
            ),
        )}
    </group>
  );
}
