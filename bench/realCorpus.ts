// A real-text corpus for layout benchmarks, built offline from the documentation on this machine:
// the Markdown that installed npm packages ship and Debian's /usr/share/doc (READMEs, changelogs,
// guides): RAG-like technical prose.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PARAGRAPH_CHUNKING } from '../src/core/chunking';
import { chunkDocuments } from '../src/core/corpus';

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) markdownFiles(path, out);
    else if (/\.(md|txt|rst)(\.gz)?$|^changelog(\.Debian)?\.gz$/i.test(name) && stat.size > 1024) out.push(path);
  }
  return out;
}

/** At least `count` chunks (paragraphs, then shorter windows if needed), deduplicated, in a fixed order. */
export function realChunks(count: number, roots = ['node_modules', '/usr/share/doc']): string[] {
  const read = (path: string) => (path.endsWith('.gz') ? gunzipSync(readFileSync(path)) : readFileSync(path)).toString('utf8');
  const documents = roots.flatMap((root) => markdownFiles(root)).map((path) => ({ name: path, text: read(path) }));
  for (const maxChars of [400, 200, 120]) {
    const seen = new Set<string>();
    const texts = chunkDocuments(documents, { ...PARAGRAPH_CHUNKING, size: maxChars, overlap: 0 }).texts.filter(
      (t) => t.length >= 40 && !seen.has(t) && seen.add(t),
    );
    if (texts.length >= count) return texts.slice(0, count);
  }
  throw new Error(`only found fewer than ${count} chunks of text under ${roots.join(', ')}`);
}
