// A PDF's text, page by page, from the text items pdf.js returns. The pdf.js library is passed in
// so that the browser build and the Node tests each use theirs.
import type { Section, SourceDocument } from '../corpus';
import { InputError } from './inputError';

export interface PdfTextItem {
  str: string;
  hasEOL?: boolean;
  /** [a, b, c, d, x, y] */
  transform?: number[];
}

interface PdfPage {
  getTextContent(): Promise<{ items: unknown[] }>;
  cleanup?(): void;
}

interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}

export interface PdfLibrary {
  getDocument(source: { data: Uint8Array; verbosity?: number; isEvalSupported?: boolean }): { promise: Promise<PdfDocument> };
}

/** Items in reading order to lines: an item that ends a line, or one on another baseline, starts a new line. */
export function pageText(items: PdfTextItem[]): string {
  let text = '';
  let lastY: number | null = null;
  for (const item of items) {
    const y = item.transform?.[5] ?? null;
    if (lastY !== null && y !== null && Math.abs(y - lastY) > 1 && !text.endsWith('\n')) text += '\n';
    else if (text && !text.endsWith('\n') && !text.endsWith(' ') && item.str && !item.str.startsWith(' ')) text += ' ';
    text += item.str;
    if (item.hasEOL) text += '\n';
    if (y !== null) lastY = y;
  }
  return text.replace(/[ \t]+\n/g, '\n').trim();
}

/** One page's text; a damaged page (a broken object, a cut-off stream) is named as such. */
async function readPage(document: PdfDocument, n: number): Promise<string> {
  try {
    const page = await document.getPage(n);
    const text = pageText((await page.getTextContent()).items as PdfTextItem[]);
    page.cleanup?.();
    return text;
  } catch (error) {
    throw new InputError(`page ${n} is damaged and cannot be read (${(error as Error)?.message ?? error})`);
  }
}

export async function pdfDocument(pdf: PdfLibrary, name: string, bytes: Uint8Array, isCancelled: () => boolean = () => false): Promise<SourceDocument> {
  let document: PdfDocument;
  try {
    // pdf.js takes ownership of the buffer it is given
    document = await pdf.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  } catch (error) {
    const kind = (error as Error)?.name;
    if (kind === 'PasswordException') throw new InputError('it is encrypted (password-protected), so its text cannot be read');
    throw new InputError(`not a readable PDF (${(error as Error)?.message ?? error})`);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      if (isCancelled()) throw new InputError('cancelled');
      pages.push(await readPage(document, n));
    }
    const sections: Section[] = [];
    let text = '';
    const empty: number[] = [];
    pages.forEach((pageText, i) => {
      if (!pageText) {
        empty.push(i + 1);
        return;
      }
      if (text) text += '\n\n';
      sections.push({ start: text.length, end: text.length + pageText.length, page: i + 1 });
      text += pageText;
    });
    if (sections.length === 0) throw new InputError(`none of its ${pages.length} pages has a text layer (a scan?): run OCR on it first`);
    const doc: SourceDocument = { name, format: 'pdf', text, sections };
    if (empty.length > 0)
      doc.note = `page${empty.length > 1 ? 's' : ''} ${empty.join(', ')} had no text layer and ${empty.length > 1 ? 'were' : 'was'} skipped`;
    return doc;
  } finally {
    void document.destroy();
  }
}
