import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useEffectEvent, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { useShallow } from 'zustand/react/shallow';
import { densityLevels } from '../core/densityThinning';
import { pointColouring } from '../state/colouring';
import { shownByFilters } from '../state/columnReadings';
import { activeOf, readOrrery, readSpace, subscribeOrrery, useOrrery } from '../state/hooks';
import { sceneReport } from '../state/sceneReport';
import { createPointMaterial } from './pointMaterial';
import { type Colours, densitySize, type Frame, interpolate, LARGE, pointStyles, SCENE_RADIUS, toScene, unpackStyle } from './pointsAdapter';
import { sceneState } from './sceneState';
import { drawLevels, thinForView } from './thinning';

const TRANSITION_MS = 450;
/** the voxel grid for thinning spans a little more than the radius that holds 95% of the points */
const DENSITY_RADIUS = SCENE_RADIUS * 1.5;
const drawingBuffer = new THREE.Vector2();

/** Buffers sized for N points, made again only when N changes (never per frame). */
function allocate(geometry: THREE.BufferGeometry, count: number) {
  const attribute = (name: string, array: Float32Array | Uint8Array, size: number) => {
    const a = new THREE.BufferAttribute(array, size, array instanceof Uint8Array);

    geometry.setAttribute(name, a);
    return a;
  };
  const buffers = {
    count,
    position: attribute('position', new Float32Array(count * 3), 3),
    color: attribute('color', new Uint8Array(count * 3), 3),
    style: attribute('style', new Float32Array(count), 1),
    from: new Float32Array(count * 3),
    to: new Float32Array(count * 3),
    /** the rows in drawing order (densest last), of which the draw range takes as many as the zoom allows */
    order: new THREE.BufferAttribute(new Uint32Array(count), 1),
  };
  geometry.setIndex(buffers.order);
  sceneState.positions = buffers.position.array as Float32Array;
  sceneState.visible = new Uint8Array(count);
  sceneState.colours = buffers.color.array as Uint8Array;
  sceneState.styles = buffers.style.array as Float32Array;
  return buffers;
}

