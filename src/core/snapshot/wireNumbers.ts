// Numbers as a snapshot carries them: coordinates as 16-bit steps of each axis's extent, vectors as
// int8 with a scale per row, everything else as raw bytes in base64url; and the error every
// failure to read them becomes.
import type { VectorRows } from '../vectors';
import { fromBase64Url, toBase64Url } from './bytes';

/** Any reason a snapshot cannot be read, said so that a person understands it. */
export class SnapshotError extends Error {}

export type Vec3 = [number, number, number];

export const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Copies the bytes into a buffer of its own, aligned for `T`, and checks the count. */
export function typed<T extends Int8Array | Uint16Array | Int16Array | Float32Array>(
  text: string,
  make: (buffer: ArrayBuffer) => T,
  bytesPer: number,
  count: number,
  what: string,
): T {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length !== count * bytesPer)
    throw new SnapshotError(`${what}: expected ${count} values, found ${bytes ? Math.floor(bytes.length / bytesPer) : 'none'}`);
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return make(buffer);
}

export function quantiseCoords(coords: Float32Array): { coords: string; min: Vec3; max: Vec3 } {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < coords.length; i++) {
    const c = i % 3;
    if (!Number.isFinite(coords[i]!)) continue;
    min[c] = Math.min(min[c]!, coords[i]!);
    max[c] = Math.max(max[c]!, coords[i]!);
  }
  for (let c = 0; c < 3; c++) {
    if (min[c]! > max[c]!) min[c] = max[c] = 0;
  }
  const steps = new Uint16Array(coords.length);
  for (let i = 0; i < coords.length; i++) {
    const c = i % 3;
    const span = max[c]! - min[c]!;
    steps[i] = span > 0 && Number.isFinite(coords[i]!) ? Math.round(((coords[i]! - min[c]!) / span) * 65535) : 0;
  }
  return { coords: toBase64Url(bytesOf(steps)), min, max };
}

export function quantiseVectors(data: VectorRows, dims: number): { values: string; scales: string } {
  const rows = data.length / dims;
  const values = new Int8Array(data.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let peak = 0;
    for (let d = 0; d < dims; d++) peak = Math.max(peak, Math.abs(data[r * dims + d]!) || 0);
    scales[r] = peak / 127;
    for (let d = 0; d < dims; d++) values[r * dims + d] = peak > 0 ? Math.round((data[r * dims + d]! / peak) * 127) || 0 : 0;
  }
  return { values: toBase64Url(bytesOf(values)), scales: toBase64Url(bytesOf(scales)) };
}

export function dequantiseVectors(w: { values: string; scales: string }, rows: number, dims: number, what: string): Float32Array {
  const values = typed(w.values, (b) => new Int8Array(b), 1, rows * dims, what);
  const scales = typed(w.scales, (b) => new Float32Array(b), 4, rows, `${what}' scales`);
  if (scales.some((x) => !Number.isFinite(x))) throw new SnapshotError(`${what}' scales: not all are numbers`);
  return Float32Array.from(values, (v, i) => v * scales[Math.floor(i / dims)]!);
}
