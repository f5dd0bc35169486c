import { describe, expect, it } from 'vitest';
import { makePdf } from '../../../e2e/fixtures/formats';
import { chunkDocuments } from '../corpus';
import { type PdfLibrary, pageText, pdfDocument } from './pdfText';

const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfLibrary;

describe('PDF text', () => {
  it('joins items into lines by baseline and end-of-line marks', () => {
    const at = (y: number) => [1, 0, 0, 1, 72, y];
    expect(
      pageText([
        { str: 'Hello', transform: at(700) },
        { str: 'world', transform: at(700), hasEOL: true },
        { str: 'next', transform: at(684) },
        { str: 'line', transform: at(668) },
      ]),
    ).toBe('Hello world\nnext\nline');
  });

  it('reads each page of a PDF into a section that remembers its page', async () => {
    const doc = await pdfDocument(pdfjs, 'r.pdf', makePdf([['Orbits are ellipses.', 'Kepler found them.'], [], ['Tides follow the Moon.']]));
    expect(doc.sections!.map((s) => s.page)).toEqual([1, 3]);
    expect(doc.text).toBe('Orbits are ellipses.\nKepler found them.\n\nTides follow the Moon.');
    expect(doc.note).toMatch(/page 2 had no text layer/);
    const table = chunkDocuments([doc]);
    expect(Array.from(table.pages)).toEqual([1, 3]);
    expect(Array.from(table.lines)).toEqual([1, 1]);
  });

  it('refuses an encrypted PDF and one without a text layer', async () => {
    await expect(pdfDocument(pdfjs, 'e.pdf', makePdf([['secret']], { encrypted: true }))).rejects.toThrow(/encrypted/);
    await expect(pdfDocument(pdfjs, 's.pdf', makePdf([['x'], ['y']], { textless: true }))).rejects.toThrow(/none of its 2 pages has a text layer/);
    await expect(pdfDocument(pdfjs, 'bad.pdf', new TextEncoder().encode('%PDF-1.4 garbage'))).rejects.toThrow(/not a readable PDF/);
  });
});
