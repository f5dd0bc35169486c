// Writes the golden tests' input (core/golden.test.ts: gaussianClusters(4, 30, 16, 11, 0.3), 120 × 16)
// as raw little-endian float32, for the reference implementations in scripts/reference/*.py.
// Usage: npx tsx scripts/reference/golden-data.ts OUT.f32
import { writeFileSync } from 'node:fs';
import { gaussianClusters } from '../../src/core/syntheticData';

const { data, count } = gaussianClusters(4, 30, 16, 11, 0.3);
writeFileSync(process.argv[2]!, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
console.log(`${count} × 16`);
