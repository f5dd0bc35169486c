/// <reference lib="webworker" />
import { LayoutHost } from './layout';
import type { LayoutEvent, LayoutRequest } from './layout.protocol';

declare const self: DedicatedWorkerGlobalScope;

const host = new LayoutHost((event: LayoutEvent, transfer: Transferable[] = []) => self.postMessage(event, transfer));
self.onmessage = (message: MessageEvent<LayoutRequest>) => void host.handle(message.data);
