// Browser half of `npm run bench:render`: frames per second while the camera orbits, for Orrery's
// own scene (SceneView: its shader, labels, picking handlers) and for a bare three.js Points scene
// with the same points on a canvas of the same size; the time to pick the point under the pointer;
// and clustering in the app's cluster worker.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import * as THREE from 'three';
import { seededRandom } from '../src/core/random';
import { gaussianClusters } from '../src/core/syntheticData';
import { ScreenIndex } from '../src/core/screenIndex';
import type { ClusterSettings } from '../src/core/clustering/clusters';
import { chunkDocuments } from '../src/core/corpus';
import { densitySize, frameFor, toScene } from '../src/scene/pointsAdapter';
import { SceneView } from '../src/scene/SceneView';
import { currentViewport, sceneState } from '../src/scene/sceneState';
import { activeSpace, setSpaceState } from '../src/state/workspace/spaces';
import { useOrreryStore } from '../src/state/store';
import type { ClusterCalls, ClusterProgress } from '../src/workers/cluster.protocol';
import { WorkerClient } from '../src/workers/rpc';

let renderBare = () => {};
const WIDTH = 1000;
const HEIGHT = 700;
const CLUSTERS = 12;

/** Points in clumps, as a laid-out corpus looks, in the scene's own units. */
function benchPoints(count: number): { coords: Float32Array; labels: Int32Array } {
  const { data, labels } = gaussianClusters(CLUSTERS, Math.ceil(count / CLUSTERS), 3, 5, 0.35);
  return { coords: data.subarray(0, count * 3), labels: labels.subarray(0, count) };
}

/** Orbits the camera once a frame for `seconds`; returns the frames per second `drawn()` counts. */
function orbit(camera: THREE.Camera, seconds: number, render: () => void, drawn: () => number): Promise<number> {
  return new Promise((resolve) => {
    const start = performance.now();
    const first = drawn();
    const tick = () => {
      const t = (performance.now() - start) / 1000;
      camera.position.set(23 * Math.sin(t * 0.6), 4, 23 * Math.cos(t * 0.6));
      camera.lookAt(0, 0, 0);
      render();
      if (t < seconds) requestAnimationFrame(tick);
      else resolve((drawn() - first) / t);
    };
    requestAnimationFrame(tick);
  });
}

/** A bare three.js scene: THREE.Points with PointsMaterial and vertex colours, nothing else. */
async function bare(count: number, seconds: number): Promise<number> {
  const { coords, labels } = benchPoints(count);
  const renderer = new THREE.WebGLRenderer({ antialias: true });
  renderer.setSize(WIDTH, HEIGHT);
  document.getElementById('stage')!.append(renderer.domElement);
  const geometry = new THREE.BufferGeometry();
  // placed as Orrery places a layout: centred, 95% of the points within the scene's radius
  geometry.setAttribute('position', new THREE.BufferAttribute(toScene(coords, frameFor(coords)), 3));
  const colours = new Float32Array(count * 3);
  labels.forEach((l, i) => colours.set([0.3 + 0.05 * l, 0.7, 1 - 0.05 * l], i * 3));
  geometry.setAttribute('color', new THREE.BufferAttribute(colours, 3));
  const scene = new THREE.Scene();
  scene.background = new THREE.Color('#0b1020');
  const camera = new THREE.PerspectiveCamera(50, WIDTH / HEIGHT, 0.1, 500);
  // the same size on screen as Orrery draws these points (three.js leaves out the projection's 1 / tan(fov / 2))
  const size = densitySize(count) / Math.tan(((camera.fov / 2) * Math.PI) / 180);
  scene.add(new THREE.Points(geometry, new THREE.PointsMaterial({ size, vertexColors: true })));
  renderBare = () => renderer.render(scene, camera);
  return orbit(
    camera,
    seconds,
    () => renderer.render(scene, camera),
    () => renderer.info.render.frame,
  );
}

