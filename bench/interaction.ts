// Browser half of `npm run bench:interaction`, the baseline: a bare three.js page drawing the same
// points (THREE.Points, PointsMaterial, OrbitControls drawing on each change) on a canvas of the
// size Orrery's scene has, so that the same pointer drags, wheel turns and hovers can be timed on both.
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { densitySize, frameFor, toScene } from '../src/scene/pointsAdapter';

/** Mounts `coords` (N × 3, as the layout gave them) on a width × height canvas at the page's top left. */
function mount(coords: Float32Array, width: number, height: number): void {
  const count = coords.length / 3;
  const renderer = new THREE.WebGLRenderer({ antialias: true });
  renderer.setPixelRatio(window.devicePixelRatio);
  renderer.setSize(width, height);
  document.body.append(renderer.domElement);
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(toScene(coords, frameFor(coords)), 3));
  const colours = new Float32Array(count * 3).fill(0.6);
  geometry.setAttribute('color', new THREE.BufferAttribute(colours, 3));
  const scene = new THREE.Scene();
  scene.background = new THREE.Color('#0b1020');
  const camera = new THREE.PerspectiveCamera(50, width / height, 0.1, 500);
  camera.position.set(0, 0, 23);
  // the same size on screen as Orrery draws these points (three.js leaves out the projection's 1 / tan(fov / 2))
  const size = densitySize(count) / Math.tan(((camera.fov / 2) * Math.PI) / 180);
  scene.add(new THREE.Points(geometry, new THREE.PointsMaterial({ size, vertexColors: true })));
  const controls = new OrbitControls(camera, renderer.domElement);
  const draw = () => renderer.render(scene, camera);
  controls.addEventListener('change', draw);
  draw();
}

Object.assign(window, { benchMount: mount });
