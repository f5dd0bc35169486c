import * as THREE from 'three';

// One draw call for every point: round, softly edged, sized in scene units (so nearer points are
// larger, in perspective and in the orthographic 2-D view alike), with a colour (bytes) and one
// packed style number per point (alpha, drawn large, outlined: see pointsAdapter.packStyle). The
// hovered and selected points are named by uniforms (gl_VertexID), so hovering changes no buffer.
export function createPointMaterial(large: number): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: {
      halfHeight: { value: 400 },
      size: { value: 0.5 },
      hovered: { value: -1 },
      selected: { value: -1 },
      shade: { value: 1 },
      ringColour: { value: new THREE.Color(1, 1, 1) },
    },
    vertexShader: /* glsl */ `
      attribute vec3 color;
      attribute float style;
      uniform float halfHeight;
      uniform float size;
      uniform int hovered;
      uniform int selected;
      uniform float shade;
      varying vec3 vColor;
      varying float vAlpha;
      varying float vRing;
      void main() {
        float outlined = step(4.0, style);
        float rest = style - 4.0 * outlined;
        float big = step(2.0, rest);
        float alpha = rest - 2.0 * big;
        bool marked = gl_VertexID == hovered || gl_VertexID == selected;
        vColor = color * shade;
        vAlpha = alpha > 0.0 && marked ? 1.0 : alpha;
        vRing = marked ? 1.0 : outlined;
        vec4 mv = modelViewMatrix * vec4(position, 1.0);
        gl_Position = projectionMatrix * mv;
        float worldSize = size * (marked ? 2.2 : mix(1.0, ${large.toFixed(2)}, big));
        gl_PointSize = alpha <= 0.0 ? 0.0 : max(marked ? 7.0 : 1.0, worldSize * projectionMatrix[1][1] * halfHeight / gl_Position.w);
      }`,
    fragmentShader: /* glsl */ `
      uniform vec3 ringColour;
      varying vec3 vColor;
      varying float vAlpha;
      varying float vRing;
      void main() {
        float d = length(gl_PointCoord - vec2(0.5));
        if (d > 0.5 || vAlpha <= 0.0) discard;
        vec3 c = vColor * (0.75 + 0.25 * smoothstep(0.5, 0.38, d));
        if (vRing > 0.5 && d > 0.36) c = ringColour;
        gl_FragColor = vec4(c, vAlpha);
      }`,
    // PointCloud turns blending on while some points are dimmed
    transparent: false,
    depthWrite: true,
  });
}
