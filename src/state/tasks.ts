// The task queue: long steps (adding, re-chunking, querying, switching model) run one after
// another, each with its own cancel signal. A failed or cancelled task leaves the workspace as it
// was: tasks change it only through commitCorpus, at their end.
import { CancelledError } from '../core/batching';
import { WorkerStopped } from '../workers/rpc';
import { cancelLayout } from './layoutActions';
import { settle } from './status';
import { useOrreryStore } from './store';

const store = useOrreryStore;
let queue: Promise<void> = Promise.resolve();
let running: AbortController | null = null;
/** tasks queued or running (window.__orrery.tasks: a test waits for them, not for a "Ready" left from before) */
let inQueue = 0;
export const tasksInQueue = (): number => inQueue;
/** each task's notices form one group on screen */
let group = 0;

/** What a step whose worker stopped says: which step, which worker, and that nothing changed. */
export function stoppedMessage(step: string, error: WorkerStopped): string {
  return `${step.replace(/[.…]+$/, '')}: stopped, because ${error.message}. The workspace is as it was before this step; the next step starts a new ${error.worker} worker.`;
}

export function enqueue(task: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const run = async () => {
    const controller = new AbortController();
    running = controller;
    store.setState({ noticeGroup: ++group });
    try {
      await task(controller.signal);
    } catch (error) {
      const { chunkCount, notify, message } = store.getState();
      if (error instanceof CancelledError) notify('info', `Cancelled. The ${chunkCount} chunks already loaded are kept.`);
      else if (error instanceof WorkerStopped) notify('error', stoppedMessage(message, error));
      else notify('error', (error as Error).message || String(error));
      settle();
    } finally {
      running = null;
      store.setState({ noticeGroup: 0 });
    }
  };
  inQueue++;
  queue = queue.then(run, run).finally(() => void inQueue--);
  return queue;
}

/** Cancels the running task and any layout. */
export function cancelRunning(): void {
  running?.abort();
  cancelLayout();
}
