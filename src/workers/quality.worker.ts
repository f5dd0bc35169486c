/// <reference lib="webworker" />
import { QualityHost } from './quality';
import type { QualityInbox, QualityOutbox } from './quality.protocol';

declare const self: DedicatedWorkerGlobalScope;

const host = new QualityHost((message: QualityOutbox, transfer: Transferable[] = []) => self.postMessage(message, transfer));
self.onmessage = (message: MessageEvent<QualityInbox>) => void host.handle(message.data);
