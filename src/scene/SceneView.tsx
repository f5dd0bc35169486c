import { OrbitControls, OrthographicCamera, PerspectiveCamera } from '@react-three/drei';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useState } from 'react';
import * as THREE from 'three';
import { activeOf, readSpace, subscribeOrrery, useOrrery } from '../state/hooks';
import { CameraRig, fitZoom } from './CameraRig';
import { LabelPlacer } from './ClusterLabels';
import { sceneReport } from '../state/sceneReport';
import { HoverRingPlacer } from './HoverRing';
import { NeighbourEdges } from './NeighbourEdges';
import { LabOverlay } from './LabOverlay';
import { LabPairLines } from './LabPairLines';
import { Picking } from './Picking';
import { PointCloud } from './PointCloud';
import { type Frame, frameFor } from './pointsAdapter';
import { QueryPath } from './QueryPath';
import { sceneState } from './sceneState';

export const BACKGROUND = { dark: '#0b1020', light: '#f5f6fa' } as const;

/**
 * The frame (centre and scale) that fits the layout on screen. It is fixed while a layout streams
 * (set from its first frame), so the picture does not breathe, and fitted again when it ends.
 */
function useLayoutFrame(): Frame {
  const [frame, setFrame] = useState(() => frameFor(readSpace().coords));
  useEffect(() => {
    let framedRun = false;
    return subscribeOrrery((s, before) => {
      const running = s.layoutProgress !== null;
      if (!running) framedRun = false;
      if (s.layoutVersion === before.layoutVersion) {
        if (!running && before.layoutProgress !== null) setFrame(frameFor(readSpace().coords));
        return;
      }
      if (running && framedRun) return;
      framedRun = running;
      setFrame(frameFor(readSpace().coords));
    });
  }, []);
  return frame;
}

/** Shares the camera and a synchronous render with picking, the lasso and pictures. */
function SceneHandles() {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  const controls = useThree((s) => s.controls) as { target?: THREE.Vector3 } | null;
  useEffect(() => {
    sceneState.requestRender = invalidate;
    sceneState.camera = camera;
    sceneState.renderer = gl;
    sceneState.canvas = gl.domElement;
    sceneState.renderNow = () => gl.render(scene, camera);
    sceneState.target = controls?.target ?? null;
  }, [camera, gl, scene, invalidate, controls]);
  // each frame (after the controls' update), for views that follow this camera
  useFrame(() => {
    sceneReport.frames++;
    for (const listener of sceneState.rendered) listener();
  });
  return null;
}

export function SceneView() {
  const layoutVersion = useOrrery((s) => s.layoutVersion);
  const flat = useOrrery((s) => activeOf(s).layoutParams.dims === 2);
  const theme = useOrrery((s) => s.theme);
  const frame = useLayoutFrame();
  const [size, setSize] = useState({ width: 800, height: 600 });
  return (
    <Canvas
      frameloop="demand"
      gl={{ antialias: true, alpha: false }}
      onCreated={(state) => setSize({ width: state.size.width, height: state.size.height })}
      role="img"
      aria-label="Vector space"
    >
      <color attach="background" args={[BACKGROUND[theme]]} />
      {flat ? (
        <OrthographicCamera makeDefault position={[0, 0, 50]} zoom={fitZoom(size.width, size.height)} near={0.1} far={500} />
      ) : (
        <PerspectiveCamera makeDefault position={[0, 0, 23]} fov={50} near={0.1} far={500} />
      )}
      {layoutVersion > 0 && <PointCloud frame={frame} />}
      {layoutVersion > 0 && <QueryPath frame={frame} />}
      {layoutVersion > 0 && <NeighbourEdges frame={frame} />}
      {layoutVersion > 0 && <LabOverlay frame={frame} />}
      {layoutVersion > 0 && <LabPairLines frame={frame} />}
      <LabelPlacer />
      <HoverRingPlacer />
      {flat ? (
        <OrbitControls
          key="flat"
          makeDefault
          enableRotate={false}
          screenSpacePanning
          mouseButtons={{ LEFT: THREE.MOUSE.PAN, MIDDLE: THREE.MOUSE.DOLLY, RIGHT: THREE.MOUSE.PAN }}
          enableDamping={false}
        />
      ) : (
        // no damping (drei's default glides): a gliding camera draws several frames per pointer move (bench:interaction, drag 0.28× → 0.97× a bare page at 100,000 points)
        <OrbitControls key="orbit" makeDefault enableDamping={false} />
      )}
      <CameraRig />
      <Picking />
      <SceneHandles />
    </Canvas>
  );
}
