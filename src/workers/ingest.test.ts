import { describe, expect, it } from 'vitest';
import { makeParquet, makePdf } from '../../e2e/fixtures/formats';
import { DEFAULT_CHUNKING } from '../core/chunking';
import { BUILTIN_MODEL } from '../core/models';
import type { PdfLibrary } from '../core/ingest/pdfText';
import { createHost } from './host';
import { ingestHandlers } from './ingest';
import type { IngestCalls, IngestFile, IngestOutbox, IngestProgress, IngestResult } from './ingest.protocol';

const pdfjs = async () => (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfLibrary;
const source = { model: BUILTIN_MODEL, remoteHost: null };
const file = (path: string, content: string | Uint8Array): IngestFile => ({ path, file: new File([content as BlobPart], path.split('/').pop()!) });

async function parse(files: IngestFile[], countTokens = (s: string) => s.split(/\s+/).length) {
  const events: IngestOutbox[] = [];
  const host = {
    handle: createHost<IngestCalls, IngestProgress>(ingestHandlers({ pdf: pdfjs, tokenCounter: async () => countTokens }), (e) => events.push(e)),
  };
  await host.handle({ type: 'parse', id: 1, files, chunking: DEFAULT_CHUNKING, tokenizer: source });
  const result = events.find((e) => e.type === 'result');
  const error = events.find((e) => e.type === 'error');
  return { result: result?.type === 'result' ? (result.result as IngestResult) : null, error: error?.type === 'error' ? error : null, events };
}

describe('the ingest worker', () => {
  it('reads each format, skips hidden files, names unsupported and broken ones, and chunks the rest', async () => {
    const { result } = await parse([
      file('docs/a.md', '# Title\n\nBody text.'),
      file('docs/.DS_Store', 'junk'),
      file('docs/photo.jpg', new Uint8Array([0xff, 0xd8, 0xff])),
      file('docs/report.pdf', makePdf([['Page one.'], ['Page two.']])),
      file('docs/bad.json', '{"not": "records"}'),
      file('docs/v/vectors.tsv', '1\t0\n0\t1\n'),
      file('docs/v/metadata.tsv', 'x\ny\n'),
    ]);
    expect(result!.documents.map((d) => d.name)).toEqual(['docs/a.md', 'docs/report.pdf', 'docs/v/vectors.tsv']);
    expect(result!.problems).toEqual([
      expect.stringMatching(/^docs\/photo\.jpg: files of type \.jpg are not read/),
      expect.stringMatching(/^docs\/bad\.json: expected an array of objects/),
    ]);
    expect(result!.notes).toEqual(
      expect.arrayContaining([expect.stringContaining('Skipped 1 hidden file'), expect.stringContaining('labelled from docs/v/metadata.tsv')]),
    );
    // texts are left for the page to slice from the documents
    expect(result!.table.texts).toEqual([]);
    expect(Array.from(result!.table.pages)).toEqual([0, 0, 1, 2, 0, 0]);
    expect(Array.from(result!.table.imported)).toEqual([0, 0, 0, 0, 1, 1]);
  });

  it('refuses a file over the size limit by name without reading it', async () => {
    const huge = { path: 'huge.txt', file: { name: 'huge.txt', size: 300 * 2 ** 20 } as File };
    const { result } = await parse([huge, file('ok.txt', 'fine')]);
    expect(result!.problems).toEqual(['huge.txt: 315 MB is over the 256 MB limit for one file.']);
    expect(result!.documents).toHaveLength(1);
  });

  it('reads a Parquet file in ranges, never whole', async () => {
    const rows = Array.from({ length: 2_000 }, (_, r) => ({ text: `passage ${r}`, source: `s${r % 3}.md`, embedding: [r, 1, 2] }));
    const blob = new Blob([makeParquet(rows, 500) as BlobPart]);
    const reads: number[] = [];
    const ranged = {
      size: blob.size,
      slice: (start?: number, end?: number) => (reads.push((end ?? blob.size) - (start ?? 0)), blob.slice(start, end)),
      arrayBuffer: () => Promise.reject(new Error('read whole')),
    } as unknown as File;
    const { result } = await parse([{ path: 'big.parquet', file: ranged }]);
    expect(result!.problems).toEqual([]);
    expect(result!.documents[0]!.vectors!.data.length).toBe(2_000 * 3);
    expect(reads.length).toBeGreaterThan(4);
  });

  it('chunks by tokens with the counter it is given, and sends big parsed texts back as bytes', async () => {
    const words = Array.from({ length: 300_000 }, (_, i) => `w${i % 1000}`).join(' ');
    const events: IngestOutbox[] = [];
    const host = {
      handle: createHost<IngestCalls, IngestProgress>(
        ingestHandlers({ pdf: pdfjs, tokenCounter: async () => (s) => s.split(/\s+/).filter(Boolean).length }),
        (e) => events.push(e),
      ),
    };
    await host.handle({
      type: 'chunk',
      id: 2,
      documents: [{ name: 'big', text: words }],
      chunking: { ...DEFAULT_CHUNKING, strategy: 'tokens', size: 1000, overlap: 0 },
      tokenizer: source,
    });
    const result = events.find((e) => e.type === 'result');
    if (result?.type !== 'result') throw new Error('no result');
    expect((result.result as IngestResult).table.starts.length).toBe(300);
    // the page has these documents: none are sent back
    expect((result.result as IngestResult).documents).toEqual([]);
    const parsed: IngestOutbox[] = [];
    await createHost<IngestCalls, IngestProgress>(ingestHandlers({ pdf: pdfjs, tokenCounter: async () => () => 1 }), (e) => parsed.push(e))({
      type: 'parse',
      id: 4,
      files: [file('big.txt', words)],
      chunking: DEFAULT_CHUNKING,
      tokenizer: source,
    });
    const big = parsed.find((e) => e.type === 'result');
    if (big?.type !== 'result') throw new Error('no result');
    expect((big.result as IngestResult).documents[0]!.text).toBe('');
    expect(new TextDecoder().decode((big.result as IngestResult).texts[0]!.bytes)).toBe(words);
  });

  it("by default cuts paragraphs to fit the model's input, counted in its tokens", async () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const { result } = await parse([file('notes.txt', `A short paragraph.\n\n${long}`)]);
    const { starts, ends } = result!.table;
    const doc = result!.documents[0]!;
    const words = Array.from(starts, (start, i) => doc.text.slice(start, ends[i]).split(/\s+/).length);
    // the built-in model reads 128 tokens: chunks of at most 115 leave a margin
    expect(words[0]).toBe(3);
    expect(Math.max(...words)).toBeLessThanOrEqual(115);
    expect(words.slice(1).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(400);
    expect(words.length).toBeGreaterThanOrEqual(5);
  });

  it('sizes chunks from a sample of the tokens when the text is too large to count every chunk', async () => {
    const paragraph = (i: number) => `Entry ${i} of the survey log records the sky brightness, the seeing and the objects observed tonight.`.repeat(8);
    const text = Array.from({ length: 6_000 }, (_, i) => paragraph(i)).join('\n\n');
    expect(text.length).toBeGreaterThan(1_000_000);
    const { result } = await parse([file('survey.txt', text)]);
    expect(result!.notes.join(' ')).toMatch(/MB of text: chunks of up to \d+ characters, about 115 tokens at \d\.\d characters per token \(sampled/);
    const { starts, ends } = result!.table;
    const words = Array.from(starts, (start, i) => text.slice(start, ends[i]).split(/\s+/).length);
    expect(words.length).toBeGreaterThan(6_000);
    expect(words.filter((w) => w > 115).length / words.length).toBeLessThan(0.1);
  });

  it('stops when cancelled', async () => {
    const events: IngestOutbox[] = [];
    const host = { handle: createHost<IngestCalls, IngestProgress>(ingestHandlers({ pdf: pdfjs, tokenCounter: async () => () => 1 }), (e) => events.push(e)) };
    const files = Array.from({ length: 50 }, (_, i) => file(`f${i}.txt`, `text ${i}`));
    const running = host.handle({ type: 'parse', id: 3, files, chunking: DEFAULT_CHUNKING, tokenizer: source });
    await host.handle({ type: 'cancel', id: 3 });
    await running;
    expect(events.at(-1)).toMatchObject({ type: 'error', cancelled: true });
  });
});
