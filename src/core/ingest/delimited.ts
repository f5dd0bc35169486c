// CSV and TSV (RFC 4180 quoting) with the line each row starts on, for positions and messages.
import { InputError } from './inputError';

export interface DelimitedTable {
  header: string[];
  rows: string[][];
  /** 1-based line of each row in the file */
  lines: number[];
  /** rows whose number of fields differed from the header (padded or cut to fit) */
  ragged: number;
}

/** `quoting: false` splits on the delimiter alone, as the Embedding Projector reads its TSV files. */
export function parseDelimited(text: string, delimiter: ',' | '\t', { quoting = true } = {}): DelimitedTable {
  const records: string[][] = [];
  const lines: number[] = [];
  const separator = delimiter.charCodeAt(0);
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const rowLine = line;
    const row: string[] = [];
    for (;;) {
      let value: string;
      if (quoting && text.charCodeAt(i) === 34 /* " */) {
        const quoteLine = line;
        let parts = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) throw new InputError(`unbalanced quotes: the quoted field that starts on line ${quoteLine} never ends`);
          parts += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            parts += '"';
            from = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        for (let k = 0; k < parts.length; k++) if (parts.charCodeAt(k) === 10) line++;
        value = parts;
        // tolerate spaces between the closing quote and the delimiter
        while (i < n && text.charCodeAt(i) === 32) i++;
        const next = text.charCodeAt(i);
        if (i < n && next !== separator && next !== 10 && next !== 13) {
          throw new InputError(`unbalanced quotes on line ${line}: text follows a closing quote`);
        }
      } else {
        let end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === separator || c === 10 || c === 13) break;
          end++;
        }
        value = text.slice(i, end);
        i = end;
      }
      row.push(value);
      const c = text.charCodeAt(i);
      if (c === separator) {
        i++;
        continue;
      }
      if (c === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      line++;
      break;
    }
    // skip blank lines
    if (row.length === 1 && row[0] === '') continue;
    records.push(row);
    lines.push(rowLine);
  }
  if (records.length === 0) throw new InputError('the file has no rows');
  const header = records[0]!.map((h, k) => h.trim() || `column ${k + 1}`);
  let ragged = 0;
  const rows = records.slice(1).map((row) => {
    if (row.length === header.length) return row;
    ragged++;
    return header.map((_, k) => row[k] ?? '');
  });
  return { header, rows, lines: lines.slice(1), ragged };
}
