import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useEffectEvent, useRef } from 'react';
import * as THREE from 'three';
import { useOrrery } from '../state/hooks';
import { rememberCamera } from '../state/viewActions';
import { extentOf, SCENE_RADIUS } from './pointsAdapter';
import { sceneState } from './sceneState';

const FLIGHT_MS = 600;

interface Controls extends THREE.EventDispatcher<{ end: object }> {
  target: THREE.Vector3;
  enableDamping: boolean;
  update(): void;
  reset(): void;
}

interface Flight {
  start: number;
  fromTarget: THREE.Vector3;
  toTarget: THREE.Vector3;
  fromPosition: THREE.Vector3;
  toPosition: THREE.Vector3;
  fromZoom: number;
  toZoom: number;
}

const ease = (t: number) => t * t * (3 - 2 * t);

function rememberWhere(camera: THREE.Camera & { zoom: number }, controls: Controls): void {
  const p = camera.position;
  const t = controls.target;
  rememberCamera({ position: [p.x, p.y, p.z], target: [t.x, t.y, t.z], zoom: camera.zoom });
}

/**
 * Flies the camera to chunks (a cluster from the legend, the chosen set), resets it, and records
 * where it comes to rest (position, target, zoom) in the store, where a share link can read it.
 */
export function CameraRig() {
  const controls = useThree((s) => s.controls) as Controls | null;
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const flight = useOrrery((s) => s.flight);
  const cameraVersion = useOrrery((s) => s.cameraVersion);
  const cameraRestore = useOrrery((s) => s.cameraRestore);
  const current = useRef<Flight | null>(null);

  const remember = useEffectEvent(() => controls && rememberWhere(camera, controls));

  useEffect(() => {
    if (!controls) return;
    const onEnd = () => remember();
    controls.addEventListener('end', onEnd);
    remember();
    return () => controls.removeEventListener('end', onEnd);
  }, [controls, camera]);

  const startFlight = useEffectEvent((flight: { version: number; indices: number[] }) => {
    if (flight.version === 0 || !controls || flight.indices.length === 0) return;
    const { centre, radius } = extentOf(
      sceneState.positions,
      flight.indices.filter((i) => i < sceneState.positions.length / 3),
    );
    const toTarget = new THREE.Vector3(...centre);
    const reach = Math.max(radius * 2.6, 2.5);
    const direction = camera.position.clone().sub(controls.target).normalize();
    const ortho = camera instanceof THREE.OrthographicCamera;
    const toPosition = ortho
      ? new THREE.Vector3(centre[0], centre[1], camera.position.z)
      : toTarget.clone().addScaledVector(direction, reach / Math.tan((25 * Math.PI) / 180));
    const toZoom = ortho ? Math.min(size.width, size.height) / (2 * reach) : camera.zoom;
    current.current = {
      start: performance.now(),
      fromTarget: controls.target.clone(),
      toTarget,
      fromPosition: camera.position.clone(),
      toPosition,
      fromZoom: camera.zoom,
      toZoom,
    };
    invalidate();
  });
  useEffect(() => startFlight(flight), [flight]);

  /** Puts the camera somewhere at once: no flight, and no momentum left from the last drag. */
  const placeNow = useEffectEvent((controls: Controls, place: () => void) => {
    current.current = null;
    // without damping, update() drops any momentum before the camera is placed
    const damping = controls.enableDamping;
    controls.enableDamping = false;
    controls.update();
    place();
    controls.update();
    controls.enableDamping = damping;
    remember();
    invalidate();
  });

  useEffect(() => {
    if (cameraVersion === 0 || !controls) return;
    placeNow(controls, () => controls.reset());
  }, [cameraVersion, controls]);

  const restore = useEffectEvent((wanted: NonNullable<typeof cameraRestore.camera>, controls: Controls) =>
    placeNow(controls, () => {
      controls.target.set(...wanted.target);
      camera.position.set(...wanted.position);
      camera.zoom = wanted.zoom;
      camera.updateProjectionMatrix();
    }),
  );
  useEffect(() => {
    const wanted = cameraRestore.camera;
    if (cameraRestore.version === 0 || !controls || !wanted) return;
    restore(wanted, controls);
  }, [cameraRestore, controls]);

  useFrame(() => {
    const f = current.current;
    if (!f || !controls) return;
    const t = Math.min(1, (performance.now() - f.start) / FLIGHT_MS);
    const s = ease(t);
    controls.target.lerpVectors(f.fromTarget, f.toTarget, s);
    camera.position.lerpVectors(f.fromPosition, f.toPosition, s);
    camera.zoom = f.fromZoom + (f.toZoom - f.fromZoom) * s;
    camera.updateProjectionMatrix();
    controls.update();
    if (t < 1) invalidate();
    else {
      current.current = null;
      rememberWhere(camera, controls);
    }
  });
  return null;
}

/** The orthographic zoom that fits the scene's radius in the canvas. */
export const fitZoom = (width: number, height: number): number => Math.min(width, height) / (2.3 * SCENE_RADIUS);
