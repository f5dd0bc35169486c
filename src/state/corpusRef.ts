// A space as the retrieval worker holds it: its vectors and chunk texts, sent once per version.
import type { CorpusRef } from '../workers/retrieve.protocol';
import { shareTexts, shareVectors } from './vectorSync';
import { retrieveClient } from './workers';
import type { Space } from './workspace/data';
import { activeSpace } from './workspace/spaces';

/** A space (the active one unless named) as the retrieval worker holds it: vectors and texts, sent once per version. */
export async function corpusRef(signal?: AbortSignal, space: Space = activeSpace()): Promise<CorpusRef> {
  const vectorsId = await shareVectors(retrieveClient, space.id, space.vectors, space.table.texts.length, space.dims, signal);
  const textsId = await shareTexts(retrieveClient, space.id, space.table.texts, signal);
  return { vectorsId, textsId };
}
