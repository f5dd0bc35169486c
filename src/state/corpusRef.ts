// The corpus as the retrieval worker holds it: its vectors and chunk texts, sent once per version.
import type { CorpusRef } from '../workers/retrieve.protocol';
import { shareTexts, shareVectors } from './vectorSync';
import { retrieveClient } from './workers';
import { workspace } from './workspace/data';

/** The corpus as the retrieval worker holds it: vectors and texts, sent once per version. */
export async function corpusRef(signal?: AbortSignal): Promise<CorpusRef> {
  const vectorsId = await shareVectors(retrieveClient, workspace.vectors, workspace.table.texts.length, workspace.dims, signal);
  const textsId = await shareTexts(retrieveClient, workspace.table.texts, signal);
  return { vectorsId, textsId };
}
