import * as THREE from 'three';

/** the most lines the retrieval path draws (top k and the ranks beyond the cut) */
export const MAX_PATH_LINES = 128;
const CORNERS = [
  [0, -1],
  [1, -1],
  [1, 1],
  [0, -1],
  [1, 1],
  [0, 1],
] as const;

/**
 * Lines of their own width in pixels, drawn as screen-facing ribbons (WebGL draws lines 1 px wide):
 * each line is two triangles whose corners the vertex shader pushes apart on screen. One geometry
 * for every line, allocated once; the draw range says how many are drawn.
 */
export function createPathGeometry(): THREE.BufferGeometry {
  const geometry = new THREE.BufferGeometry();
  const vertices = MAX_PATH_LINES * 6;
  const attribute = (name: string, size: number) => geometry.setAttribute(name, new THREE.BufferAttribute(new Float32Array(vertices * size), size));
  attribute('position', 3); // the line's start
  attribute('end', 3);
  attribute('width', 1);
  attribute('color', 3);
  attribute('opacity', 1);
  attribute('dashed', 1);
  const corner = new Float32Array(vertices * 2);
  for (let v = 0; v < vertices; v++) corner.set(CORNERS[v % 6]!, v * 2);
  geometry.setAttribute('corner', new THREE.BufferAttribute(corner, 2));
  geometry.setDrawRange(0, 0);
  return geometry;
}

export interface PathSegment {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  width: number;
  color: readonly [number, number, number];
  opacity: number;
  dashed: boolean;
}

/** Writes the segments into the geometry's buffers (no allocation) and sets the draw range. */
export function setPathSegments(geometry: THREE.BufferGeometry, segments: readonly PathSegment[]): void {
  const get = (name: string) => geometry.getAttribute(name) as THREE.BufferAttribute;
  const [start, end, width, color, opacity, dashed] = ['position', 'end', 'width', 'color', 'opacity', 'dashed'].map(get) as THREE.BufferAttribute[];
  const shown = Math.min(segments.length, MAX_PATH_LINES);
  for (let s = 0; s < shown; s++) {
    const segment = segments[s]!;
    for (let v = s * 6; v < s * 6 + 6; v++) {
      start!.setXYZ(v, segment.from[0]!, segment.from[1]!, segment.from[2]!);
      end!.setXYZ(v, segment.to[0]!, segment.to[1]!, segment.to[2]!);
      width!.setX(v, segment.width);
      color!.setXYZ(v, ...segment.color);
      opacity!.setX(v, segment.opacity);
      dashed!.setX(v, segment.dashed ? 1 : 0);
    }
  }
  for (const a of [start, end, width, color, opacity, dashed]) a!.needsUpdate = true;
  geometry.setDrawRange(0, shown * 6);
}

export function createPathMaterial(): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: { resolution: { value: new THREE.Vector2(800, 600) } },
    vertexShader: /* glsl */ `
      attribute vec3 end;
      attribute vec2 corner;
      attribute float width;
      attribute vec3 color;
      attribute float opacity;
      attribute float dashed;
      uniform vec2 resolution;
      varying vec3 vColor;
      varying float vOpacity;
      varying float vDashed;
      varying float vAlong;
      void main() {
        vec4 a = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
        vec4 b = projectionMatrix * modelViewMatrix * vec4(end, 1.0);
        vec2 half_ = resolution * 0.5;
        vec2 sa = a.xy / a.w * half_;
        vec2 sb = b.xy / b.w * half_;
        vec2 along = sb - sa;
        float len = max(length(along), 1e-4);
        vec2 normal = vec2(-along.y, along.x) / len;
        vec4 p = mix(a, b, corner.x);
        p.xy += normal * corner.y * width * 0.5 / half_ * p.w;
        gl_Position = p;
        vColor = color;
        vOpacity = opacity;
        vDashed = dashed;
        vAlong = corner.x * len;
      }`,
    fragmentShader: /* glsl */ `
      varying vec3 vColor;
      varying float vOpacity;
      varying float vDashed;
      varying float vAlong;
      void main() {
        if (vDashed > 0.5 && mod(vAlong, 14.0) > 8.0) discard;
        gl_FragColor = vec4(vColor, vOpacity);
      }`,
    transparent: true,
    depthWrite: false,
  });
}
