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
  localFiles = sharedFetch(env.fetch, (url) => url.startsWith(env.localModelPath));
  env.fetch = localFiles.fetch;
  const wasm = env.backends.onnx.wasm!;
  wasm.numThreads = threads ?? (self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1);
}

export type RuntimeBuild = 'webgpu' | 'wasm-only';

/**
 * Picks ONNX Runtime's wasm build before the first session: the build that can drive WebGPU
 * (asyncify) where there is an adapter, else the plain build, whose WASM kernels run faster (≈ 14%
 * in Chromium here) and which is half the download. ONNX Runtime loads its wasm once per worker.
 */
export function selectRuntimeBuild(build: RuntimeBuild): void {
  if (runtimeSelected) return;
  runtimeSelected = true;
  const wasm = env.backends.onnx.wasm!;
  // env.backends.onnx is a shallow copy of ONNX Runtime's env: mutate the shared wasm object
  const [mjs, binary] = build === 'webgpu' ? [asyncifyMjsUrl, asyncifyWasmUrl] : [plainMjsUrl, plainWasmUrl];
  wasm.wasmPaths = { mjs: new URL(mjs, self.location.href).href, wasm: new URL(binary, self.location.href).href };
}

/** Drops the local model files kept while a model loaded. */
export function forgetLocalFiles(): void {
  localFiles?.forget();
}
