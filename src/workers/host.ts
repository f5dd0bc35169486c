// The one serve loop of every worker: a protocol's calls are answered by a handler each, found by
// the call's name. Each call gets an AbortSignal that a 'cancel' (or, for calls named in
// `latestOnly`, a newer call of the same name about the same space) aborts; progress goes out through `emit` with the
// call's id; a result is posted under the call it answers, and anything thrown as an error message.
import { type Calls, type CallRequest, type CancelMessage, errorMessage, type ResultMessage, type WorkerInbox, type WorkerOutbox } from './rpc';

/** A result with the buffers it moves to the page (they are unusable here afterwards). */
export class Transferring<R> {
  constructor(
    readonly result: R,
    readonly transfer: Transferable[],
  ) {}
}

/** Shared memory is posted by reference, never moved: it is left out of the list (which would refuse it). */
export const transferring = <R>(result: R, transfer: Transferable[]): Transferring<R> =>
  new Transferring(
    result,
    transfer.filter((item) => !(typeof SharedArrayBuffer !== 'undefined' && item instanceof SharedArrayBuffer)),
  );

type WithoutId<E> = E extends unknown ? Omit<E, 'id'> : never;

/** What a handler knows of its call. */
export interface CallContext<Event> {
  readonly id: number;
  /** aborted by a cancel, or by a newer call of a `latestOnly` kind */
  readonly signal: AbortSignal;
  /** an event for this call (progress, a frame, a download) */
  emit(event: WithoutId<Event>, transfer?: Transferable[]): void;
}

type Answer<R> = R | Transferring<R>;

export type Handlers<C extends Calls, Event = never> = {
  [K in keyof C & string]: (
    request: Extract<CallRequest<C>, { type: K }>,
    call: CallContext<Event>,
  ) => Answer<C[K]['result']> | Promise<Answer<C[K]['result']>>;
};

export interface HostOptions<C extends Calls, Note> {
  /** messages that are not calls (pause, resume) */
  onNote?: (note: Note) => void;
  /** a new call of one of these kinds cancels the running calls of that kind about the same space (a newer layout of a space makes its last one stale) */
  latestOnly?: (keyof C & string)[];
}

export type Post<C extends Calls, Event> = (message: WorkerOutbox<C, Event>, transfer?: Transferable[]) => void;

/** The function that takes each incoming message; it settles when the call's answer is posted. */
export function createHost<C extends Calls, Event extends { type: string; id: number } = never, Note extends { type: string } = never>(
  handlers: Handlers<C, Event>,
  post: Post<C, Event>,
  options: HostOptions<C, Note> = {},
): (message: WorkerInbox<C, Note>) => Promise<void> {
  const running = new Map<number, { call: string; space: string; controller: AbortController }>();
  const latestOnly = new Set<string>(options.latestOnly ?? []);

  return async (message) => {
    if (message.type === 'cancel') {
      running.get((message as CancelMessage).id)?.controller.abort();
      return;
    }
    type AnyHandler = (request: CallRequest<C>, call: CallContext<Event>) => Promise<Answer<C[keyof C]['result']>>;
    const handler = (handlers as unknown as Record<string, AnyHandler | undefined>)[message.type];
    if (!handler || !('id' in message)) {
      options.onNote?.(message as Note);
      return;
    }
    const request = message as CallRequest<C>;
    const { id, type } = request;
    const space = (request as { space?: string }).space ?? '';
    if (latestOnly.has(type)) for (const other of running.values()) if (other.call === type && other.space === space) other.controller.abort();
    const controller = new AbortController();
    running.set(id, { call: type, space, controller });
    const call: CallContext<Event> = {
      id,
      signal: controller.signal,
      emit: (event, transfer = []) => post({ ...event, id } as unknown as Event, transfer),
    };
    try {
      const answer = await handler(request, call);
      const [result, transfer] = answer instanceof Transferring ? [answer.result, answer.transfer] : [answer, []];
      // the handler's type ties this result to its call (Handlers); the name lets the client check it
      post({ type: 'result', id, call: type, result } as ResultMessage<C>, transfer);
    } catch (error) {
      post(errorMessage(id, error));
    } finally {
      running.delete(id);
    }
  };
}

/** Serves a protocol in this worker. */
export function serve<C extends Calls, Event extends { type: string; id: number } = never, Note extends { type: string } = never>(
  handlers: Handlers<C, Event>,
  options: HostOptions<C, Note> = {},
): void {
  const scope = globalThis as unknown as { postMessage(message: unknown, transfer: Transferable[]): void; onmessage: ((message: MessageEvent) => void) | null };
  const handle = createHost<C, Event, Note>(handlers, (message, transfer = []) => scope.postMessage(message, transfer), options);
  scope.onmessage = (message: MessageEvent<WorkerInbox<C, Note>>) => void handle(message.data);
}
