// The visible text of an HTML page: no scripts, styles or markup; block elements end lines;
// headings are kept with their offsets for heading paths.
import type { Heading } from './markdown';

const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object', 'canvas']);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'form',
  'fieldset',
  'address',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'title',
  'body',
  'html',
]);
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  deg: '°',
  euro: '€',
  pound: '£',
  yen: '¥',
  times: '×',
  divide: '÷',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
  ntilde: 'ñ',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function htmlToText(html: string): { text: string; headings: Heading[] } {
  let out = '';
  const headings: Heading[] = [];
  let heading: { level: number; start: number } | null = null;
  const tag = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!doctype[^>]*>|<\/?([a-z][a-z0-9-]*)\b[^>]*>/gi;
  let position = 0;
  const emit = (raw: string) => {
    const text = decodeEntities(raw.replace(/\s+/g, ' '));
    if (!text.trim() && (out.endsWith('\n') || out.endsWith(' ') || out === '')) return;
    out += out.endsWith('\n') || out === '' ? text.trimStart() : text;
  };
  const newline = (blank: boolean) => {
    out = out.replace(/[ \t]+$/, '');
    if (out === '') return;
    if (!out.endsWith('\n')) out += '\n';
    if (blank && !out.endsWith('\n\n')) out += '\n';
  };
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    emit(html.slice(position, m.index));
    position = tag.lastIndex;
    const name = m[1]?.toLowerCase();
    if (!name) continue;
    const closing = m[0][1] === '/';
    if (!closing && HIDDEN.has(name)) {
      // skip to the matching end tag
      const end = new RegExp(`</${name}\\s*>`, 'gi');
      end.lastIndex = position;
      position = end.exec(html) ? end.lastIndex : html.length;
      tag.lastIndex = position;
      continue;
    }
    if (name === 'br') newline(false);
    else if (BLOCK.has(name)) newline(name === 'p' || /^h[1-6]$/.test(name) || name === 'table' || name === 'pre');
    if (/^h[1-6]$/.test(name)) {
      if (!closing) heading = { level: Number(name[1]), start: out.length };
      else if (heading) {
        const title = out.slice(heading.start).trim();
        if (title) headings.push({ start: heading.start, level: heading.level, title });
        heading = null;
      }
    }
    if (name === 'td' || name === 'th') out += closing ? '' : out.endsWith('\n') || out === '' ? '' : '\t';
  }
  emit(html.slice(position));
  return { text: out.trim() === '' ? '' : out.trimEnd(), headings };
}
