// transformers.js settings shared by the workers that load models or tokenizers: everything from
// the app's own origin (ONNX Runtime's wasm, the built-in models), other models from the Hub or a mirror.
import { env } from '@huggingface/transformers';
import asyncifyMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import asyncifyWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import plainMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import plainWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { ModelSource } from '../core/models';
import { type SharedFetch, sharedFetch } from './sharedFetch';

export const HUB = 'https://huggingface.co/';

let configured = false;
let localFiles: SharedFetch | null = null;
let runtimeSelected = false;
let threads: number | null = null;

/** Overrides the WASM thread count for models loaded after this call. */
export function setThreads(count: number): void {
  threads = Math.max(1, Math.floor(count));
  if (configured) env.backends.onnx.wasm!.numThreads = threads;
}

/** Points transformers.js at the model's home; the first call also sets the local model path and threads. */
export function configureEnvironment(source: ModelSource): void {
  // built-in models come from this origin; others from the Hub or the chosen mirror
  env.allowRemoteModels = !source.model.builtIn;
  env.allowLocalModels = source.model.builtIn;
  env.remoteHost = source.remoteHost ?? HUB;
  if (configured) return;
  configured = true;
  // a path, not a URL: transformers.js treats http(s) URLs as remote and skips its local lookup
  env.localModelPath = `${import.meta.env.BASE_URL}models/`;
  // ONNX Runtime's files come from this origin: imported from their URL, not copied into a blob:
  // module (which the page's script-src, 'self' only, refuses)
  env.useWasmCache = false;
  // workers start from blob: URLs (startWorker.ts), against which a path resolves to nothing:
  // fetches and cache keys that are paths are read against the app's own address
  const base = env.fetch;
  const fromApp = (input: string | URL, init?: RequestInit) => base(appUrl(input), init);
  localFiles = sharedFetch(fromApp, (url) => url.startsWith(env.localModelPath));
  if (typeof caches !== 'undefined') {
    const opened = caches.open(env.cacheKey);
    env.useCustomCache = true;
    env.customCache = {
      match: async (key: string) => (await opened).match(appUrl(key)),
      put: async (key: string, response: Response) => (await opened).put(appUrl(key), response),
    };
  }
  env.fetch = localFiles.fetch;
  const wasm = env.backends.onnx.wasm!;
  wasm.numThreads = threads ?? (self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1);
}

/** A path (the app's own files) as a full URL on the app's origin; anything else as it is. */
function appUrl(input: string | URL): string | URL {
  return typeof input === 'string' && input.startsWith('/') ? new URL(input, import.meta.url).href : input;
}

export type RuntimeBuild = 'webgpu' | 'wasm-only';

/**
 * Picks ONNX Runtime's wasm build before the first session: the build that can drive WebGPU
 * (asyncify) where there is an adapter, else the plain build, whose WASM kernels run faster (≈ 14%
 * in Chromium here) and which is half the download. The binary is read once for all the model
 * workers (through the Cache API) and handed to ONNX Runtime, which then imports only the small
 * .mjs from this origin (script-src 'self': no blob: copy of it).
 */
export async function selectRuntimeBuild(build: RuntimeBuild): Promise<void> {
  if (runtimeSelected) return;
  runtimeSelected = true;
  const wasm = env.backends.onnx.wasm!;
  // env.backends.onnx is a shallow copy of ONNX Runtime's env: mutate the shared wasm object
  const [mjs, binary] = build === 'webgpu' ? [asyncifyMjsUrl, asyncifyWasmUrl] : [plainMjsUrl, plainWasmUrl];
  const binaryUrl = new URL(binary, import.meta.url).href;
  wasm.wasmPaths = { mjs: new URL(mjs, import.meta.url).href, wasm: binaryUrl };
  wasm.wasmBinary = await runtimeBinary(binaryUrl);
}

/** The runtime's wasm bytes, from the Cache API when another worker fetched them already. */
async function runtimeBinary(url: string): Promise<ArrayBuffer> {
  const cache = typeof caches === 'undefined' ? null : await caches.open('orrery-runtime').catch(() => null);
  const cached = await cache?.match(url);
  if (cached) return cached.arrayBuffer();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`ONNX Runtime's ${url.split('/').pop()} could not be loaded (HTTP ${response.status})`);
  await cache?.put(url, response.clone()).catch(() => undefined);
  return response.arrayBuffer();
}

/** Drops the local model files kept while a model loaded. */
export function forgetLocalFiles(): void {
  localFiles?.forget();
}
