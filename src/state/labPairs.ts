// The model lab's labelled pairs: the user's pairs, triplets, scored pairs or texts with a class,
// embedded in both spaces and measured by MTEB's measures (core/lab/pairMeasures.ts, in the quality
// worker); a new space B measures the same file again.
import { CancelledError } from '../core/batching';
import { InputError } from '../core/ingest/inputError';
import { parsePairs } from '../core/lab/pairs';
import { embed } from './embedding';
import type { LabComparison, PairsComparison } from './labSlice';
import { vectorsInB } from './labSpace';
import { settle } from './status';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { qualityClient } from './workers';

const store = useOrreryStore;

/** What the notice says of a space's result: its headline measure. */
export function headline(pairs: Pick<PairsComparison, 'format'>, result: PairsComparison['a']): { name: string; value: number } {
  const m = result.measures;
  if (pairs.format === 'triplets') return { name: 'triplet accuracy', value: m.tripletAccuracy! };
  if (pairs.format === 'scored pairs') return { name: 'Spearman correlation', value: m.spearman! };
  if (pairs.format === 'pairs') return { name: 'recall@10', value: m.recall10! };
  return { name: 'average precision', value: m.averagePrecision! };
}

function measure(space: string, pairs: Pick<PairsComparison, 'format' | 'items' | 'texts'>, vectors: Float32Array, signal: AbortSignal) {
  const dims = vectors.length / pairs.texts.length;
  return qualityClient.request('pairs', { space, format: pairs.format, items: pairs.items, vectors, dims }, { signal });
}

/** The file's texts in B and its measures there (A's are kept). */
export async function measurePairsInB(
  lab: Pick<LabComparison, 'run' | 'recipe' | 'space'>,
  pairs: PairsComparison,
  signal: AbortSignal,
): Promise<PairsComparison> {
  store.getState().setStatus('embedding', `Embedding ${pairs.texts.length.toLocaleString('en')} texts of ${pairs.file} in space B`);
  const dimsA = pairs.vectorsA.length / pairs.texts.length;
  const inB = await vectorsInB(lab, pairs.texts, pairs.vectorsA, dimsA, signal, 'passage');
  store.getState().setStatus('querying', `Measuring ${pairs.file} in space B`);
  return { ...pairs, b: await measure(lab.space, pairs, inB, signal) };
}

/** Reads a labelled-pairs file, embeds its texts in both spaces and measures each. */
export function addLabPairs(file: File): Promise<void> {
  return enqueue(async (signal) => {
    const { notify, setStatus } = store.getState();
    const lab = store.getState().lab;
    if (!lab) {
      notify('error', `${file.name}: add space B first; labelled pairs are measured in both spaces.`);
      settle();
      return;
    }
    setStatus('loading', `Reading the labelled pairs ${file.name}`);
    let parsed;
    try {
      parsed = parsePairs(file.name, await file.text());
    } catch (error) {
      if (error instanceof InputError) throw new Error(`${file.name}: ${error.message}.`, { cause: error });
      throw error;
    }
    if (store.getState().importedCount > 0)
      throw new Error(`${file.name}: the chunks came with their own vectors, so no model here can embed these texts like them.`);
    setStatus('embedding', `Embedding ${parsed.texts.length.toLocaleString('en')} texts of ${file.name} in space A`, { done: 0, total: parsed.texts.length });
    const inA = await embed(parsed.texts, 'passage', signal);
    setStatus('querying', `Measuring ${file.name} in space A`);
    const a = await measure('a', parsed, inA.vectors, signal);
    const base = {
      file: file.name,
      format: parsed.format,
      usable: parsed.usable,
      notes: parsed.notes,
      texts: parsed.texts,
      items: parsed.items,
      vectorsA: inA.vectors,
    };
    const pairs = await measurePairsInB(lab, { ...base, a, b: a }, signal);
    if (store.getState().lab !== lab) throw new CancelledError();
    store.setState({ lab: { ...lab, pairs } });
    const ha = headline(pairs, pairs.a);
    const hb = headline(pairs, pairs.b);
    notify(
      'info',
      `${file.name}: ${pairs.items.length.toLocaleString('en')} ${pairs.format}, ${ha.name} ${ha.value.toFixed(3)} in A and ${hb.value.toFixed(3)} in B.${pairs.notes.length > 0 ? ` ${pairs.notes.join('; ')}.` : ''}`,
    );
    settle();
  });
}
