/// <reference lib="webworker" />
import { measureQuality } from './quality';
import type { QualityEvent, QualityRequest } from './quality.protocol';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (message: MessageEvent<QualityRequest>) => {
  const request = message.data;
  if (request.type !== 'quality') return; // one synchronous computation: nothing to cancel mid-way
  try {
    const result = measureQuality(request);
    self.postMessage(result satisfies QualityEvent, [result.recall.buffer]);
  } catch (error) {
    self.postMessage({ type: 'error', id: request.id, message: (error as Error).message, cancelled: false } satisfies QualityEvent);
  }
};
