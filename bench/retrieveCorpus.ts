// A synthetic corpus for bench:retrieve: unit vectors with a decaying spectrum, and texts of 60
// words drawn from a 20,000-word vocabulary with Zipf frequencies (as real text has); queries
// are five words of a chunk and a vector near it. Seeded: the same corpus on every run.
import { seededRandom } from '../src/core/random';
import { decayingSpectrum } from '../src/core/syntheticData';

export function syntheticCorpus(count: number, dims: number, seed: number): { vectors: Float32Array; texts: string[] } {
  const random = seededRandom(seed);
  const vocabulary = 20_000;
  // inverse-CDF sampling of Zipf(1): word w with probability ∝ 1 / (w + 1)
  const harmonic = Math.log(vocabulary) + 0.5772;
  const word = () => `w${Math.min(vocabulary - 1, Math.floor(Math.exp(random() * harmonic)) - 1)}`;
  const texts = Array.from({ length: count }, () => Array.from({ length: 60 }, word).join(' '));
  return { vectors: decayingSpectrum(count, dims, seed), texts };
}

export function syntheticQueries(corpus: { vectors: Float32Array; texts: string[] }, dims: number, count: number, seed: number) {
  const random = seededRandom(seed);
  const rows = Array.from({ length: count }, () => Math.floor(random() * corpus.texts.length));
  const vectors = new Float32Array(count * dims);
  rows.forEach((row, q) => {
    for (let j = 0; j < dims; j++) vectors[q * dims + j] = corpus.vectors[row * dims + j]! + 0.3 * (random() - 0.5);
  });
  const texts = rows.map((row) => corpus.texts[row]!.split(' ').slice(10, 15).join(' '));
  return { rows, vectors, texts };
}
