// Query sets for evaluation: CSV, TSV, JSON Lines or a JSON array, one query per row with the
// chunks that should come back, by id or by a text a relevant chunk contains (matched after
// collapsing whitespace). Problems are named by line; rows that cannot be used are left out and said.
import { chunkMetadata, type ChunkTable, type SourceDocument } from '../corpus';
import { InputError } from '../ingest/inputError';
import { fieldsFound, findField, normaliseField, readRecordFile } from '../ingest/recordFile';

export interface QuerySetRow {
  /** 1-based line (or record) in the file */
  line: number;
  query: string;
  ids: string[];
  texts: string[];
}

export interface EvaluationQuery {
  line: number;
  text: string;
  /** chunk rows that count as relevant */
  relevant: number[];
}

const QUERY_COLUMNS = ['query', 'question', 'q', 'prompt', 'input'];
const ID_COLUMNS = ['expected_ids', 'relevant_ids', 'gold_ids', 'chunk_ids', 'expected_id', 'relevant_id', 'gold_id', 'chunk_id'];
const TEXT_COLUMNS = ['expected_text', 'relevant_text', 'gold_text', 'expected', 'answer', 'context', 'reference'];
/** Metadata columns that name a chunk, in order of preference. */
const CHUNK_ID_FIELDS = ['id', 'chunk_id', '_id', 'doc_id', 'uuid'];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  const text = String(value).trim();
  if (text.startsWith('[')) {
    try {
      return listOf(JSON.parse(text));
    } catch {
      // not JSON: split it as a plain list below
    }
  }
  // ids may hold spaces (a source name): lists are separated by | ; , or new lines
  return text
    .split(/[|;,\n]+/)
    .map((id) => id.trim())
    .filter(Boolean);
}

/** The rows of a query set file; throws InputError naming the columns found when it has no query or expectation column. */
export function parseQuerySet(name: string, text: string): { rows: QuerySetRow[]; notes: string[] } {
  const { fields, rows: records, notes } = readRecordFile(name, text);
  const find = (names: string[]) => findField(fields, names);
  const queryColumn = find(QUERY_COLUMNS);
  const idColumn = find(ID_COLUMNS);
  const textColumn = find(TEXT_COLUMNS);
  const found = fieldsFound(fields);
  if (!queryColumn) throw new InputError(`it has no query column (the columns found are ${found}): name one “query” or “question”`);
  if (!idColumn && !textColumn) {
    throw new InputError(
      `it says nothing of the chunks that should come back (the columns found are ${found}): add “expected_ids” (chunk ids) or “expected_text” (a text a relevant chunk contains)`,
    );
  }
  const empty: number[] = [];
  const vague: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const rows: QuerySetRow[] = [];
  for (const record of records) {
    const query = collapse(String(record.get(queryColumn) ?? ''));
    const ids = idColumn ? listOf(record.get(idColumn)) : [];
    const expected = textColumn ? record.get(textColumn) : undefined;
    // texts are not split at spaces: a list holds several, a cell one
    const texts = (Array.isArray(expected) ? expected : [expected])
      .filter((t) => t !== undefined && t !== null)
      .map((t) => collapse(String(t)))
      .filter(Boolean);
    if (!query) {
      empty.push(record.line);
      continue;
    }
    if (ids.length === 0 && texts.length === 0) {
      vague.push(record.line);
      continue;
    }
    const key = JSON.stringify([query, ids, texts]);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    rows.push({ line: record.line, query, ids, texts });
  }
  const lines = (list: number[]) => `${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`;
  if (empty.length > 0)
    notes.push(
      `${empty.length} ${empty.length === 1 ? 'row has' : 'rows have'} an empty query and ${empty.length === 1 ? 'was' : 'were'} skipped (line ${lines(empty)})`,
    );
  if (vague.length > 0)
    notes.push(
      `${vague.length} ${vague.length === 1 ? 'row names' : 'rows name'} no expected chunk and ${vague.length === 1 ? 'was' : 'were'} skipped (line ${lines(vague)})`,
    );
  if (duplicates > 0) notes.push(`${duplicates} duplicate ${duplicates === 1 ? 'row was' : 'rows were'} counted once`);
  if (rows.length === 0) throw new InputError(`it has no usable query${notes.length > 0 ? `: ${notes.join('; ')}` : ''}`);
  return { rows, notes };
}

function idOf(table: ChunkTable, documents: SourceDocument[], row: number, ordinal: number): string {
  const source = table.sourceIds[row]!;
  const metadata = chunkMetadata(documents[source], table.sectionIds[row]!);
  const named = CHUNK_ID_FIELDS.map((f) => metadata.find(([field]) => normaliseField(field) === f)?.[1]).find(Boolean);
  return named ?? `${table.sources[source]}#${ordinal}`;
}

/** Each chunk's id: its row's id column when its table has one, else "source#n" (its n-th chunk, from 1). */
export function chunkIds(table: ChunkTable, documents: SourceDocument[]): string[] {
  const ordinal = new Array<number>(table.sources.length).fill(0);
  return Array.from(table.sourceIds, (source, row) => idOf(table, documents, row, ++ordinal[source]!));
}

/** One chunk's id (see chunkIds). */
export function chunkIdOf(table: ChunkTable, documents: SourceDocument[], row: number): string {
  let ordinal = 0;
  for (let i = 0; i <= row; i++) if (table.sourceIds[i] === table.sourceIds[row]) ordinal++;
  return idOf(table, documents, row, ordinal);
}

/** Rows of the query set matched to chunks; ids and texts that match nothing are said, by line. */
export function resolveQuerySet(rows: QuerySetRow[], ids: readonly string[], texts: readonly string[]): { queries: EvaluationQuery[]; notes: string[] } {
  const byId = new Map<string, number[]>();
  ids.forEach((id, i) => byId.set(id, [...(byId.get(id) ?? []), i]));
  const collapsed = texts.map(collapse);
  const unknownIds: string[] = [];
  const unmatchedTexts: number[] = [];
  const nothing: number[] = [];
  const queries: EvaluationQuery[] = [];
  for (const row of rows) {
    const relevant = new Set<number>();
    for (const id of row.ids) {
      const rowsOfId = byId.get(id);
      if (rowsOfId) rowsOfId.forEach((i) => relevant.add(i));
      else unknownIds.push(`${id} (line ${row.line})`);
    }
    for (const text of row.texts) {
      let matched = false;
      const needle = collapse(text);
      collapsed.forEach((chunk, i) => chunk.includes(needle) && (relevant.add(i), (matched = true)));
      if (!matched) unmatchedTexts.push(row.line);
    }
    if (relevant.size === 0) nothing.push(row.line);
    else queries.push({ line: row.line, text: row.query, relevant: [...relevant].sort((a, b) => a - b) });
  }
  const notes: string[] = [];
  const few = <T>(list: T[]) => `${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`;
  if (unknownIds.length > 0)
    notes.push(`${unknownIds.length} expected ${unknownIds.length === 1 ? 'id is' : 'ids are'} not a chunk of this workspace: ${few(unknownIds)}`);
  if (unmatchedTexts.length > 0) notes.push(`the expected text of line ${few(unmatchedTexts)} is in no chunk`);
  if (nothing.length > 0)
    notes.push(
      `${nothing.length} ${nothing.length === 1 ? 'query has' : 'queries have'} no relevant chunk here and ${nothing.length === 1 ? 'is' : 'are'} left out of the table (line ${few(nothing)})`,
    );
  return { queries, notes };
}
