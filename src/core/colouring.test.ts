import { describe, expect, it } from 'vitest';
import { columnScale, columnValues, MAX_CATEGORIES, metadataColumns, scaleColour } from './colouring';
import { chunkDocuments } from './corpus';
import { parseFile } from './ingest/files';

const csv = (text: string) => parseFile('mail.csv', new TextEncoder().encode(text));

describe('metadata columns', () => {
  it("reads each chunk's value of a CSV column and sorts it into categories", async () => {
    const { documents } = await csv('text,label,score\n"win money now",spam,0.9\n"lunch at noon?",ham,\n"free prize",spam,NaN\n');
    const table = chunkDocuments(documents);
    expect(metadataColumns(documents)).toEqual(['label', 'score']);
    const labels = columnValues(documents, table, 'label');
    expect(labels).toEqual(['spam', 'ham', 'spam']);
    const scale = columnScale(labels);
    expect(scale.kind === 'categorical' && scale.categories).toEqual([
      { name: 'spam', count: 2 },
      { name: 'ham', count: 1 },
    ]);
    expect(scale.kind === 'categorical' && [...scale.groups]).toEqual([0, 1, 0]);
  });

  it('a numeric column gets a scale with its range; NaN and empty cells have no value', () => {
    const values = [...Array.from({ length: 30 }, (_, i) => String(i * 1.5)), '', 'NaN', 'nan'];
    const scale = columnScale(values);
    expect(scale.kind).toBe('numeric');
    if (scale.kind !== 'numeric') return;
    expect([scale.min, scale.max, scale.missing]).toEqual([0, 43.5, 3]);
    expect(Number.isNaN(scale.values[31]!)).toBe(true);
    expect(scaleColour(NaN)).not.toEqual(scaleColour(0));
  });

  it('many values: the largest categories and "other"; far too many: not coloured', () => {
    const some = Array.from({ length: 100 }, (_, i) => `v${i % 40}`);
    const scale = columnScale(some);
    expect(scale.kind === 'categorical' && scale.categories.length).toBe(MAX_CATEGORIES - 1);
    expect(scale.kind === 'categorical' && scale.other).toBe(100 - (MAX_CATEGORIES - 1) * 3);
    const ids = Array.from({ length: 50_000 }, (_, i) => `id-${i}`);
    expect(columnScale(ids)).toEqual({ kind: 'too-many', distinct: 50_000, missing: 0 });
  });
});
