import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import { readSpace, useActiveSpace, useOrrery } from '../state/hooks';
import { sceneReport } from '../state/sceneReport';
import { sceneState } from './sceneState';

const GAP = 4;
const NONE: number[] = [];
const projected = new THREE.Vector3();

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const sizes = new WeakMap<HTMLElement, { w: number; h: number }>();

/** A label's size, measured once (reading it every frame would force a layout every frame). */
function sizeOf(element: HTMLElement): { w: number; h: number } {
  let size = sizes.get(element);
  if (!size || size.w === 0) sizes.set(element, (size = { w: element.offsetWidth, h: element.offsetHeight }));
  return size;
}

/** Sums of the visible points' positions per cluster, and their counts. */
function clusterCentres(labels: Int32Array, positions: Float32Array, visible: Uint8Array, n: number, sums: Float32Array, counts: Int32Array): void {
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l < 0 || l >= n || !visible[i]) continue;
    sums[l * 3]! += positions[i * 3]!;
    sums[l * 3 + 1]! += positions[i * 3 + 1]!;
    sums[l * 3 + 2]! += positions[i * 3 + 2]!;
    counts[l]!++;
  }
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;

/**
 * Cluster names drawn over the scene at their clusters' centres. Larger clusters are placed first;
 * a label that would overlap one already placed is hidden at this zoom, so zooming in (which
 * spreads the centres apart) shows more of them. Placed every frame the scene draws, outside React.
 */
export function LabelPlacer() {
  const clusters = useActiveSpace((s) => s.clusters);
  const hidden = useOrrery((s) => (s.colourMode === 'cluster' ? s.hiddenGroups : NONE));
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const centres = useRef(new Float32Array(0));
  const counts = useRef(new Int32Array(0));
  const computedFor = useRef({ version: -1, clusters });

  useEffect(() => invalidate(), [clusters, hidden, invalidate]);

  useFrame(() => {
    const labels = readSpace().clusterLabels;
    const { positions } = sceneState;
    const n = clusters.length;
    const report: typeof sceneReport.labels = [];
    if (labels.length !== positions.length / 3 || n === 0) {
      sceneReport.labels = report;
      return;
    }
    const c = centres.current;
    // the centres move only with the points: a camera move just projects them again
    if (computedFor.current.version !== sceneState.positionsVersion || computedFor.current.clusters !== clusters || c.length !== n * 3) {
      computedFor.current = { version: sceneState.positionsVersion, clusters };
      if (c.length !== n * 3) {
        centres.current = new Float32Array(n * 3);
        counts.current = new Int32Array(n);
      }
      clusterCentres(labels, positions, sceneState.visible, n, centres.current, counts.current);
    }
    const centre = centres.current;
    const placed: Box[] = [];
    clusters.forEach((cluster, l) => {
      const element = sceneState.labelElements[l];
      if (!element) return;
      const k = counts.current[l]!;
      let shown = false;
      if (k > 0 && !hidden.includes(l)) {
        projected.set(centre[l * 3]! / k, centre[l * 3 + 1]! / k, centre[l * 3 + 2]! / k).project(camera);
        const x = ((projected.x + 1) / 2) * size.width;
        const y = ((1 - projected.y) / 2) * size.height;
        const { w, h } = sizeOf(element);
        const box = { x: x - w / 2, y: y - h / 2, w, h };
        const onScreen = projected.z < 1 && box.x > -box.w / 2 && box.x + box.w / 2 < size.width && box.y > 0 && box.y + box.h < size.height;
        if (onScreen && !placed.some((p) => overlaps(p, box))) {
          placed.push(box);
          shown = true;
          const transform = `translate(${Math.round(box.x)}px, ${Math.round(box.y)}px)`;
          if (element.style.transform !== transform) element.style.transform = transform;
        }
      }
      const visibility = shown ? 'visible' : 'hidden';
      if (element.style.visibility !== visibility) element.style.visibility = visibility;
      report.push({ cluster: l, text: cluster.terms.join(' '), shown });
    });
    sceneReport.labels = report;
  });

  return null;
}

/** The label elements, drawn over the canvas (LabelPlacer, inside the canvas, moves them). */
export function ClusterLabels() {
  const clusters = useActiveSpace((s) => s.clusters);
  // names step back while a query's answer is on screen
  const answering = useOrrery((s) => s.results.length > 0);
  useEffect(() => {
    sceneState.labelElements.length = clusters.length;
    sceneState.requestRender?.();
  }, [clusters]);
  return (
    <div className={`label-layer cluster-labels${answering ? ' faded' : ''}`} aria-hidden="true">
      {clusters.map((cluster, l) => (
        <div
          key={`${l}:${cluster.terms.join(' ')}`}
          ref={(e) => void (sceneState.labelElements[l] = e)}
          className="cluster-label"
          style={{ visibility: 'hidden' }}
        >
          {cluster.terms.join(' · ')}
        </div>
      ))}
    </div>
  );
}
