// Parquet through hyparquet (pure JavaScript): rows as cells; a list column of numbers (LIST or
// Arrow's fixed-size list, which Parquet stores as a LIST) becomes the vectors.
import { parquetReadObjects } from 'hyparquet';
import { InputError } from './inputError';
import type { RawTable } from './records';

export async function parquetTable(bytes: Uint8Array): Promise<RawTable> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let objects: Record<string, unknown>[];
  try {
    objects = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  } catch (error) {
    throw new InputError(`not a readable Parquet file (${(error as Error).message})`);
  }
  const fields = objects.length > 0 ? Object.keys(objects[0]!) : [];
  return { fields, rows: objects.map((o) => fields.map((f) => o[f])), lines: objects.map((_, i) => i + 1) };
}
