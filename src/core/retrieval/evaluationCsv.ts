// The evaluation table as CSV (RFC 4180), one row per retriever: what "Download CSV" saves.
import type { QueryScores } from './metrics';

const cell = (value: string | number) => {
  const text = typeof value === 'number' ? value.toFixed(4) : value;
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function evaluationCsv(rows: { name: string; mean: QueryScores }[], queries: number): string {
  const lines = [['retriever', 'queries', 'hit@1', 'hit@3', 'hit@5', 'hit@10', 'MRR', 'nDCG@10']];
  for (const { name, mean } of rows)
    lines.push([name, String(queries), ...[mean.hit1, mean.hit3, mean.hit5, mean.hit10, mean.rr, mean.ndcg10].map((x) => x.toFixed(4))]);
  return `${lines.map((line) => line.map(cell).join(',')).join('\n')}\n`;
}
