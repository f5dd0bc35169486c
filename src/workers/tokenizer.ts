// The selected model's tokenizer as a token counter, for chunking by tokens.
import { AutoTokenizer } from '@huggingface/transformers';
import type { TokenCounter } from '../core/chunking';
import type { ModelSource } from '../core/models';
import { configureEnvironment } from './transformersEnv';

const loaded = new Map<string, Promise<TokenCounter>>();

export function loadTokenCounter(source: ModelSource): Promise<TokenCounter> {
  const key = `${source.remoteHost ?? ''} ${source.model.id}`;
  let counter = loaded.get(key);
  if (!counter) {
    configureEnvironment(source);
    counter = AutoTokenizer.from_pretrained(source.model.id).then((tokenizer) => (text: string) => tokenizer.encode(text).length);
    counter.catch(() => loaded.delete(key));
    loaded.set(key, counter);
  }
  return counter;
}
