// The embed worker's handlers with a model that needs no download: a deterministic fake whose
// vectors follow from the text, served through the real caches and batching.
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../core/batching';
import { type Backend, BUILTIN_MODEL, type ModelSource } from '../core/models';
import { embedHandlers } from './embed';
import type { EmbedCalls, EmbedEvent } from './embed.protocol';
import { createHost } from './host';
import type { Model } from './modelPool';
import type { WorkerOutbox } from './rpc';

const DIMS = 8;

/** A vector per text from its characters, and one token per word. */
function fakeModel(ran: string[]): Model {
  const vectorOf = (text: string) => Float32Array.from({ length: DIMS }, (_, d) => Math.sin(text.length * (d + 1) + text.charCodeAt(d % text.length)));
  return {
    model: BUILTIN_MODEL,
    backend: 'wasm',
    dtype: 'q8',
    dims: DIMS,
    workers: 1,
    threads: 1,
    ready: Promise.resolve(),
    embed: async (texts) => {
      ran.push(...texts);
      const vectors = new Float32Array(texts.length * DIMS);
      texts.forEach((t, i) => vectors.set(vectorOf(t), i * DIMS));
      return { vectors, tokensSeen: Int32Array.from(texts, (t) => t.split(' ').length) };
    },
    countTokens: async (texts) => Int32Array.from(texts, (t) => t.split(' ').length),
  };
}

function embedHost() {
  const ran: string[] = [];
  const stored = new Map<string, Float32Array>();
  const posted: WorkerOutbox<EmbedCalls, EmbedEvent>[] = [];
  const model = fakeModel(ran);
  const handle = createHost<EmbedCalls, EmbedEvent>(
    embedHandlers({
      getModel: async () => model,
      isLoaded: () => true,
      setModelWorkers: () => {},
      candidateBackends: async () => ['wasm' as Backend],
      speedTest: async () => [{ backend: 'wasm', batchSize: 4, msPerChunk: 2 }],
      persistent: {
        getMany: async (keys) => keys.map((k) => stored.get(k)),
        putMany: async (entries) => void entries.forEach(([k, v]) => stored.set(k, v)),
      },
      clearPersistent: async () => stored.clear(),
      yieldTurn: () => new Promise((resolve) => setTimeout(resolve, 0)),
    }),
    (message) => posted.push(message),
  );
  const source: ModelSource = { model: BUILTIN_MODEL, remoteHost: null };
  const embed = async (id: number, texts: string[], extra: Partial<ModelSource> = {}) => {
    await handle({ type: 'embed', id, source: { ...source, ...extra }, texts, purpose: 'passage' });
    const answer = posted.find((m) => m.id === id && (m.type === 'result' || m.type === 'error'))!;
    if (answer.type !== 'result' || answer.call !== 'embed')
      throw answer.type === 'error' && answer.cancelled ? new CancelledError() : new Error(JSON.stringify(answer));
    return answer.result;
  };
  return { handle, embed, ran, stored, posted };
}

const texts = Array.from({ length: 40 }, (_, i) => `chunk number ${i} about ${['orbits', 'bread', 'rivers'][i % 3]}`);

describe('the embed worker', () => {
  it('embeds each distinct text once: the second time everything comes from the cache, in the same order', async () => {
    const { embed, ran, stored, posted } = embedHost();
    const first = await embed(1, [...texts, texts[0]!]);
    expect(first.dims).toBe(DIMS);
    expect(first.vectors).toHaveLength(41 * DIMS);
    expect(first.computed).toBe(40);
    expect(ran).toHaveLength(40);
    expect(Array.from(first.tokens.slice(0, 2))).toEqual([5, 5]);
    expect(posted.some((m) => m.type === 'progress' && m.id === 1)).toBe(true);
    // written to the persistent store for the next page load
    expect(stored.size).toBe(40);
    const again = await embed(2, texts.slice().reverse());
    expect(again.computed).toBe(0);
    expect(ran).toHaveLength(40);
    expect(Array.from(again.vectors.subarray(0, DIMS))).toEqual(Array.from(first.vectors.subarray(39 * DIMS, 40 * DIMS)));
  });

  it('the speed test sets the batch size the texts are embedded in', async () => {
    const { handle, posted } = embedHost();
    await handle({ type: 'speed-test', id: 1, source: { model: BUILTIN_MODEL, remoteHost: null } });
    await handle({ type: 'configure', id: 2 });
    expect(posted.find((m) => m.id === 2)).toEqual({ type: 'result', id: 2, call: 'configure', result: { batchSize: 4 } });
  });

  it('cuts Matryoshka vectors on the way out and rescales them to unit length', async () => {
    const { embed } = embedHost();
    const cut = await embed(1, texts.slice(0, 3), { dims: 4 });
    expect(cut.dims).toBe(4);
    const norm = Math.hypot(...cut.vectors.subarray(0, 4));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('stops at the next batch when cancelled; what it finished is cached, so a second run embeds only the rest', async () => {
    const { handle, embed, ran } = embedHost();
    await handle({ type: 'configure', id: 1, batchSize: 4 });
    const running = embed(2, texts);
    await new Promise((resolve) => setTimeout(resolve, 3));
    await handle({ type: 'cancel', id: 2 });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    const finished = ran.length;
    expect(finished).toBeGreaterThan(0);
    expect(finished).toBeLessThan(40);
    const resumed = await embed(3, texts);
    expect(resumed.computed).toBe(40 - finished);
  });
});
