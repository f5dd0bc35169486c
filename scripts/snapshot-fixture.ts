// Writes the current codec's fixture (src/core/snapshot/fixtures/v<version>.txt) from view(12, 8),
// once, when a new snapshot version is made; the fixtures of earlier versions are never written again.
// Usage: npx tsx scripts/snapshot-fixture.ts
import { existsSync, writeFileSync } from 'node:fs';
import { encodeSnapshot } from '../src/core/snapshot/codec';
import { view } from '../src/core/snapshot/fixtures/view';

const link = await encodeSnapshot(view(12, 8));
const version = Number(/^o(\d+)\./.exec(link)![1]);
const path = `src/core/snapshot/fixtures/v${version}.txt`;
if (existsSync(path)) throw new Error(`${path} exists: a fixture is written once, by the version that reads it first`);
writeFileSync(path, `${link}\n`);
console.log(`wrote ${path} (${link.length} characters)`);
