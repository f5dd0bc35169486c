import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import { readSpace, useActiveSpace, useOrrery } from '../state/hooks';
import { sceneReport } from '../state/sceneReport';
import { sceneState } from './sceneState';

const GAP = 4;
/** the parts of clusters are named once the clusters' centres span this many canvas heights (zoomed in about twice from the fitted view) */
export const DEEPEN_ZOOM = 1.6;
/** and a cluster's parts only where their centres stand this far apart on screen */
const PARTS_APART_PX = 60;
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

/** Means of the visible points' positions per group (NaN where a group has none), with their counts. */
function groupCentres(labels: Int32Array, positions: Float32Array, visible: Uint8Array, n: number): { centres: Float32Array; counts: Int32Array } {
  const centres = new Float32Array(n * 3);
  const counts = new Int32Array(n);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l < 0 || l >= n || !visible[i]) continue;
    for (let a = 0; a < 3; a++) centres[l * 3 + a]! += positions[i * 3 + a]!;
    counts[l]!++;
  }
  for (let l = 0; l < n; l++) for (let a = 0; a < 3; a++) centres[l * 3 + a] = counts[l]! > 0 ? centres[l * 3 + a]! / counts[l]! : NaN;
  return { centres, counts };
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;

/**
 * Cluster names drawn over the scene at their clusters' centres, at two depths: the clusters' names,
 * and their parts' names too once the camera is close enough that the parts' centres stand apart.
 * Larger clusters are placed first, parts after every cluster; a label that would overlap one
 * already placed is hidden at this zoom. Placed every frame the scene draws, outside React.
 */
