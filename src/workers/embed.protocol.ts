import type { CancelMessage, ErrorEvent } from './rpc';

export type Purpose = 'passage' | 'query';
export type Backend = 'webgpu' | 'wasm';

export type EmbedRequest =
  | { type: 'embed'; id: number; modelId: string; texts: string[]; purpose: Purpose }
  | CancelMessage;

export type EmbedEvent =
  | { type: 'status'; id: number; message: string }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; vectors: Float32Array; dims: number; backend: Backend; truncated: number }
  | ErrorEvent;
