import { describe, expect, it } from 'vitest';
import { CancelledError } from '../core/batching';
import { InputError } from '../core/ingest/inputError';
import { createHost, type Handlers } from './host';
import { type CallRequest, WorkerClient, type WorkerLike } from './rpc';

type Calls = {
  double: { params: { value: number }; result: { doubled: number } };
  wait: { params: { ms: number; space?: string }; result: { waited: number } };
  refuse: { params: { input: boolean }; result: object };
};
type Tick = { type: 'tick'; id: number; n: number };
type Note = { type: 'louder' };

/** A host with a handler per call; `wait` emits ticks until its signal aborts or its time is up. */
function testHost() {
  const posted: unknown[] = [];
  const notes: Note[] = [];
  const handle = createHost<Calls, Tick, Note>(
    {
      double: (request) => ({ doubled: request.value * 2 }),
      wait: async (request, call) => {
        for (let n = 0; n * 5 < request.ms; n++) {
          if (call.signal.aborted) throw new CancelledError();
          call.emit({ type: 'tick', n });
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        return { waited: request.ms };
      },
      refuse: (request) => {
        throw request.input ? new InputError('the file is cut short') : new Error('a bug');
      },
    },
    (message) => posted.push(message),
    { onNote: (note) => notes.push(note), latestOnly: ['wait'] },
  );
  return { handle, posted, notes };
}

describe('the worker host', () => {
  it('answers each call by its handler, naming the call the result belongs to', async () => {
    const { handle, posted } = testHost();
    await handle({ type: 'double', id: 1, value: 21 });
    expect(posted).toEqual([{ type: 'result', id: 1, call: 'double', result: { doubled: 42 } }]);
  });

  it('a newer latest-only call about another space leaves the running one alone', async () => {
    const { handle, posted } = testHost();
    const ofA = handle({ type: 'wait', id: 1, ms: 60, space: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 12));
    const ofB = handle({ type: 'wait', id: 2, ms: 20, space: 'b' });
    await Promise.all([ofA, ofB]);
    expect(posted).toContainEqual({ type: 'result', id: 1, call: 'wait', result: { waited: 60 } });
    expect(posted).toContainEqual({ type: 'result', id: 2, call: 'wait', result: { waited: 20 } });
    // a newer call about space a does cancel the older one
    const again = handle({ type: 'wait', id: 3, ms: 1000, space: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 12));
    await handle({ type: 'wait', id: 4, ms: 10, space: 'a' });
    await again;
    expect(posted).toContainEqual(expect.objectContaining({ type: 'error', id: 3, cancelled: true }));
  });

  it('a cancel aborts the call’s signal; a newer call of a latest-only kind cancels the older one', async () => {
    const { handle, posted } = testHost();
    const first = handle({ type: 'wait', id: 1, ms: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 12));
    const second = handle({ type: 'wait', id: 2, ms: 20 });
    await first;
    expect(posted).toContainEqual(expect.objectContaining({ type: 'error', id: 1, cancelled: true }));
    await second;
    const third = handle({ type: 'wait', id: 3, ms: 1000 });
    await handle({ type: 'cancel', id: 3 });
    await third;
    expect(posted).toContainEqual({ type: 'result', id: 2, call: 'wait', result: { waited: 20 } });
    expect(posted).toContainEqual(expect.objectContaining({ type: 'error', id: 3, cancelled: true }));
    // events carry their call's id
    expect(posted.filter((m) => (m as Tick).type === 'tick').every((m) => [1, 2, 3].includes((m as Tick).id))).toBe(true);
  });

  it('posts errors (the input’s fault marked as such) and passes messages that are not calls to onNote', async () => {
    const { handle, posted, notes } = testHost();
    await handle({ type: 'refuse', id: 4, input: true });
    await handle({ type: 'refuse', id: 5, input: false });
    await handle({ type: 'louder' });
    expect(posted).toEqual([
      { type: 'error', id: 4, message: 'the file is cut short', cancelled: false, input: true },
      { type: 'error', id: 5, message: 'a bug', cancelled: false },
    ]);
    expect(notes).toEqual([{ type: 'louder' }]);
  });
});

describe('the worker client with the host', () => {
  /** A client whose worker is a host in this process; `answer` may rewrite what the host posts. */
  function clientOf(handlers: Handlers<Calls, Tick>, answer = (message: { type: string }) => message) {
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      terminate: () => {},
      postMessage: (message) => void handle(structuredClone(message) as CallRequest<Calls>),
    };
    const handle = createHost<Calls, Tick>(handlers, (message) => setTimeout(() => worker.onmessage?.({ data: answer(message) } as MessageEvent)));
    return new WorkerClient<Calls, Tick>(() => worker, 'test');
  }
  const handlers: Handlers<Calls, Tick> = {
    double: (r) => ({ doubled: r.value * 2 }),
    wait: (r) => ({ waited: r.ms }),
    refuse: () => {
      throw new InputError('row 3 has 2 values, not 4');
    },
  };

  it('resolves with the result of the call it asked, and refuses a result that names another call', async () => {
    await expect(clientOf(handlers).request('double', { value: 4 })).resolves.toEqual({ doubled: 8 });
    const misrouted = clientOf(handlers, (message) => (message.type === 'result' ? { ...message, call: 'wait' } : message));
    await expect(misrouted.request('double', { value: 4 })).rejects.toThrow('the test worker answered double with a result of wait');
  });

  it('rethrows an input error as InputError, and a cancel as CancelledError', async () => {
    await expect(clientOf(handlers).request('refuse', { input: true })).rejects.toBeInstanceOf(InputError);
    const controller = new AbortController();
    const waiting = clientOf({ ...handlers, wait: () => new Promise(() => {}) }).request('wait', { ms: 1 }, { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
  });
});
