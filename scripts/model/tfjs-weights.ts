// Reads the weights of a TF.js graph model (model.json + binary shards) into named Float32Arrays.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
}

interface ModelJson {
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

export interface Weight {
  shape: number[];
  data: Float32Array;
}

export class TfjsWeights {
  private readonly byName = new Map<string, Weight>();

  constructor(dir: string) {
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
    for (const group of model.weightsManifest) {
      const buffer = Buffer.concat(group.paths.map((p) => readFileSync(join(dir, p))));
      let offset = 0;
      for (const spec of group.weights) {
        const count = spec.shape.reduce((a, b) => a * b, 1);
        const bytes = buffer.subarray(offset, offset + count * 4);
        // copy: shard buffers are not 4-byte aligned for every weight
        const aligned = new Uint8Array(bytes).buffer;
        const data = spec.dtype === 'float32' ? new Float32Array(aligned) : Float32Array.from(new Int32Array(aligned));
        this.byName.set(spec.name, { shape: spec.shape, data });
        offset += count * 4;
      }
    }
  }

  /** The one weight whose name ends with `suffix`; throws if none or several match. */
  get(suffix: string): Weight {
    const hits = [...this.byName.entries()].filter(([name]) => name.endsWith(suffix));
    if (hits.length !== 1) throw new Error(`expected one weight ending in ${suffix}, found ${hits.length}`);
    return hits[0]![1];
  }

  scalar(suffix: string): number {
    return this.get(suffix).data[0]!;
  }
}