/** Orrery's scene with the same points, as the app shows a laid-out, clustered corpus. */
async function mountOrrery(count: number): Promise<void> {
  const { coords, labels } = benchPoints(count);
  const texts = Array.from({ length: count }, (_, i) => `point ${i}`);
  const table = chunkDocuments([{ name: 'bench', text: texts.join('\n\n') }]);
  Object.assign(activeSpace(), { table, coords: Float32Array.from(coords), placed: new Uint8Array(count), clusterLabels: Int32Array.from(labels) });
  useOrreryStore.setState({
    chunkCount: count,
    sources: ['bench'],
    layoutVersion: 1,
  });
  setSpaceState(activeSpace().id, {
    clusters: Array.from({ length: CLUSTERS }, (_, id) => ({ id, size: labels.filter((l) => l === id).length, terms: [`topic${id}`, 'word', 'term'] })),
    clusterVersion: 1,
  });
  createRoot(document.getElementById('stage')!).render(createElement(SceneView));
  while (!sceneState.renderNow || sceneState.positions.length !== count * 3) await new Promise((r) => setTimeout(r, 50));
}

async function orrery(count: number, seconds: number): Promise<number> {
  await mountOrrery(count);
  const camera = sceneState.camera!;
  // the app draws on demand: each animation frame asks for one, as dragging the controls does, and
  // the app's own frame loop draws it with its per-frame work (controls, labels)
  const renderer = sceneState.renderer!;
  return orbit(
    camera,
    seconds,
    () => sceneState.requestRender!(),
    () => renderer.info.render.frame,
  );
}

/**
 * Milliseconds to find the point under the pointer at random places, as the app picks: the first
 * hover after the camera moves projects every point into a screen grid, the next ones read its
 * cells. Medians of `rounds` of each.
 */
async function picking(count: number, rounds: number): Promise<{ firstMs: number; nextMs: number }> {
  await mountOrrery(count);
  const view = currentViewport()!;
  const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const first: number[] = [];
  const next: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    const index = new ScreenIndex(sceneState.positions, count, view, sceneState.visible);
    index.nearest(Math.random() * view.width, Math.random() * view.height, 8);
    first.push(performance.now() - started);
    const again = performance.now();
    index.nearest(Math.random() * view.width, Math.random() * view.height, 8);
    next.push(performance.now() - again);
  }
  return { firstMs: median(first), nextMs: median(next) };
}

/** Seventy words (about 460 characters, a chunk's length), a third of them from its topic's own vocabulary: names are counted on text like a corpus's. */
function chunkText(row: number, topic: number): string {
  const random = seededRandom(row + 1);
  const word = (n: number) => `w${n.toString(36)}${'abcdefghij'[n % 10]}`;
  return Array.from({ length: 70 }, () => (random() < 1 / 3 ? word(5000 + topic * 50 + Math.floor(random() * 50)) : word(Math.floor(random() * 5000)))).join(
    ' ',
  );
}

/** Clustering `count` × `dims` clustered vectors in the app's cluster worker: ms from request to result. */
async function clustering(count: number, dims: number, settings: ClusterSettings): Promise<{ ms: number; clusters: number }> {
  const client = new WorkerClient<ClusterCalls, ClusterProgress>(
    () => new Worker(new URL('../src/workers/cluster.worker.ts', import.meta.url), { type: 'module' }),
  );
  const { data } = gaussianClusters(20, Math.ceil(count / 20), dims, 9, 0.6);
  const vectors = data.slice(0, count * dims);
  const texts = Array.from({ length: count }, (_, i) => chunkText(i, i % 20));
  const started = performance.now();
  await client.request('vectors', { space: 'a', vectorsId: 1, vectors, count, dims }, { transfer: [vectors.buffer] });
  await client.request('texts', { space: 'a', textsId: 2, texts });
  const result = await client.request('cluster', { space: 'a', vectorsId: 1, textsId: 2, settings });
  return { ms: performance.now() - started, clusters: result.clusters.length };
}

Object.assign(window, { benchBare: bare, benchOrrery: orrery, benchPicking: picking, benchClustering: clustering });

/** Lit pixels of one frame of each scene (same points: the counts should be close). */
async function benchPixels(count: number, which: 'bare' | 'orrery'): Promise<number> {
  if (which === 'orrery') await mountOrrery(count);
  else await bare(count, 0.05);
  const canvas = document.querySelector('canvas')!;
  sceneState.renderNow?.();
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d')!;
  if (which === 'orrery') sceneState.renderNow!();
  else renderBare();
  ctx.drawImage(canvas, 0, 0);
  const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
  let lit = 0;
  for (let i = 0; i < data.length; i += 4)
    if (Math.abs(data[i]! - data[0]!) + Math.abs(data[i + 1]! - data[1]!) + Math.abs(data[i + 2]! - data[2]!) > 30) lit++;
  return lit;
}
Object.assign(window, { benchPixels });
