// A space's true neighbours on a thread of its own, as the app finds space A's in the quality worker
// while space B is made (bench-lab.ts times the two side by side).
import { parentPort, workerData } from 'node:worker_threads';
import { exactKnnSteps } from '../src/core/knn';
import { exactNeighboursAffordable } from '../src/core/lab/overlap';
import { nnDescentSteps } from '../src/core/nnDescent';
import { finish } from '../src/core/steps';

const { data, count, dims, k } = workerData as { data: Float32Array; count: number; dims: number; k: number };
const graph = finish(exactNeighboursAffordable(count, dims) ? exactKnnSteps(data, count, dims, k) : nnDescentSteps(data, count, dims, k));
parentPort!.postMessage({ indices: graph.indices }, [graph.indices.buffer as ArrayBuffer]);
