// What WebGPU this browser offers, and so which backends a model may run on.
import type { Backend, ModelSource } from '../core/models';

export type Adapter = 'hardware' | 'software' | 'none';
let adapterCheck: Promise<Adapter> | null = null;

/** The WebGPU adapter of this worker's browser, asked once per worker. */
export function webGpuAdapter(): Promise<Adapter> {
  adapterCheck ??= (async () => {
    type GpuAdapter = { info?: { isFallbackAdapter?: boolean } };
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapter | null> } }).gpu;
    if (!gpu) return 'none';
    try {
      const adapter = await gpu.requestAdapter();
      if (!adapter) return 'none';
      return adapter.info?.isFallbackAdapter ? 'software' : 'hardware';
    } catch {
      return 'none';
    }
  })();
  return adapterCheck;
}

/** The backends to try for a source, best first: its own choice, else WebGPU (on a GPU) then WASM. */
export async function candidateBackends(source: ModelSource): Promise<Backend[]> {
  if (source.backend) return [source.backend];
  // a software adapter (SwiftShader) runs on the same CPU as WASM, far slower: only by choice
  return (await webGpuAdapter()) === 'hardware' ? ['webgpu', 'wasm'] : ['wasm'];
}
