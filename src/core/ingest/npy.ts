// NumPy .npy arrays: 2-D float16, float32 or float64 (read as float32), either byte order, C or Fortran order.
import { InputError } from './inputError';

const WIDTHS: Record<string, number> = { f2: 2, f4: 4, f8: 8 };

/** An IEEE 754 half-precision number from its 16 bits. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

export function parseNpy(bytes: Uint8Array): { data: Float32Array; rows: number; dims: number } {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) throw new InputError('not a NumPy .npy file (its first bytes are not \\x93NUMPY)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*True/.test(header);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shape === undefined) throw new InputError('its .npy header cannot be read');
  const sizes = shape
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (sizes.length !== 2) throw new InputError(`it holds a ${sizes.length}-D array of shape (${sizes.join(', ')}); Orrery needs 2-D (rows × dimensions)`);
  if (!sizes.every((n) => Number.isSafeInteger(n) && n >= 0))
    throw new InputError(`its .npy header gives the shape (${shape.trim()}), which is not two counts`);
  const [rows, dims] = sizes as [number, number];
  const kind = descr.slice(1);
  const width = WIDTHS[kind];
  if (!width) throw new InputError(`its dtype ${descr} is not supported: save the vectors as float16, float32 or float64`);
  const little = descr[0] !== '>';
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart + rows * dims * width) throw new InputError(`it is shorter than its shape (${rows} × ${dims}) says: the file may be truncated`);
  const data = new Float32Array(rows * dims);
  for (let k = 0; k < rows * dims; k++) {
    const at = dataStart + k * width;
    const x = width === 2 ? halfToFloat(view.getUint16(at, little)) : width === 4 ? view.getFloat32(at, little) : view.getFloat64(at, little);
    // Fortran order stores columns one after another
    const target = fortran ? (k % rows) * dims + Math.floor(k / rows) : k;
    data[target] = x;
  }
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) throw new InputError(`row ${Math.floor(k / dims) + 1} holds ${data[k]} in its vector: only finite numbers can be laid out`);
  }
  return { data, rows, dims };
}

/** Writes a float32 .npy (test fixtures and export). */
export function writeNpy(data: Float32Array, rows: number, dims: number): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${dims}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** Tab-separated numbers, one vector per line (the Embedding Projector's vectors file); null if not numeric. */
export function parseNumericTsv(text: string): { data: Float32Array; rows: number; dims: number } | null {
  const rows = text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
  const isNumber = (cell: string) => /^\s*[-+]?(\d|\.\d|nan\b|inf)/i.test(cell);
  if (rows.length === 0 || !rows[0]!.every(isNumber)) return null;
  const dims = rows[0]!.length;
  const data = new Float32Array(rows.length * dims);
  rows.forEach((cells, r) => {
    if (cells.length !== dims) throw new InputError(`vectors of mixed lengths: line ${r + 1} has ${cells.length} numbers, line 1 has ${dims}`);
    cells.forEach((cell, j) => {
      const x = Number(cell);
      if (!Number.isFinite(x) || cell.trim() === '')
        throw new InputError(`line ${r + 1} holds ${cell.trim() || 'an empty value'} in its vector: only finite numbers can be laid out`);
      data[r * dims + j] = x;
    });
  });
  return { data, rows: rows.length, dims };
}
