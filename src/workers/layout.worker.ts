/// <reference lib="webworker" />
import { LayoutHost } from './layout';
import type { LayoutInbox, LayoutOutbox } from './layout.protocol';

declare const self: DedicatedWorkerGlobalScope;

const host = new LayoutHost((message: LayoutOutbox, transfer: Transferable[] = []) => self.postMessage(message, transfer));
self.onmessage = (message: MessageEvent<LayoutInbox>) => void host.handle(message.data);
