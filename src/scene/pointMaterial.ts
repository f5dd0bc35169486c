import * as THREE from 'three';

// Round, softly edged points whose size shrinks with distance; per-point colour and size.
export function createPointMaterial(): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: { pixelScale: { value: 400 } },
    vertexShader: /* glsl */ `
      attribute float size;
      attribute vec3 color;
      uniform float pixelScale;
      varying vec3 vColor;
      void main() {
        vColor = color;
        vec4 mv = modelViewMatrix * vec4(position, 1.0);
        gl_PointSize = max(2.0, size * pixelScale / -mv.z);
        gl_Position = projectionMatrix * mv;
      }`,
    fragmentShader: /* glsl */ `
      varying vec3 vColor;
      void main() {
        float d = length(gl_PointCoord - vec2(0.5));
        if (d > 0.5) discard;
        float edge = smoothstep(0.5, 0.38, d);
        gl_FragColor = vec4(vColor * (0.75 + 0.25 * edge), 1.0);
      }`,
    transparent: false,
  });
}
