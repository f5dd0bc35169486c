import { Html, Line } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { workspace } from '../state/data';
import { useOrrery } from '../state/hooks';
import { sceneReport } from '../state/sceneReport';
import { pathLines } from './pathAdapter';
import { type Frame, toScene } from './pointsAdapter';

const QUERY_COLOR = new THREE.Color('#ffe066');

/** The query's place in the layout and the retrieval path: a line to each hit in rank order, faint and labelled below the cut. */
export function QueryPath({ frame }: { frame: Frame }) {
  const invalidate = useThree((s) => s.invalidate);
  const results = useOrrery((s) => s.results);
  const beyond = useOrrery((s) => s.beyond);
  const queryVersion = useOrrery((s) => s.queryVersion);

  // workspace.queryCoords is not reactive: queryVersion says the query moved, frame the layout
  const queryPosition = useMemo(() => (workspace.queryCoords ? toScene(workspace.queryCoords, frame) : null), [frame, queryVersion]);
  const lines = useMemo(() => pathLines([...results, ...beyond]), [results, beyond]);
  const ends = useMemo(() => lines.map((l) => toScene(workspace.coords.subarray(l.index * 3, l.index * 3 + 3), frame)), [lines, frame]);

  useEffect(() => {
    sceneReport.pathLines = queryPosition ? lines.map(({ rank, index, width, faint }) => ({ rank, index, width, faint })) : [];
    invalidate();
  }, [lines, queryPosition, invalidate]);

  if (!queryPosition) return null;
  const from = [queryPosition[0]!, queryPosition[1]!, queryPosition[2]!] as const;
  return (
    <group>
      <mesh position={from}>
        <octahedronGeometry args={[0.45]} />
        <meshBasicMaterial color={QUERY_COLOR} />
      </mesh>
      {lines.map((line, i) => {
        const to = [ends[i]![0]!, ends[i]![1]!, ends[i]![2]!] as const;
        return (
          <group key={line.index}>
            <Line points={[from, to]} color={new THREE.Color(...line.color)} lineWidth={line.width} transparent opacity={line.opacity} dashed={line.faint} dashSize={0.3} gapSize={0.2} />
            {line.faint && (
              <Html position={to} className="rank-label" zIndexRange={[5, 0]}>
                #{line.rank}
              </Html>
            )}
          </group>
        );
      })}
    </group>
  );
}
