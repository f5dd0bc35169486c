/// <reference lib="webworker" />
import { embedHandlers } from './embed';
import type { EmbedCalls, EmbedEvent } from './embed.protocol';
import { candidateBackends } from './gpu';
import { serve } from './host';
import { clearStore, persistentVectors, STORES } from './idb';
import { getModel, isLoaded, setModelWorkers } from './modelPool';
import { speedTest } from './speedTest';

/** A macrotask turn, so that 'cancel' messages get in (setTimeout would be clamped to 4 ms). */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

serve<EmbedCalls, EmbedEvent>(
  embedHandlers({
    getModel,
    isLoaded,
    setModelWorkers,
    candidateBackends,
    speedTest,
    persistent: persistentVectors,
    clearPersistent: () => clearStore(STORES.embeddings),
    yieldTurn: yieldToMessages,
  }),
);
