// The model catalogue: what each model needs for its vectors to mean what they should.
import type { Pooling } from './pooling';

export interface ModelEntry {
  id: string;
  label: string;
  dims: number;
  pooling: Pooling;
  normalize: boolean;
  queryPrefix: string;
  passagePrefix: string;
  maxTokens: number;
  languages: string[];
  sizeMB: number;
  licence: string;
  /** built into the app (served from its own origin) rather than downloaded */
  builtIn: boolean;
}

export const BUILTIN_MODEL: ModelEntry = {
  id: 'orrery/use-lite-en',
  label: 'Universal Sentence Encoder lite (built in)',
  dims: 512,
  pooling: 'model',
  normalize: true,
  queryPrefix: '',
  passagePrefix: '',
  maxTokens: 128,
  languages: ['en'],
  sizeMB: 7.1,
  licence: 'Apache-2.0',
  builtIn: true,
};

export const MODEL_CATALOGUE: ModelEntry[] = [BUILTIN_MODEL];

export function withPrefix(model: ModelEntry, purpose: 'query' | 'passage', text: string): string {
  return (purpose === 'query' ? model.queryPrefix : model.passagePrefix) + text;
}
