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
