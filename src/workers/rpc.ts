// A small typed RPC over a Web Worker: requests carry an id, events come back with the same id,
// a 'result' settles the call, an 'error' rejects it, aborting sends a 'cancel'.
import { CancelledError } from '../core/batching';

interface Envelope {
  type: string;
  id: number;
}

export interface CancelMessage {
  type: 'cancel';
  id: number;
}

export interface ErrorEvent {
  type: 'error';
  id: number;
  message: string;
  cancelled: boolean;
}

type Handler<Event> = (event: Event) => void;

export class WorkerClient<Request extends Envelope, Event extends Envelope> {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly handlers = new Map<number, Handler<Event | ErrorEvent>>();

  constructor(private readonly create: () => Worker) {}

  /** Starts the worker on first use; a worker that failed is dropped so the next call retries. */
  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.create();
    worker.onmessage = (message: MessageEvent<Event>) => this.handlers.get(message.data.id)?.(message.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.worker = null;
      worker.terminate();
      for (const [id, handler] of this.handlers) {
        handler({ type: 'error', id, message: event.message || 'the worker failed to start', cancelled: false });
      }
    };
    this.worker = worker;
    return worker;
  }

  /** Stops the worker; a later request starts a new one. */
  close(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const [id, handler] of this.handlers) handler({ type: 'error', id, message: 'the worker was stopped', cancelled: false });
  }

  /** A message that expects no reply (pause, resume); dropped if the worker is not running. */
  send(message: Request): void {
    this.worker?.postMessage(message);
  }

  request(
    build: (id: number) => Request,
    transfer: Transferable[],
    onEvent: (event: Event) => void = () => {},
    signal?: AbortSignal,
  ): Promise<Extract<Event, { type: 'result' }>> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const settle = () => {
        this.handlers.delete(id);
        signal?.removeEventListener('abort', onAbort);
      };
      // the worker stops at its next chance; the caller need not wait for it (a download, say)
      const onAbort = () => {
        worker.postMessage({ type: 'cancel', id } satisfies CancelMessage);
        settle();
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.handlers.set(id, (event) => {
        if (event.type === 'result') {
          settle();
          resolve(event as Extract<Event, { type: 'result' }>);
        } else if (event.type === 'error') {
          settle();
          const error = event as ErrorEvent;
          reject(error.cancelled ? new CancelledError() : new Error(error.message));
        } else {
          onEvent(event as Event);
        }
      });
      worker.postMessage(build(id), transfer);
    });
  }
}
