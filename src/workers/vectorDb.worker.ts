/// <reference lib="webworker" />
import { VectorDbHost } from './vectorDb';
import type { VectorDbInbox, VectorDbOutbox } from './vectorDb.protocol';

declare const self: DedicatedWorkerGlobalScope;

const host = new VectorDbHost((message: VectorDbOutbox, transfer: Transferable[] = []) => self.postMessage(message, transfer));
self.onmessage = (message: MessageEvent<VectorDbInbox>) => void host.handle(message.data);
