// Labelled pairs in the shapes of sentence-transformers' data sets — (anchor, positive),
// (anchor, positive, negative), (sentence1, sentence2, score), (sentence1, sentence2, label 0/1) and
// (text, label) — read from CSV, TSV, JSON Lines or a JSON array. Rows that cannot be used are left
// out and said by line; a file with no usable row, or without the columns of any shape, is refused.
import { InputError } from '../ingest/inputError';
import { fieldsFound, findField, readRecordFile } from '../ingest/recordFile';
import { seededRandom } from '../random';

export type PairFormat = 'triplets' | 'scored pairs' | 'labelled pairs' | 'pairs' | 'classes';

/** One row: texts by their index in `texts`; `other` is the negative of a triplet. */
export interface PairItem {
  line: number;
  first: number;
  second: number;
  negative?: number;
  /** the similarity score of a scored pair, or 1/0 for a labelled pair */
  score?: number;
  /** the class of a text ('classes') */
  group?: string;
}

export interface LabelledPairs {
  format: PairFormat;
  /** each distinct text once */
  texts: string[];
  /** for 'classes': one item per text (first = second = the text) with its class */
  items: PairItem[];
  /** usable rows in the file, before any sampling */
  usable: number;
  notes: string[];
}

const FIRST = ['anchor', 'query', 'sentence1', 'sentence_1', 'text1', 'text_1', 'question', 'premise'];
const SECOND = ['positive', 'pos', 'sentence2', 'sentence_2', 'text2', 'text_2', 'answer', 'passage', 'document', 'hypothesis'];
const NEGATIVE = ['negative', 'neg', 'hard_negative'];
const SCORE = ['score', 'similarity', 'relatedness', 'similarity_score'];
const LABEL = ['label', 'class', 'category', 'is_duplicate', 'is_paraphrase'];
const TEXT = ['text', 'sentence', 'content'];

/** Rows measured at most: beyond, a seeded sample (the note says how many of how many); measuring compares every row with every text. */
export const MAX_PAIR_ROWS = 2_000;
/** STS scores run 0–5 (or 0–1 when normalised); beyond is a mistake in the file. */
const SCORE_RANGE = [0, 5] as const;

const clean = (value: unknown) => (value === undefined || value === null ? '' : String(value).replace(/\s+/g, ' ').trim());

function labelValue(value: unknown): 0 | 1 | null {
  const text = clean(value).toLowerCase();
  if (['1', 'true', 'yes', '1.0'].includes(text)) return 1;
  if (['0', 'false', 'no', '0.0'].includes(text)) return 0;
  return null;
}

/** Reads a labelled-pairs file; throws InputError that names the columns found when no shape fits. */
export function parsePairs(name: string, text: string, maxRows = MAX_PAIR_ROWS): LabelledPairs {
  const file = readRecordFile(name, text);
  const { fields } = file;
  const first = findField(fields, FIRST);
  const second = findField(fields, SECOND);
  const negative = findField(fields, NEGATIVE);
  const score = findField(fields, SCORE);
  const label = findField(fields, LABEL);
  const single = findField(fields, TEXT);
  const format: PairFormat | null =
    first && second ? (negative ? 'triplets' : score ? 'scored pairs' : label ? 'labelled pairs' : 'pairs') : single && label ? 'classes' : null;
  if (!format)
    throw new InputError(
      `it has none of the labelled-pair shapes (the columns found are ${fieldsFound(fields)}): use anchor, positive[, negative]; sentence1, sentence2, score or label; or text, label`,
    );
  const texts: string[] = [];
  const indexOf = new Map<string, number>();
  const intern = (t: string) => {
    let i = indexOf.get(t);
    if (i === undefined) {
      i = texts.length;
      texts.push(t);
      indexOf.set(t, i);
    }
    return i;
  };
  const skipped = new Map<string, number[]>();
  const skip = (why: string, line: number) => skipped.set(why, [...(skipped.get(why) ?? []), line]);
  const items: PairItem[] = [];
  for (const row of file.rows) {
    if (format === 'classes') {
      const t = clean(row.get(single!));
      const c = clean(row.get(label!));
      if (!t || !c) skip(!t ? 'an empty text' : 'no label', row.line);
      else if (!indexOf.has(t)) {
        const i = intern(t);
        items.push({ line: row.line, first: i, second: i, group: c });
      }
      continue;
    }
    const a = clean(row.get(first!));
    const b = clean(row.get(second!));
    if (!a || !b) {
      skip('an empty text', row.line);
      continue;
    }
    const item: PairItem = { line: row.line, first: intern(a), second: intern(b) };
    if (format === 'triplets') {
      const n = clean(row.get(negative!));
      if (!n) {
        skip('no negative', row.line);
        continue;
      }
      item.negative = intern(n);
    } else if (format === 'scored pairs') {
      const raw = clean(row.get(score!));
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) {
        skip('a score that is not a number', row.line);
        continue;
      }
      if (value < SCORE_RANGE[0] || value > SCORE_RANGE[1]) {
        skip(`a score outside ${SCORE_RANGE[0]}–${SCORE_RANGE[1]}`, row.line);
        continue;
      }
      item.score = value;
    } else if (format === 'labelled pairs') {
      const value = labelValue(row.get(label!));
      if (value === null) {
        skip('a label that is not 0 or 1', row.line);
        continue;
      }
      item.score = value;
    }
    items.push(item);
  }
  const notes = [...file.notes];
  const lines = (list: number[]) => `${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`;
  for (const [why, list] of skipped)
    notes.push(`${list.length} ${list.length === 1 ? 'row has' : 'rows have'} ${why} and ${list.length === 1 ? 'was' : 'were'} skipped (line ${lines(list)})`);
  if (items.length === 0) throw new InputError(`it has no usable ${format === 'classes' ? 'text' : 'pair'}${notes.length > 0 ? `: ${notes.join('; ')}` : ''}`);
  const kept = items.length > maxRows ? sample(items, maxRows) : items;
  if (kept.length < items.length)
    notes.push(`${kept.length.toLocaleString('en')} of ${items.length.toLocaleString('en')} rows, drawn at random (seeded), are measured`);
  return compact({ format, texts, items: kept, usable: items.length, notes });
}

/** A seeded sample of `count` items, in file order. */
function sample(items: PairItem[], count: number): PairItem[] {
  const random = seededRandom(7);
  const order = items.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order
    .slice(0, count)
    .sort((x, y) => x - y)
    .map((i) => items[i]!);
}

/** Only the texts the kept items use, renumbered (a sample need not embed what it left out). */
function compact(pairs: LabelledPairs): LabelledPairs {
  const used = new Map<number, number>();
  const texts: string[] = [];
  const renumber = (i: number) => {
    let j = used.get(i);
    if (j === undefined) {
      j = texts.length;
      texts.push(pairs.texts[i]!);
      used.set(i, j);
    }
    return j;
  };
  const items = pairs.items.map((item) => ({
    ...item,
    first: renumber(item.first),
    second: renumber(item.second),
    ...(item.negative !== undefined && { negative: renumber(item.negative) }),
  }));
  return { ...pairs, texts, items };
}