export function PointCloud({ frame }: { frame: Frame }) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => new THREE.BufferGeometry(), []);
  const material = useMemo(() => createPointMaterial(LARGE), []);
  const points = useMemo(() => {
    const p = new THREE.Points(geometry, material);
    p.frustumCulled = false; // positions change in place; the bounding sphere would go stale
    // sizes are in the drawing buffer's pixels, whatever its pixel ratio (a 2× picture included)
    p.onBeforeRender = (renderer, _scene, camera) => {
      const halfHeight = renderer.getDrawingBufferSize(drawingBuffer).y / 2;
      material.uniforms.halfHeight!.value = halfHeight;
      thinForView(geometry, camera, halfHeight);
    };
    return p;
  }, [geometry, material]);
  const buffers = useRef<ReturnType<typeof allocate> | null>(null);
  const frameRef = useRef(frame);
  // positions move from where they are shown to where the layout now puts them
  const transition = useRef<{ start: number } | null>(null);
  const view = useOrrery(
    useShallow((s) => ({
      results: s.results,
      beyond: s.beyond,
      selected: s.openChunk,
      neighbours: s.neighbours,
      colourMode: s.colourMode,
      colourColumn: s.colourColumn,
      clusters: activeOf(s).clusters,
      clusterVersion: activeOf(s).clusterVersion,
      qualityVersion: activeOf(s).qualityVersion,
      hiddenGroups: s.hiddenGroups,
      filters: s.filters,
      tags: s.tags,
      searchText: s.searchText,
      chosen: s.selection,
      onlyChosen: s.onlySelection,
      gold: s.goldMarks[s.queryText],
      corpusVersion: s.corpusVersion,
      lab: s.lab,
      theme: s.theme,
    })),
  );
  const layoutVersion = useOrrery((s) => (s.layoutProgress === null ? s.layoutVersion : -1));

  const restyle = useEffectEvent(() => {
    const workspace = readSpace();
    const b = buffers.current;
    if (!b || b.count !== workspace.table.texts.length) return;
    const s = readOrrery();
    const colouring = pointColouring(s);
    const colours: Colours =
      colouring.kind === 'groups'
        ? { kind: 'groups', groupOf: colouring.groupOf }
        : colouring.kind === 'numeric'
          ? { kind: 'numeric', values: colouring.values, min: colouring.min, max: colouring.max }
          : colouring.kind === 'recall'
            ? { kind: 'recall', recall: workspace.recall }
            : colouring.kind === 'overlap'
              ? { kind: 'recall', recall: colouring.overlap }
              : colouring.kind === 'retrieval'
                ? { kind: 'retrieval', gold: s.goldMarks[s.queryText] ?? [] }
                : { kind: 'plain' };
    let chosen: Uint8Array | null = null;
    if (s.selection.length > 0) {
      chosen = new Uint8Array(b.count);
      for (const i of s.selection) if (i < b.count) chosen[i] = 1;
    }
    const out = { colors: b.color.array as Uint8Array, styles: b.style.array as Float32Array };
    pointStyles(
      b.count,
      {
        colours,
        placed: workspace.placed,
        results: s.results.map((h) => h.index),
        beyond: s.beyond.map((h) => h.index),
        selected: s.openChunk,
        neighbours: s.neighbours.map((h) => h.index),
        hidden: new Set(s.hiddenGroups),
        search: workspace.searchMatches?.length === b.count ? workspace.searchMatches : null,
        chosen,
        onlyChosen: s.onlySelection,
        filtered: shownByFilters(s.filters),
      },
      out,
    );
    const tally = { bright: 0, dimmed: 0, hidden: 0 };
    for (let i = 0; i < b.count; i++) {
      const a = unpackStyle(out.styles[i]!).alpha;
      sceneState.visible[i] = a > 0 ? 1 : 0;
      if (a === 0) tally.hidden++;
      else if (a < 1) tally.dimmed++;
      else tally.bright++;
    }
    sceneReport.points = tally;
    sceneState.positionsVersion++; // what is visible changed: label centres move
    // blending costs a read per fragment: only when some point is dimmed
    const blend = tally.dimmed > 0;
    sceneState.dimmed = blend;
    if (material.transparent !== blend) {
      material.transparent = blend;
      material.depthWrite = !blend;
      material.needsUpdate = true;
    }
    b.color.needsUpdate = true;
    b.style.needsUpdate = true;
    drawLevels(out.styles, s.openChunk, b.order);
    material.uniforms.size!.value = densitySize(b.count);
    invalidate();
    for (const listener of sceneState.restyled) listener();
  });

  /** Puts the layout's coordinates into the position buffer: animated, or at once while a layout streams. */
  const place = useEffectEvent((animate: boolean) => {
    const workspace = readSpace();
    const count = workspace.coords.length / 3;
    if (buffers.current?.count !== count) {
      buffers.current = allocate(geometry, count);
      toScene(workspace.coords, frameRef.current, buffers.current.position.array as Float32Array);
      transition.current = null;
      sceneState.density = densityLevels(buffers.current.position.array as Float32Array, DENSITY_RADIUS);
      restyle();
    } else if (animate) {
      const b = buffers.current;
      b.from.set(b.position.array as Float32Array);
      toScene(workspace.coords, frameRef.current, b.to);
      transition.current = { start: performance.now() };
      // where the points pile up is measured where they are going
      sceneState.density = densityLevels(b.to, DENSITY_RADIUS);
      drawLevels(b.style.array as Float32Array, readOrrery().openChunk, b.order);
    } else {
      toScene(workspace.coords, frameRef.current, buffers.current.position.array as Float32Array);
      transition.current = null;
    }
    buffers.current.position.needsUpdate = true;
    sceneState.positionsVersion++;
    invalidate();
  });

  useEffect(() => {
    frameRef.current = frame;
    sceneState.frame = frame;
    place(true);
    // streamed frames of a running layout go straight into the buffer, outside React
    return subscribeOrrery((s, before) => {
      if (s.layoutVersion !== before.layoutVersion) place(s.layoutProgress === null);
    });
  }, [frame, layoutVersion]);

  useEffect(() => restyle(), [view, geometry]);

  // the selection is a uniform: no buffer changes; the hovered point's ring is HTML (HoverRing.tsx), so a hover draws no frame
  useEffect(
    () =>
      subscribeOrrery((s) => {
        const selected = s.openChunk ?? -1;
        if (material.uniforms.selected!.value !== selected) {
          material.uniforms.selected!.value = selected;
          invalidate();
        }
      }),
    [material, invalidate],
  );

  useEffect(() => {
    const light = view.theme === 'light';
    material.uniforms.shade!.value = light ? 0.72 : 1;
    (material.uniforms.ringColour!.value as THREE.Color).set(light ? '#111827' : '#ffffff');
    invalidate();
  }, [view.theme, material, invalidate]);

  useFrame(() => {
    const t = transition.current;
    const b = buffers.current;
    if (!t || !b) return;
    const progress = Math.min(1, (performance.now() - t.start) / TRANSITION_MS);
    // the last step copies the target: from + (to − from) is not always exactly `to` in floats
    if (progress < 1) interpolate(b.from, b.to, progress, b.position.array as Float32Array);
    else (b.position.array as Float32Array).set(b.to);
    b.position.needsUpdate = true;
    sceneState.positionsVersion++;
    if (progress < 1) invalidate();
    else transition.current = null;
  });

  useEffect(() => () => (geometry.dispose(), material.dispose()), [geometry, material]);

  return <primitive object={points} />;
}
