// BEIR's query sets come as two files: queries.jsonl ({"_id", "text"}) and a qrels file
// (qrels/test.tsv: "query-id, corpus-id, score" with a header, or TREC's "qid 0 docid grade" without
// one). Chosen together they are joined into one JSON Lines query set with graded expected ids, which
// parseQuerySet reads like any other; qrels that name a query the queries file lacks are said and skipped.
import { InputError } from '../ingest/inputError';
import { fieldsFound, normaliseField, readRecordFile } from '../ingest/recordFile';

export interface QuerySetFile {
  name: string;
  text: string;
}

const QUERY_ID_FIELDS = ['_id', 'id', 'query_id', 'qid'];

/** A BEIR queries file: JSON Lines whose records have an id and a text. */
function queriesOf(file: QuerySetFile): Map<string, string> | null {
  if (!/\.(jsonl|ndjson)$/i.test(file.name)) return null;
  const { fields, rows } = readRecordFile(file.name, file.text);
  const id = fields.find((f) => QUERY_ID_FIELDS.includes(normaliseField(f)));
  const text = fields.find((f) => normaliseField(f) === 'text');
  if (!id || !text) return null;
  return new Map(rows.map((row) => [String(row.get(id) ?? '').trim(), String(row.get(text) ?? '').trim()]));
}

interface Judgement {
  query: string;
  chunk: string;
  grade: number;
}

/** A qrels file's judgements, or null when it is not one (its first data line is not "query, chunk, grade"). */
function qrelsOf(file: QuerySetFile): { judgements: Judgement[]; badLines: number[] } | null {
  const lines = file.text.split(/\r?\n/);
  const cells = lines.map((line) => line.trim().split(/\t|\s+/));
  const header = cells[0]?.map(normaliseField) ?? [];
  const headed = header.includes('query_id') || header.includes('corpus_id');
  const judgements: Judgement[] = [];
  const badLines: number[] = [];
  cells.forEach((row, i) => {
    if ((headed && i === 0) || lines[i]!.trim() === '') return;
    // BEIR: query, chunk, grade; TREC: query, iteration, chunk, grade
    const [query, chunk, grade] = row.length === 4 ? [row[0], row[2], row[3]] : row;
    const value = Number(grade);
    if ((row.length === 3 || row.length === 4) && query && chunk && Number.isFinite(value)) judgements.push({ query, chunk, grade: value });
    else badLines.push(i + 1);
  });
  return judgements.length > 0 && badLines.length <= judgements.length ? { judgements, badLines } : null;
}

const few = (list: unknown[]) => `${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`;

/** One query set from the files chosen together: a single file as it is; BEIR's queries and qrels joined. */
export function joinQuerySetFiles(files: QuerySetFile[]): QuerySetFile & { notes: string[] } {
  if (files.length === 0) throw new InputError('no file was chosen');
  const queryFiles = files.map((f) => ({ file: f, queries: queriesOf(f) })).filter((f) => f.queries !== null);
  if (files.length === 1) {
    const [file] = files;
    if (queryFiles.length === 1 && !readRecordFile(file!.name, file!.text).fields.some((f) => /expected|relevant|gold|reference/i.test(f)))
      throw new InputError('it holds BEIR queries (“_id”, “text”) but not which chunks answer them: choose it together with its qrels file (qrels/test.tsv)');
    return { ...file!, notes: [] };
  }
  const qrelFiles = files.filter((f) => !queryFiles.some((q) => q.file === f)).map((f) => ({ file: f, qrels: qrelsOf(f) }));
  const unread = qrelFiles.filter((q) => q.qrels === null).map((q) => q.file.name);
  if (queryFiles.length !== 1 || unread.length > 0 || qrelFiles.length === 0) {
    const fieldsOf = (f: QuerySetFile) => `${f.name} (${fieldsFound(readRecordFile(f.name, f.text).fields)})`;
    throw new InputError(
      `files chosen together are read as BEIR: one queries.jsonl (“_id”, “text”) and its qrels (“query-id”, “corpus-id”, “score”); found ${queryFiles.length} queries ${queryFiles.length === 1 ? 'file' : 'files'}${
        unread.length > 0
          ? ` and ${unread.length === 1 ? 'a file' : 'files'} that ${unread.length === 1 ? 'is' : 'are'} neither: ${files
              .filter((f) => unread.includes(f.name))
              .map(fieldsOf)
              .join('; ')}`
          : ''
      }`,
    );
  }
  const { file: queriesFile, queries } = queryFiles[0]!;
  const byQuery = new Map<string, Judgement[]>();
  const unknown = new Set<string>();
  const notes: string[] = [];
  for (const { file, qrels } of qrelFiles) {
    if (qrels!.badLines.length > 0) notes.push(`${file.name}: line ${few(qrels!.badLines)} is not “query, chunk, grade” and was skipped`);
    for (const judgement of qrels!.judgements) {
      if (!queries!.has(judgement.query)) unknown.add(judgement.query);
      else byQuery.set(judgement.query, [...(byQuery.get(judgement.query) ?? []), judgement]);
    }
  }
  if (unknown.size > 0)
    notes.push(
      `${unknown.size} ${unknown.size === 1 ? 'query id' : 'query ids'} of the qrels ${unknown.size === 1 ? 'is' : 'are'} not in ${queriesFile.name} and skipped: ${few([...unknown])}`,
    );
  // the queries a qrels file judges; BEIR's queries.jsonl holds those of every split
  const lines = [...byQuery].map(([id, judged]) =>
    JSON.stringify({ query_id: id, query: queries!.get(id), expected_ids: judged.map((j) => j.chunk), expected_grades: judged.map((j) => j.grade) }),
  );
  const qrelNames = qrelFiles.map((q) => q.file.name).join(' + ');
  return { name: `${qrelNames} + ${queriesFile.name}`, text: lines.join('\n'), notes };
}
