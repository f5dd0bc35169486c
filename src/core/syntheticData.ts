// Seeded synthetic data for layout tests: Gaussian clusters in a higher-dimensional space.
import { seededRandom } from './random';

export function gaussianClusters(clusters: number, perCluster: number, dims: number, seed: number, spread = 0.15) {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const count = clusters * perCluster;
  const data = new Float32Array(count * dims);
  const labels = new Int32Array(count);
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dims }, gaussian));
  for (let i = 0; i < count; i++) {
    const c = i % clusters;
    labels[i] = c;
    for (let j = 0; j < dims; j++) data[i * dims + j] = centres[c]![j]! + spread * gaussian();
  }
  return { data, labels, count };
}

/**
 * Gaussian data whose variance decays like 1/(j+1) along its axes, as the spectrum of text
 * embeddings roughly does (PCA is rotation-invariant, so axis-aligned is enough for timing).
 */
export function decayingSpectrum(count: number, dims: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const data = new Float32Array(count * dims);
  const scale = Float32Array.from({ length: dims }, (_, j) => 1 / Math.sqrt(j + 1));
  for (let i = 0; i < count * dims; i += 2) {
    // Box-Muller: two normal samples per pair of uniforms
    const r = Math.sqrt(-2 * Math.log(random() + 1e-12));
    const t = 2 * Math.PI * random();
    data[i] = r * Math.cos(t) * scale[i % dims]!;
    if (i + 1 < count * dims) data[i + 1] = r * Math.sin(t) * scale[(i + 1) % dims]!;
  }
  return data;
}
