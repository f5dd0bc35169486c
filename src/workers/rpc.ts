// A small typed RPC over a Web Worker (the worker's side is host.ts). Each protocol declares its
// calls as a map from request type to { params, result }, so a call's result type follows from
// what was asked. Requests carry an id; events come back with the same id; a 'result' names the
// call it answers and settles it, an 'error' rejects it; aborting sends a 'cancel' that the worker
// hears at its next chance.
import { CancelledError } from '../core/batching';
import { InputError } from '../core/ingest/inputError';

/** A protocol's calls: request type → the parameters it takes and the result it answers. */
export type Calls = Record<string, { params: object; result: object }>;

/** The message a call sends: its type, its id and its parameters. */
export type CallRequest<C extends Calls> = { [K in keyof C & string]: { type: K; id: number } & C[K]['params'] }[keyof C & string];

/** The message that settles call K, named so that a result can never settle another call. */
export type ResultMessage<C extends Calls> = { [K in keyof C & string]: { type: 'result'; id: number; call: K; result: C[K]['result'] } }[keyof C & string];

export interface CancelMessage {
  type: 'cancel';
  id: number;
}

export interface ErrorMessage {
  type: 'error';
  id: number;
  message: string;
  cancelled: boolean;
  /** the worker itself stopped (an uncaught error, out of memory, terminated): not the call's own failure */
  stopped?: boolean;
  /** the input was at fault (a damaged file): rethrown as InputError */
  input?: boolean;
}

/** A call that ended because its worker stopped; the next call starts a new worker. */
export class WorkerStopped extends Error {
  override name = 'WorkerStopped';
  constructor(
    readonly worker: string,
    readonly reason: string,
  ) {
    super(`the ${worker} worker stopped (${reason})`);
  }
}

/** Everything a worker may receive: calls, cancels, and the protocol's own notes (pause, resume). */
export type WorkerInbox<C extends Calls, Note = never> = CallRequest<C> | CancelMessage | Note;
/** Everything a worker may send: results, errors and the protocol's events (progress, frames). */
export type WorkerOutbox<C extends Calls, Event = never> = ResultMessage<C> | ErrorMessage | Event;

/** The error message of anything thrown, and whether it was a cancel. */
export function errorMessage(id: number, error: unknown): ErrorMessage {
  const cancelled = error instanceof CancelledError || (error as Error)?.name === 'AbortError';
  const message = cancelled ? 'cancelled' : String((error as Error)?.message ?? error);
  return { type: 'error', id, message, cancelled, ...(error instanceof InputError && { input: true }) };
}

export interface CallOptions<Event> {
  /** buffers moved to the worker (never a SharedArrayBuffer: that is shared by being sent) */
  transfer?: Transferable[];
  onEvent?: (event: Event) => void;
  signal?: AbortSignal;
}

type Handler = (message: { type: string; id: number } | ErrorMessage) => void;

/** What a WorkerClient needs of a worker: a Web Worker, or an in-process stand-in in Node tests. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((message: MessageEvent) => void) | null;
  onerror: ((event: globalThis.ErrorEvent) => void) | null;
}

export class WorkerClient<C extends Calls, Event extends { type: string; id: number } = never, Note extends { type: string } = never> {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly handlers = new Map<number, Handler>();
  /** bumps each time a new worker starts: what an old one held is gone */
  generation = 0;

  constructor(
    private readonly create: () => WorkerLike,
    /** named in the message when the worker stops */
    readonly name = 'background',
  ) {}

  /** Starts the worker on first use; a worker that failed is dropped so the next call starts a fresh one. */
  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.create();
    worker.onmessage = (message: MessageEvent<{ type: string; id: number }>) => this.handlers.get(message.data.id)?.(message.data);
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.worker === worker) {
        this.worker = null;
        // what it held is gone now, not only once the next one starts
        this.generation++;
      }
      worker.terminate();
      this.failAll(event.message || 'it failed to start');
    };
    this.worker = worker;
    this.generation++;
    return worker;
  }

  private failAll(message: string): void {
    for (const [id, handler] of this.handlers) handler({ type: 'error', id, message, cancelled: false, stopped: true } satisfies ErrorMessage);
  }

  /** Stops the worker; its calls fail, and a later request starts a new one. */
  close(reason = 'it was stopped'): void {
    if (this.worker) this.generation++;
    this.worker?.terminate();
    this.worker = null;
    this.failAll(reason);
  }

  /** A message that expects no reply (pause, resume); dropped if the worker is not running. */
  send(note: Note): void {
    this.worker?.postMessage(note);
  }

  /** Sends call `type` and resolves with its result, whose type the protocol's map gives. */
  request<K extends keyof C & string>(type: K, params: C[K]['params'], options: CallOptions<Event> = {}): Promise<C[K]['result']> {
    const { transfer = [], onEvent, signal } = options;
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const done = () => {
        this.handlers.delete(id);
        signal?.removeEventListener('abort', onAbort);
      };
      // the worker stops at its next chance; the caller need not wait for it (a download, say)
      const onAbort = () => {
        worker.postMessage({ type: 'cancel', id } satisfies CancelMessage);
        done();
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.handlers.set(id, (message) => {
        if (message.type === 'result') {
          done();
          const answer = message as ResultMessage<C>;
          if (answer.call === type) resolve(answer.result as C[K]['result']);
          else reject(new Error(`the ${this.name} worker answered ${type} with a result of ${answer.call}`));
        } else if (message.type === 'error') {
          done();
          const error = message as ErrorMessage;
          if (error.cancelled) reject(new CancelledError());
          else if (error.stopped) reject(new WorkerStopped(this.name, error.message));
          else reject(error.input ? new InputError(error.message) : new Error(error.message));
        } else {
          onEvent?.(message as Event);
        }
      });
      worker.postMessage({ ...params, type, id }, transfer);
    });
  }
}
