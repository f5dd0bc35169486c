import { describe, expect, it } from 'vitest';
import { WorkerClient, type WorkerLike, WorkerStopped } from './rpc';

type Calls = { echo: { params: { value: number }; result: { value: number } } };

/** A worker that answers echo at once, or never (then its owner can make it fail). */
function fakeWorker(answers: boolean): WorkerLike & { fail(message: string): void; terminated: boolean } {
  const worker = {
    onmessage: null as WorkerLike['onmessage'],
    onerror: null as WorkerLike['onerror'],
    terminated: false,
    postMessage(message: { id: number; value: number }) {
      if (answers)
        queueMicrotask(() => worker.onmessage?.({ data: { type: 'result', id: message.id, call: 'echo', result: { value: message.value } } } as MessageEvent));
    },
    terminate() {
      worker.terminated = true;
    },
    fail(message: string) {
      worker.onerror?.({ message, preventDefault() {} } as ErrorEvent);
    },
  };
  return worker;
}

describe('WorkerClient', () => {
  it('fails the calls of a worker that stops as WorkerStopped, and starts a new worker for the next call', async () => {
    const started: ReturnType<typeof fakeWorker>[] = [];
    const client = new WorkerClient<Calls>(() => {
      const worker = fakeWorker(started.length > 0);
      started.push(worker);
      return worker;
    }, 'echo');
    const pending = client.request('echo', { value: 1 });
    const generation = client.generation;
    started[0]!.fail('Uncaught Error: out of memory');
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerStopped);
    expect((error as WorkerStopped).message).toBe('the echo worker stopped (Uncaught Error: out of memory)');
    expect(started[0]!.terminated).toBe(true);
    // what the dead worker held is known to be gone before the next one starts
    expect(client.generation).toBeGreaterThan(generation);
    await expect(client.request('echo', { value: 2 })).resolves.toEqual({ value: 2 });
    expect(started).toHaveLength(2);
  });
});
