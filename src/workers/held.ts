// What a worker holds for the page: the corpus vectors (sent once per corpus version: a
// SharedArrayBuffer when the page is cross-origin isolated, else a copy) and the chunk texts, each
// then named by id in every request about them.

export interface VectorsParams {
  /** names these vectors; a new corpus version has a new id */
  vectorsId: number;
  /** count × dims, row-major */
  vectors: Float32Array;
  count: number;
  dims: number;
}

export type VectorsCall = { params: VectorsParams; result: { held: number } };
export type TextsCall = { params: { textsId: number; texts: string[] }; result: { held: number } };

export class HeldVectors {
  private held: VectorsParams | null = null;

  hold(params: VectorsParams): { held: number } {
    if (params.vectors.length !== params.count * params.dims)
      throw new Error(`${params.vectors.length} numbers are not ${params.count} vectors of ${params.dims}`);
    this.held = { vectorsId: params.vectorsId, vectors: params.vectors, count: params.count, dims: params.dims };
    return { held: params.vectorsId };
  }

  /** The vectors a request names; the page sends them first, so any other id is a bug or a stale request. */
  get(vectorsId: number): VectorsParams {
    if (this.held?.vectorsId !== vectorsId) throw new Error(`vectors ${vectorsId} are not held here (holding ${this.held?.vectorsId ?? 'none'})`);
    return this.held;
  }
}

export class HeldTexts {
  private held: { textsId: number; texts: string[] } | null = null;

  hold(params: TextsCall['params']): { held: number } {
    this.held = { textsId: params.textsId, texts: params.texts };
    return { held: params.textsId };
  }

  get(textsId: number): string[] {
    if (this.held?.textsId !== textsId) throw new Error(`texts ${textsId} are not held here`);
    return this.held.texts;
  }
}

/** The turn of the message loop that a step-wise handler yields to, so that a cancel gets in. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