export function LabelPlacer() {
  const clusters = useActiveSpace((s) => s.clusters);
  const fine = useActiveSpace((s) => s.fineClusters);
  const hidden = useOrrery((s) => (s.colourMode === 'cluster' ? s.hiddenGroups : NONE));
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const computed = useRef<{
    version: number;
    clusters: unknown;
    fine: unknown;
    coarse: ReturnType<typeof groupCentres>;
    parts: ReturnType<typeof groupCentres>;
  } | null>(null);

  useEffect(() => invalidate(), [clusters, fine, hidden, invalidate]);

  useFrame(() => {
    const labels = readSpace().clusterLabels;
    const { positions } = sceneState;
    const n = clusters.length;
    if (labels.length !== positions.length / 3 || n === 0) {
      sceneReport.labels = [];
      sceneReport.fineLabels = [];
      return;
    }
    const parts = fine && fine.labels.length === labels.length ? fine : null;
    // the centres move only with the points: a camera move just projects them again
    if (computed.current?.version !== sceneState.positionsVersion || computed.current.clusters !== clusters || computed.current.fine !== parts) {
      computed.current = {
        version: sceneState.positionsVersion,
        clusters,
        fine: parts,
        coarse: groupCentres(labels, positions, sceneState.visible, n),
        parts: parts
          ? groupCentres(parts.labels, positions, sceneState.visible, parts.clusters.length)
          : groupCentres(labels, positions, sceneState.visible, 0),
      };
    }
    const { coarse, parts: partCentres } = computed.current;
    const onScreen = (centres: Float32Array, l: number) => {
      projected.set(centres[l * 3]!, centres[l * 3 + 1]!, centres[l * 3 + 2]!).project(camera);
      return { x: ((projected.x + 1) / 2) * size.width, y: ((1 - projected.y) / 2) * size.height, front: projected.z < 1 };
    };
    const childrenOf = (parent: number) =>
      parts
        ? parts.clusters
            .flatMap((c, f) => (c.parent === parent && partCentres.counts[f]! > 0 ? [f] : []))
            .sort((a, b) => parts.clusters[b]!.size - parts.clusters[a]!.size)
        : [];
    // how far in the camera is: the span of the clusters' centres on screen, in canvas sizes
    const spanOf = (points: { x: number; y: number; front: boolean }[]) => {
      const shown = points.filter((p) => p.front);
      if (shown.length < 2) return 0;
      const xs = shown.map((p) => p.x);
      const ys = shown.map((p) => p.y);
      return Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    };
    const zoomedIn =
      spanOf(clusters.flatMap((_, l) => (coarse.counts[l]! > 0 ? [onScreen(coarse.centres, l)] : []))) / Math.min(size.width, size.height) >= DEEPEN_ZOOM;
    // close enough, a cluster's parts are named where they stand apart on screen
    const deep = clusters.map((_, l) => {
      if (!zoomedIn) return null;
      const children = childrenOf(l);
      if (children.length < 2) return null;
      const at = children.map((f) => onScreen(partCentres.centres, f));
      let spread = 0;
      for (const a of at) for (const b of at) spread = Math.max(spread, Math.hypot(a.x - b.x, a.y - b.y));
      return spread >= PARTS_APART_PX ? children : null;
    });
    const placed: Box[] = [];
    const place = (element: HTMLDivElement | null | undefined, centres: Float32Array, l: number, count: number): boolean => {
      if (!element) return false;
      let shown = false;
      if (count > 0) {
        const { x, y, front } = onScreen(centres, l);
        const { w, h } = sizeOf(element);
        const box = { x: x - w / 2, y: y - h / 2, w, h };
        const inView = front && box.x > -box.w / 2 && box.x + box.w / 2 < size.width && box.y > 0 && box.y + box.h < size.height;
        if (inView && !placed.some((p) => overlaps(p, box))) {
          placed.push(box);
          shown = true;
          const transform = `translate(${Math.round(box.x)}px, ${Math.round(box.y)}px)`;
          if (element.style.transform !== transform) element.style.transform = transform;
        }
      }
      const visibility = shown ? 'visible' : 'hidden';
      if (element.style.visibility !== visibility) element.style.visibility = visibility;
      return shown;
    };
    // the clusters' names first, then their parts' where they stand apart, in the room left
    const report = clusters.map((cluster, l) => ({
      cluster: l,
      text: cluster.terms.join(' '),
      shown: place(sceneState.labelElements[l], coarse.centres, l, hidden.includes(l) ? 0 : coarse.counts[l]!),
    }));
    const fineShown = new Set<number>();
    clusters.forEach((_, l) => {
      for (const f of hidden.includes(l) ? [] : (deep[l] ?? []))
        if (place(sceneState.fineLabelElements[f], partCentres.centres, f, partCentres.counts[f]!)) fineShown.add(f);
    });
    parts?.clusters.forEach((_, f) => !fineShown.has(f) && place(sceneState.fineLabelElements[f], partCentres.centres, f, 0));
    sceneReport.labels = report;
    sceneReport.fineLabels = parts ? parts.clusters.map((c, f) => ({ parent: c.parent, text: c.terms.join(' '), shown: fineShown.has(f) })) : [];
  });

  return null;
}

/** The label elements of both depths, drawn over the canvas (LabelPlacer, inside the canvas, moves them). */
export function ClusterLabels() {
  const clusters = useActiveSpace((s) => s.clusters);
  const fine = useActiveSpace((s) => s.fineClusters);
  // names step back while a query's answer is on screen
  const answering = useOrrery((s) => s.results.length > 0);
  useEffect(() => {
    sceneState.labelElements.length = clusters.length;
    sceneState.fineLabelElements.length = fine?.clusters.length ?? 0;
    sceneState.requestRender?.();
  }, [clusters, fine]);
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
      {fine?.clusters.map((part, f) => (
        <div
          key={`fine ${f}:${part.terms.join(' ')}`}
          ref={(e) => void (sceneState.fineLabelElements[f] = e)}
          className="cluster-label fine"
          style={{ visibility: 'hidden' }}
        >
          {part.terms.join(' · ')}
        </div>
      ))}
    </div>
  );
}
