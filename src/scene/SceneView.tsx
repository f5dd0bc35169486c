import { OrbitControls } from '@react-three/drei';
import { Canvas, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { select } from '../state/queryActions';
import { workspace } from '../state/data';
import { useOrrery } from '../state/hooks';
import { NeighbourEdges } from './NeighbourEdges';
import { PointCloud } from './PointCloud';
import { frameFor } from './pointsAdapter';
import { QueryPath } from './QueryPath';

const BACKGROUND = '#0b1020';

interface ResettableControls {
  enableDamping: boolean;
  update(): void;
  reset(): void;
}

function CameraReset() {
  const cameraVersion = useOrrery((s) => s.cameraVersion);
  const controls = useThree((s) => s.controls) as ResettableControls | null;
  useEffect(() => {
    if (cameraVersion === 0 || !controls) return;
    // without damping, update() drops the momentum left from the last drag before resetting
    controls.enableDamping = false;
    controls.update();
    controls.reset();
    controls.enableDamping = true;
  }, [cameraVersion, controls]);
  return null;
}

export function SceneView() {
  const layoutVersion = useOrrery((s) => s.layoutVersion);
  // workspace.coords is not reactive: layoutVersion says it changed
  const frame = useMemo(() => frameFor(workspace.coords), [layoutVersion]);
  return (
    <Canvas
      frameloop="demand"
      camera={{ position: [0, 0, 23], fov: 50, near: 0.1, far: 500 }}
      gl={{ preserveDrawingBuffer: true, antialias: true }}
      raycaster={{ params: { Points: { threshold: 0.3 } } as never }}
      onPointerMissed={() => select(null)}
      role="img"
      aria-label="Vector space"
    >
      <color attach="background" args={[BACKGROUND]} />
      {layoutVersion > 0 && <PointCloud frame={frame} />}
      {layoutVersion > 0 && <QueryPath frame={frame} />}
      {layoutVersion > 0 && <NeighbourEdges frame={frame} />}
      <OrbitControls makeDefault enableDamping dampingFactor={0.12} />
      <CameraReset />
    </Canvas>
  );
}
