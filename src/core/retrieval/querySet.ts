// Query sets for evaluation: CSV, TSV, JSON Lines or a JSON array, one query per row with the
// chunks that should come back, by id or by a text a relevant chunk contains (matched after
// collapsing whitespace), optionally graded. Ragas rows are read by their own column names, and what
// their pipeline retrieved becomes a ranking of its own; BEIR's two files are joined in beirQuerySet.
// Problems are named by line; rows that cannot be used are left out and said.
import { chunkMetadata, type ChunkTable, type SourceDocument } from '../corpus';
import { InputError } from '../ingest/inputError';
import { listLiteral } from '../ingest/listLiteral';
import { fieldsFound, findField, normaliseField, readRecordFile } from '../ingest/recordFile';

export interface QuerySetRow {
  /** 1-based line (or record) in the file */
  line: number;
  query: string;
  ids: string[];
  texts: string[];
  /** each id's relevance grade, parallel to `ids` (BEIR's qrels) */
  grades?: number[];
  /** what the user's own pipeline returned, best first (Ragas' retrieved_contexts or retrieved_context_ids) */
  retrieved?: { ids: string[]; texts: string[] };
}

export interface EvaluationQuery {
  line: number;
  text: string;
  /** chunk rows that count as relevant */
  relevant: number[];
  /** each relevant row's grade, parallel to `relevant` (absent: all count 1) */
  grades?: number[];
  /** the chunk rows the user's pipeline returned, best first (−1 where one matched no chunk) */
  retrieved?: number[];
}

const QUERY_COLUMNS = ['query', 'question', 'user_input', 'q', 'prompt', 'input'];
const ID_COLUMNS = ['expected_ids', 'relevant_ids', 'gold_ids', 'reference_context_ids', 'chunk_ids', 'expected_id', 'relevant_id', 'gold_id', 'chunk_id'];
const TEXT_COLUMNS = ['expected_text', 'relevant_text', 'gold_text', 'reference_contexts', 'expected', 'answer', 'context', 'reference'];
const GRADE_COLUMNS = ['expected_grades', 'grades', 'relevance', 'scores'];
const RETRIEVED_ID_COLUMNS = ['retrieved_context_ids', 'retrieved_ids'];
const RETRIEVED_TEXT_COLUMNS = ['retrieved_contexts'];
/** Metadata columns that name a chunk, in order of preference. */
const CHUNK_ID_FIELDS = ['id', 'chunk_id', '_id', 'doc_id', 'uuid'];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  const text = String(value).trim();
  const literal = listLiteral(text);
  if (literal) return listOf(literal);
  // ids may hold spaces (a source name): lists are separated by | ; , or new lines
  return text
    .split(/[|;,\n]+/)
    .map((id) => id.trim())
    .filter(Boolean);
}

/** Expected or retrieved texts: a list holds several, a cell one (texts are not split at commas). */
function textsOf(value: unknown): string[] {
  const literal = typeof value === 'string' ? listLiteral(value) : null;
  return (literal ?? (Array.isArray(value) ? value : [value]))
    .filter((t) => t !== undefined && t !== null)
    .map((t) => collapse(String(t)))
    .filter(Boolean);
}

/** The rows of a query set file; throws InputError naming the columns found when it has no query or expectation column. */
export function parseQuerySet(name: string, text: string): { rows: QuerySetRow[]; notes: string[] } {
  const { fields, rows: records, notes } = readRecordFile(name, text);
  const find = (names: string[]) => findField(fields, names);
  const queryColumn = find(QUERY_COLUMNS);
  const idColumn = find(ID_COLUMNS);
  const textColumn = find(TEXT_COLUMNS);
  const gradeColumn = idColumn && find(GRADE_COLUMNS);
  const retrievedIdColumn = find(RETRIEVED_ID_COLUMNS);
  const retrievedTextColumn = find(RETRIEVED_TEXT_COLUMNS);
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
  const badGrades: number[] = [];
  const rows: QuerySetRow[] = [];
  for (const record of records) {
    const query = collapse(String(record.get(queryColumn) ?? ''));
    const ids = idColumn ? listOf(record.get(idColumn)) : [];
    const expected = textColumn ? record.get(textColumn) : undefined;
    const texts = textsOf(expected);
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
    const row: QuerySetRow = { line: record.line, query, ids, texts };
    if (gradeColumn) {
      const grades = listOf(record.get(gradeColumn)).map(Number);
      if (grades.length === ids.length && grades.every((g) => Number.isFinite(g) && g >= 0)) row.grades = grades;
      else badGrades.push(record.line);
    }
    if (retrievedIdColumn || retrievedTextColumn)
      row.retrieved = {
        ids: retrievedIdColumn ? listOf(record.get(retrievedIdColumn)) : [],
        texts: retrievedTextColumn ? textsOf(record.get(retrievedTextColumn)) : [],
      };
    rows.push(row);
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
  if (badGrades.length > 0)
    notes.push(`the grades of line ${lines(badGrades)} are not one number (≥ 0) per expected id: those queries count every expected chunk 1`);
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

/** Chunks of at least this many characters also match an expected text that holds them whole (a context cut longer than ours). */
const HELD_CHUNK = 40;

/** Rows of the query set matched to chunks (ids exactly; a text to the chunks that hold it or that it holds); what matches nothing is said, by line. */
export function resolveQuerySet(rows: QuerySetRow[], ids: readonly string[], texts: readonly string[]): { queries: EvaluationQuery[]; notes: string[] } {
  const byId = new Map<string, number[]>();
  ids.forEach((id, i) => byId.set(id, [...(byId.get(id) ?? []), i]));
  const collapsed = texts.map(collapse);
  const chunksOfText = (text: string) => {
    const needle = collapse(text);
    const found: number[] = [];
    collapsed.forEach((chunk, i) => (chunk.includes(needle) || (chunk.length >= HELD_CHUNK && needle.includes(chunk))) && found.push(i));
    return found;
  };
  const unknownIds: string[] = [];
  const unmatchedTexts: number[] = [];
  const nothing: number[] = [];
  const queries: EvaluationQuery[] = [];
  for (const row of rows) {
    // the best grade a chunk is given by any expectation that names it
    const relevant = new Map<number, number>();
    const mark = (i: number, grade: number) => relevant.set(i, Math.max(grade, relevant.get(i) ?? 0));
    row.ids.forEach((id, n) => {
      const rowsOfId = byId.get(id);
      if (rowsOfId) rowsOfId.forEach((i) => mark(i, row.grades?.[n] ?? 1));
      else unknownIds.push(`${id} (line ${row.line})`);
    });
    for (const text of row.texts) {
      const found = chunksOfText(text);
      found.forEach((i) => mark(i, 1));
      if (found.length === 0) unmatchedTexts.push(row.line);
    }
    // a grade of 0 is judged not relevant (BEIR's qrels hold such rows)
    const kept = [...relevant].filter(([, grade]) => grade > 0).sort((a, b) => a[0] - b[0]);
    if (kept.length === 0) {
      nothing.push(row.line);
      continue;
    }
    const query: EvaluationQuery = { line: row.line, text: row.query, relevant: kept.map(([i]) => i) };
    if (row.grades) query.grades = kept.map(([, grade]) => grade);
    if (row.retrieved) {
      const order = [...row.retrieved.ids.map((id) => byId.get(id) ?? [-1]), ...row.retrieved.texts.map(chunksOfText)].flat();
      query.retrieved = order.filter((i, n) => i < 0 || order.indexOf(i) === n);
    }
    queries.push(query);
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
