// Seeded fuzzing of every reader: valid files, mutated (bytes flipped, cut short, slices repeated,
// huge numbers, deep nesting, long lines, stray quotes and NULs). Each case must end in a result
// or an InputError with a message — never another exception — and within a time limit.
import { describe, expect, it } from 'vitest';
import { chunkDocuments } from '../corpus';
import { seededRandom } from '../random';
import { parseQuerySet } from '../retrieval/querySet';
import { parseFile } from './files';
import { InputError } from './inputError';
import { writeNpy } from './npy';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { makeParquet, makePdf } from '../../../e2e/fixtures/formats';
import { withinTimeLimit } from '../timeLimit';

const encode = (text: string) => new TextEncoder().encode(text);
const CASE_MS = 2000;

type Mutator = (bytes: Uint8Array, random: () => number) => Uint8Array;
const at = (bytes: Uint8Array, random: () => number) => Math.floor(random() * Math.max(1, bytes.length));
function splice(bytes: Uint8Array, where: number, insert: Uint8Array, remove = 0): Uint8Array {
  const tail = bytes.subarray(Math.min(bytes.length, where + remove));
  const out = new Uint8Array(where + insert.length + tail.length);
  out.set(bytes.subarray(0, where));
  out.set(insert, where);
  out.set(tail, where + insert.length);
  return out;
}

function repeated(slice: Uint8Array, times: number): Uint8Array {
  const out = new Uint8Array(slice.length * times);
  for (let t = 0; t < times; t++) out.set(slice, t * slice.length);
  return out;
}

const MUTATORS: Mutator[] = [
  (b, r) => {
    const out = b.slice();
    for (let i = 0; i < 1 + Math.floor(r() * 8); i++) out[at(b, r)] = Math.floor(r() * 256);
    return out;
  },
  (b, r) => b.slice(0, at(b, r)),
  (b, r) => {
    const from = at(b, r);
    const slice = b.subarray(from, from + 1 + Math.floor(r() * 64));
    return splice(b, at(b, r), repeated(slice, 1 + Math.floor(r() * 20)));
  },
  (b, r) => splice(b, at(b, r), encode(['1e309', '-1e999', '9'.repeat(400), 'NaN', '-0', '0x1p3', '1'.repeat(30)][Math.floor(r() * 7)]!)),
  (b, r) => splice(b, at(b, r), encode('['.repeat(20_000) + ']'.repeat(Math.floor(r() * 20_000)))),
  (b, r) => splice(b, at(b, r), encode('x'.repeat(50_000 + Math.floor(r() * 50_000)))),
  (b, r) => splice(b, at(b, r), encode(['"', '""', '\t"', '\n"', '\0', '\r', '\\', '}{', '\u2028', '\ufeff'][Math.floor(r() * 10)]!)),
  (b, r) => splice(b, at(b, r), new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Math.floor(r() * 4)),
];

/** Runs `cases` mutations of the seeds through `read`; returns the failures (not InputError, or too slow). */
async function fuzz(
  seeds: Uint8Array[],
  cases: number,
  seed: number,
  read: (bytes: Uint8Array) => Promise<unknown>,
): Promise<{ failures: string[]; results: number; refused: number }> {
  const random = seededRandom(seed);
  const failures: string[] = [];
  let results = 0;
  let refused = 0;
  for (let c = 0; c < cases; c++) {
    let bytes = seeds[c % seeds.length]!;
    for (let m = 0; m < 1 + Math.floor(random() * 3); m++) bytes = MUTATORS[Math.floor(random() * MUTATORS.length)]!(bytes, random);
    const started = performance.now();
    try {
      await read(bytes);
      results++;
    } catch (error) {
      if (error instanceof InputError && error.message) refused++;
      else failures.push(`case ${c}: ${(error as Error)?.name}: ${(error as Error)?.message?.slice(0, 120)}`);
    }
    if (performance.now() - started > CASE_MS) failures.push(`case ${c}: took ${Math.round(performance.now() - started)} ms`);
  }
  return { failures, results, refused };
}

/** A parsed file goes on to be chunked, as in the app: that must hold too. */
const parsed = (name: string) => async (bytes: Uint8Array) => {
  const result = await parseFile(name, bytes);
  chunkDocuments(result.documents);
};

