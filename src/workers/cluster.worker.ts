/// <reference lib="webworker" />
import { ClusterHost } from './cluster';
import type { ClusterInbox, ClusterOutbox } from './cluster.protocol';

declare const self: DedicatedWorkerGlobalScope;

const host = new ClusterHost((message: ClusterOutbox, transfer: Transferable[] = []) => self.postMessage(message, transfer));
self.onmessage = (message: MessageEvent<ClusterInbox>) => void host.handle(message.data);
