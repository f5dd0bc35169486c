// A corpus's content hash: what a share link carries instead of chunks the receiver already holds.
// SHA-256 over the chunk texts, their sources and which source each came from (the rows a view
// names), so two workspaces agree only when every row is the same chunk.
import { toBase64Url } from './bytes';

export interface HashedCorpus {
  sources: readonly string[];
  texts: readonly string[];
  sourceIds: Int32Array;
}

/** 128 bits of SHA-256, base64url (22 characters). */
export async function corpusHash({ sources, texts, sourceIds }: HashedCorpus): Promise<string> {
  const json = JSON.stringify([sources, texts, Array.from(sourceIds)]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json));
  return toBase64Url(new Uint8Array(digest, 0, 16));
}