const SEEDS: Record<string, Uint8Array[]> = {
  'a.csv': [encode('text,label,score\n"Hello, world",greeting,1.5\nSecond row,"quoted ""x""",2\n'), encode('a;b\n1;2\n')],
  'a.tsv': [encode('text\tlabel\nOne\tx\nTwo\ty\n'), encode('0.1\t0.2\n0.3\t0.4\n')],
  'a.json': [encode('[{"text": "one", "n": 1, "v": [0.1, 0.2]}, {"text": "two", "n": null, "v": [0.3, 0.4]}]'), encode('{"rows": [{"body": "x"}]}')],
  'a.jsonl': [encode('{"text": "one", "embedding": [1, 2]}\n{"text": "two", "embedding": [3, 4]}\n')],
  'a.md': [encode('# Title\n\nSome *text* with [a link](x).\n\n## Sub\n\n- item\n- item\n\n```js\ncode\n```\n')],
  'a.html': [
    encode('<!doctype html><html><head><title>T</title><style>p{}</style></head><body><h1>Head</h1><p>Para &amp; text</p><script>x()</script></body></html>'),
  ],
  'a.txt': [encode('Plain text.\n\nAnother paragraph with ünïcode and 中文.')],
  'a.npy': [writeNpy(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3)],
};

/**
 * Parquet and PDF are read in a worker thread (fuzzThread.ts), as the app reads them in workers:
 * hyparquet loops forever on some damaged files, which the app stops with the time limit below
 * (its reader's, made short here because the files are tiny); pdf.js leaves stray rejections.
 */
class ReaderThread {
  private worker = this.start();
  stopped = 0;

  private start(): Worker {
    const script = fileURLToPath(new URL('./fuzzThread.ts', import.meta.url));
    return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script)});`, { eval: true });
  }

  read(kind: 'parquet' | 'pdf', bytes: Uint8Array): Promise<void> {
    const { worker } = this;
    let settle = () => undefined as void;
    const answer = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ok: boolean; input?: boolean; message?: string }) =>
        m.ok ? resolve() : reject(m.input ? new InputError(m.message!) : new Error(m.message));
      worker.once('message', onMessage);
      worker.once('error', reject);
      settle = () => {
        worker.off('message', onMessage);
        worker.off('error', reject);
      };
    }).finally(() => settle());
    worker.postMessage({ kind, bytes });
    return withinTimeLimit(
      answer,
      THREAD_CASE_MS,
      () => {
        this.stopped++;
        void worker.terminate();
        this.worker = this.start();
      },
      'the reader did not finish in time',
    );
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
const THREAD_CASE_MS = 1500;

describe('fuzzed readers', () => {
  for (const [name, seeds] of Object.entries(SEEDS)) {
    it(`${name}: 2,000 mutated files end in a result or a message`, async () => {
      const { failures, results, refused } = await fuzz(seeds, 2000, name.length * 7919, parsed(name));
      expect(failures).toEqual([]);
      expect(results + refused).toBe(2000);
    });
  }

  it('Parquet: 1,000 mutated files end in a result or a message (a reader that never ends is stopped by the time limit)', async () => {
    const thread = new ReaderThread();
    const seeds = [
      makeParquet([
        { text: 'one', source: 'a', embedding: [0.1, 0.2] },
        { text: 'two', source: 'b', embedding: [0.3, 0.4] },
      ]),
      makeParquet([{ text: 'only text', source: 'c' }]),
    ];
    const { failures, results, refused } = await fuzz(seeds, 1000, 4242, (bytes) => thread.read('parquet', bytes));
    await thread.close();
    expect(failures).toEqual([]);
    expect(results + refused).toBe(1000);
    console.log(`Parquet: ${results} read, ${refused} refused (${thread.stopped} of them stopped by the time limit)`);
  }, 240_000);

  it('PDF: 600 mutated files end in a result or a message', async () => {
    const thread = new ReaderThread();
    const seeds = [makePdf([['Orbits are ellipses.', 'Kepler found them.'], ['Tides follow the Moon.']]), makePdf([['secret']], { encrypted: true })];
    const { failures, results, refused } = await fuzz(seeds, 600, 777, (bytes) => thread.read('pdf', bytes));
    await thread.close();
    expect(failures).toEqual([]);
    expect(results + refused).toBe(600);
  }, 240_000);

  it('query sets: 2,000 mutated CSV and JSON Lines files end in a result or a message', async () => {
    const csv = encode('query,expected_text,expected_ids\nWhat?,some text,"a#1|b#2"\nWhy?,,c#3\n');
    const jsonl = encode('{"query": "what?", "expected_ids": ["a#1"]}\n{"query": "why?", "expected_text": "x"}\n');
    const csvRun = await fuzz([csv], 1000, 11, async (bytes) => parseQuerySet('q.csv', new TextDecoder().decode(bytes)));
    const jsonRun = await fuzz([jsonl], 1000, 12, async (bytes) => parseQuerySet('q.jsonl', new TextDecoder().decode(bytes)));
    expect([...csvRun.failures, ...jsonRun.failures]).toEqual([]);
  });
});
