// A file of records the user writes by hand or exports — CSV, TSV, JSON Lines or a JSON array — as
// fields and rows read by column name, each row with its 1-based line; JSON lines that are not an
// object are skipped and said.
import { parseDelimited } from './delimited';
import { jsonLinesTable, jsonTable } from './records';

export interface RecordRow {
  /** 1-based line (or record) in the file */
  line: number;
  get: (field: string) => unknown;
}

export interface RecordFile {
  fields: string[];
  rows: RecordRow[];
  notes: string[];
}

/** A field name compared loosely: "Expected Text", "expected-text" and "expected_text" are one. */
export const normaliseField = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The field whose loose name comes first in `names` (a Ragas row's "reference_contexts" before its "reference" answer). */
export const findField = (fields: string[], names: string[]) =>
  names.map((name) => fields.find((f) => normaliseField(f) === name)).find((f) => f !== undefined);

/** The fields found, for a message that says what the file has ("“a”, “b”" or "none"). */
export const fieldsFound = (fields: string[]) => (fields.length > 0 ? fields.map((f) => `“${f}”`).join(', ') : 'none');

export function readRecordFile(name: string, text: string): RecordFile {
  const lower = name.toLowerCase();
  const notes: string[] = [];
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) {
    const { table, badLines } = lower.endsWith('.json') ? { table: jsonTable(text), badLines: [] } : jsonLinesTable(text);
    if (badLines.length > 0)
      notes.push(
        `${badLines.length} ${badLines.length === 1 ? 'line is' : 'lines are'} not a JSON object and ${badLines.length === 1 ? 'was' : 'were'} skipped (line ${badLines
          .slice(0, 5)
          .map((b) => b.line)
          .join(', ')})`,
      );
    const { fields } = table;
    return { fields, notes, rows: table.rows.map((row, r) => ({ line: table.lines[r]!, get: (field: string) => row[fields.indexOf(field)] })) };
  }
  const parsed = parseDelimited(text, lower.endsWith('.tsv') ? '\t' : ',');
  const fields = parsed.header;
  return { fields, notes, rows: parsed.rows.map((row, r) => ({ line: parsed.lines[r]!, get: (field: string) => row[fields.indexOf(field)] })) };
}
