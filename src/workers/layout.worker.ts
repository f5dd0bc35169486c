/// <reference lib="webworker" />
import { computeLayout } from './layout';
import type { LayoutEvent, LayoutRequest } from './layout.protocol';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (message: MessageEvent<LayoutRequest>) => {
  const request = message.data;
  if (request.type !== 'layout') return; // PCA runs in one synchronous step: nothing to cancel mid-way
  try {
    const result = computeLayout(request);
    self.postMessage(result satisfies LayoutEvent, [result.coords.buffer]);
  } catch (error) {
    self.postMessage({ type: 'error', id: request.id, message: String((error as Error).message ?? error), cancelled: false } satisfies LayoutEvent);
  }
};
