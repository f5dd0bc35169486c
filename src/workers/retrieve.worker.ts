/// <reference lib="webworker" />
import { RetrieveHost } from './retrieve';
import type { RetrieveInbox, RetrieveOutbox } from './retrieve.protocol';

declare const self: DedicatedWorkerGlobalScope;

const host = new RetrieveHost((message: RetrieveOutbox, transfer: Transferable[] = []) => self.postMessage(message, transfer));
self.onmessage = (message: MessageEvent<RetrieveInbox>) => void host.handle(message.data);
