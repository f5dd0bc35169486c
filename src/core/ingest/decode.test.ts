import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { decodeEntities, htmlToText } from './html';
import { headingPaths, markdownHeadings } from './markdown';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(new TextEncoder().encode('héllo 世界')).text).toBe('héllo 世界');
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x68, 0x69))).toEqual({ text: 'hi' });
  });

  it('reads UTF-16 from its byte-order mark and says so', () => {
    const le = decodeText(bytes(0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00, 0x16, 0x4e));
    expect(le.text).toBe('hé世');
    expect(le.note).toMatch(/UTF-16/);
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x68, 0x00, 0x69)).text).toBe('hi');
  });

  it('falls back to Latin-1 when the bytes are not UTF-8', () => {
    const decoded = decodeText(bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65));
    expect(decoded.text).toBe('café naïve');
    expect(decoded.note).toMatch(/Latin-1/);
  });

  it('refuses binary data and empty text', () => {
    expect(() => decodeText(bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01))).toThrow(/binary/);
    expect(() => decodeText(bytes(0x20, 0x0a, 0x09))).toThrow(/empty/);
  });
});

describe('htmlToText', () => {
  it('keeps visible text only, one block per line, with entities decoded', () => {
    const html = `<!doctype html><html><head><title>T</title><style>p{color:red}</style></head>
      <body><script>var x = "<p>hidden</p>";</script><h1>Guide &amp; notes</h1><p>First&nbsp;para <b>bold</b>.</p>
      <!-- a comment --><ul><li>one</li><li>two</li></ul><noscript>no</noscript><p>caf&eacute; &#x1F680; &#169;</p></body></html>`;
    const { text, headings } = htmlToText(html);
    expect(text).toBe('Guide & notes\n\nFirst\u00a0para bold.\n\none\ntwo\n\ncafé 🚀 ©');
    expect(text).not.toMatch(/hidden|color|no$/);
    expect(headings).toEqual([{ start: 0, level: 1, title: 'Guide & notes' }]);
  });

  it('leaves unknown entities as they are', () => {
    expect(decodeEntities('&bogus; &lt;a&gt;')).toBe('&bogus; <a>');
  });
});

describe('markdown headings', () => {
  it('finds ATX headings outside code fences, with their paths', () => {
    const text = '# Guide\nintro\n## Install\n```sh\n# not a heading\n```\nsteps\n## Use\nmore\n# Other\nend';
    const headings = markdownHeadings(text);
    expect(headings.map((h) => [h.level, h.title])).toEqual([
      [1, 'Guide'],
      [2, 'Install'],
      [2, 'Use'],
      [1, 'Other'],
    ]);
    expect(headings[1]!.start).toBe(text.indexOf('## Install'));
    const paths = headingPaths(headings, [0, text.indexOf('steps'), text.indexOf('more'), text.indexOf('end')]);
    expect(paths).toEqual(['Guide', 'Guide › Install', 'Guide › Use', 'Other']);
  });
});
