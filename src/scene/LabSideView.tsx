import { OrbitControls, OrthographicCamera, PerspectiveCamera } from '@react-three/drei';
import { Canvas, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { activeOf, subscribeOrrery, useOrrery, useSpace } from '../state/hooks';
import { useLabAlignment } from '../state/labAlignment';
import { createPointMaterial } from './pointMaterial';
import { densitySize, frameFor, LARGE, packStyle, toScene } from './pointsAdapter';
import { sceneState } from './sceneState';
import { fitZoom } from './CameraRig';
import { BACKGROUND } from './SceneView';

const drawingBuffer = new THREE.Vector2();

/**
 * The model lab's second scene: space B's picture, aligned onto A's, drawn with A's colours and
 * styles (so a cluster of A can be followed into B) and the open chunk ringed in both. Its camera
 * and the main one move together, whichever the user drags.
 */
export function LabSideView() {
  const alignment = useLabAlignment();
  const label = useOrrery((s) => s.lab?.labels.b);
  const flat = useOrrery((s) => activeOf(s).layoutParams.dims === 2);
  const theme = useOrrery((s) => s.theme);
  if (!alignment) return null;
  return (
    <div className="lab-side">
      <p className="lab-side-caption">B: {label}</p>
      <Canvas frameloop="demand" gl={{ antialias: true, alpha: false }} role="img" aria-label="Space B">
        <color attach="background" args={[BACKGROUND[theme]]} />
        {flat ? (
          <OrthographicCamera makeDefault position={[0, 0, 50]} zoom={fitZoom(400, 600)} near={0.1} far={500} />
        ) : (
          <PerspectiveCamera makeDefault position={[0, 0, 23]} fov={50} near={0.1} far={500} />
        )}
        <SpaceBPoints coords={alignment.coords} />
        <OrbitControls makeDefault enableRotate={!flat} screenSpacePanning={flat} />
        <LinkedCamera />
      </Canvas>
    </div>
  );
}

/** A's colours and styles read through a row map (unmatched rows grey and faint); null before A has drawn. */
function gatherStyles(rowOfBInA: Int32Array): { colours: Uint8Array; styles: Float32Array } | null {
  if (sceneState.styles.length === 0) return null;
  const colours = new Uint8Array(rowOfBInA.length * 3).fill(128);
  const styles = new Float32Array(rowOfBInA.length).fill(packStyle(0.3, false, false));
  rowOfBInA.forEach((a, b) => {
    if (a < 0) return;
    colours.set(sceneState.colours.subarray(a * 3, a * 3 + 3), b * 3);
    styles[b] = sceneState.styles[a]!;
  });
  return { colours, styles };
}

function SpaceBPoints({ coords }: { coords: Float32Array }) {
  const invalidate = useThree((s) => s.invalidate);
  const match = useOrrery((s) => s.lab?.match ?? null);
  const coordsA = useSpace((w) => w.coords);
  const material = useMemo(() => createPointMaterial(LARGE), []);
  const geometry = useMemo(() => {
    const g = new THREE.BufferGeometry();
    // B's aligned coordinates in A's frame: the same camera shows the same region of both
    g.setAttribute('position', new THREE.BufferAttribute(toScene(coords, frameFor(coordsA), new Float32Array(coords.length)), 3));
    return g;
  }, [coords, coordsA]);
  const points = useMemo(() => {
    const p = new THREE.Points(geometry, material);
    p.frustumCulled = false;
    p.onBeforeRender = (renderer) => void (material.uniforms.halfHeight!.value = renderer.getDrawingBufferSize(drawingBuffer).y / 2);
    return p;
  }, [geometry, material]);

  useEffect(() => {
    const count = coords.length / 3;
    // A's colours and styles, shared: whatever A shows (clusters, overlap, a query's hits, filters) B shows too;
    // another chunking's chunks take those of the chunk of A they match
    const restyle = () => {
      const shared = match ? gatherStyles(match.rowOfBInA) : { colours: sceneState.colours, styles: sceneState.styles };
      if (!shared || shared.colours.length !== count * 3) return;
      geometry.setAttribute('color', new THREE.BufferAttribute(shared.colours, 3, true));
      geometry.setAttribute('style', new THREE.BufferAttribute(shared.styles, 1));
      material.uniforms.size!.value = densitySize(count);
      if (material.transparent !== sceneState.dimmed) {
        material.transparent = sceneState.dimmed;
        material.depthWrite = !sceneState.dimmed;
        material.needsUpdate = true;
      }
      invalidate();
    };
    restyle();
    sceneState.restyled.add(restyle);
    const inB = (row: number) => (match && row >= 0 ? match.rowOfAInB[row]! : row);
    const unsubscribe = subscribeOrrery((s) => {
      const selected = inB(s.openChunk ?? -1);
      const hovered = inB(s.hovered?.index ?? -1);
      if (material.uniforms.selected!.value !== selected || material.uniforms.hovered!.value !== hovered) {
        material.uniforms.selected!.value = selected;
        material.uniforms.hovered!.value = hovered;
        invalidate();
      }
    });
    return () => {
      sceneState.restyled.delete(restyle);
      unsubscribe();
    };
  }, [coords, match, geometry, material, invalidate]);

  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  return <primitive object={points} />;
}

/** Keeps this view's camera where the main one is, and the main one where this one is moved to. */
function LinkedCamera() {
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as (THREE.EventDispatcher<{ change: object }> & { target: THREE.Vector3 }) | null;
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (!controls) return;
    let leading = false;
    const follow = () => {
      const main = sceneState.camera;
      if (leading || !main || !sceneState.target) return;
      if (copyPose(main, sceneState.target, camera, controls.target)) invalidate();
    };
    const lead = () => {
      const main = sceneState.camera;
      if (!main || !sceneState.target) return;
      leading = true;
      if (copyPose(camera, controls.target, main, sceneState.target)) sceneState.requestRender?.();
      leading = false;
    };
    follow();
    sceneState.rendered.add(follow);
    controls.addEventListener('change', lead);
    return () => {
      sceneState.rendered.delete(follow);
      controls.removeEventListener('change', lead);
    };
  }, [camera, controls, invalidate]);
  return null;
}

/** Puts `to` where `from` is; says whether anything moved. */
function copyPose(from: THREE.Camera, fromTarget: THREE.Vector3, to: THREE.Camera, toTarget: THREE.Vector3): boolean {
  const zoomFrom = (from as THREE.OrthographicCamera).zoom ?? 1;
  const zoomTo = (to as THREE.OrthographicCamera).zoom ?? 1;
  if (to.position.equals(from.position) && to.quaternion.equals(from.quaternion) && toTarget.equals(fromTarget) && zoomTo === zoomFrom) return false;
  to.position.copy(from.position);
  to.quaternion.copy(from.quaternion);
  toTarget.copy(fromTarget);
  if ('zoom' in to && zoomFrom !== zoomTo) {
    (to as THREE.OrthographicCamera).zoom = zoomFrom;
    (to as THREE.OrthographicCamera).updateProjectionMatrix();
  }
  return true;
}
