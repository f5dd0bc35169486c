// The corpus vectors a worker holds: sent once per corpus (a SharedArrayBuffer when the page is
// cross-origin isolated, else a copy), then named by id in every layout or quality request.

export interface VectorsParams {
  /** names these vectors; a new corpus version has a new id */
  vectorsId: number;
  /** count × dims, row-major */
  vectors: Float32Array;
  count: number;
  dims: number;
}

export type VectorsCall = { params: VectorsParams; result: { held: number } };

export class HeldVectors {
  private held: VectorsParams | null = null;

  hold(params: VectorsParams): { held: number } {
    if (params.vectors.length !== params.count * params.dims)
      throw new Error(`${params.vectors.length} numbers are not ${params.count} vectors of ${params.dims}`);
    this.held = params;
    return { held: params.vectorsId };
  }

  /** The vectors a request names; the page sends them first, so any other id is a bug or a stale request. */
  get(vectorsId: number): VectorsParams {
    if (this.held?.vectorsId !== vectorsId) throw new Error(`vectors ${vectorsId} are not held here (holding ${this.held?.vectorsId ?? 'none'})`);
    return this.held;
  }
}
