import type { VectorRows } from '../core/vectors';
// What a worker holds for the page: each space's vectors (sent once per version of the space: a
// SharedArrayBuffer when the page is cross-origin isolated, else a copy) and chunk texts, each then
// named by id in every request about them. A new version of a space replaces the one held.

export interface VectorsParams {
  /** the space they are of (a space's newer vectors replace its older ones) */
  space: string;
  /** names these vectors; a new version of the space has a new id */
  vectorsId: number;
  /** count × dims, row-major */
  vectors: VectorRows;
  count: number;
  dims: number;
}

export type VectorsCall = { params: VectorsParams; result: { held: number } };
export type TextsCall = { params: { space: string; textsId: number; texts: string[] }; result: { held: number } };

/** One item per space, found by the id the page gave it. */
class HeldBySpace<T extends { space: string }> {
  private readonly held = new Map<string, T & { id: number }>();

  constructor(private readonly what: string) {}

  protected put(id: number, item: T): void {
    this.held.set(item.space, { ...item, id });
  }

  /** What is held of a space, if anything. */
  of(space: string): T | undefined {
    return this.held.get(space);
  }

  /** What a request names; the page sends it first, so any other id is a bug or a stale request. */
  protected find(id: number): T {
    for (const item of this.held.values()) if (item.id === id) return item;
    const holding = [...this.held.values()].map((item) => `${item.id} of space ${item.space}`).join(', ') || 'none';
    throw new Error(`${this.what} ${id} are not held here (holding ${holding})`);
  }
}

export class HeldVectors extends HeldBySpace<VectorsParams> {
  constructor() {
    super('vectors');
  }

  hold(params: VectorsParams): { held: number } {
    if (params.vectors.length !== params.count * params.dims)
      throw new Error(`${params.vectors.length} numbers are not ${params.count} vectors of ${params.dims}`);
    const { space, vectorsId, vectors, count, dims } = params;
    this.put(vectorsId, { space, vectorsId, vectors, count, dims });
    return { held: vectorsId };
  }

  get(vectorsId: number): VectorsParams {
    return this.find(vectorsId);
  }
}

export class HeldTexts extends HeldBySpace<TextsCall['params']> {
  constructor() {
    super('texts');
  }

  hold(params: TextsCall['params']): { held: number } {
    this.put(params.textsId, params);
    return { held: params.textsId };
  }

  get(textsId: number): string[] {
    return this.find(textsId).texts;
  }
}

/** The turn of the message loop that a step-wise handler yields to, so that a cancel gets in. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
