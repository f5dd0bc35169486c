// Real labelled corpora for `npm run bench:clusters`, built offline from what this machine holds
// (none is the demo, none is synthetic): Debian's package descriptions by archive section, manual
// pages by section, and the docstrings of Python's standard library by package.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { seededRandom } from '../src/core/random';

export interface LabelledCorpus {
  name: string;
  texts: string[];
  /** label of each text, 0..classes−1 */
  labels: Int32Array;
  classes: string[];
}

/** Up to `per` items of each class, drawn with a fixed seed, in class order. */
function sample(name: string, byClass: Map<string, string[]>, per: number): LabelledCorpus {
  const random = seededRandom(11);
  const classes = [...byClass.keys()];
  const texts: string[] = [];
  const labels: number[] = [];
  classes.forEach((c, label) => {
    const items = [...new Set(byClass.get(c))];
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    for (const text of items.slice(0, per)) {
      texts.push(text);
      labels.push(label);
    }
  });
  return { name, texts, labels: Int32Array.from(labels), classes };
}

const DEBIAN_SECTIONS = ['games', 'fonts', 'sound', 'mail', 'database', 'editors', 'graphics', 'math'];

/** Package descriptions (the synopsis and the first paragraph) of eight Debian archive sections; libraries, documentation and debug packages left out. */
export function debianPackages(per = 150, sections: string[] | 'all' = DEBIAN_SECTIONS): LabelledCorpus {
  const dump = execFileSync('apt-cache', ['dumpavail'], { maxBuffer: 1 << 30 }).toString('utf8');
  const byClass = new Map(sections === 'all' ? [] : sections.map((s) => [s, [] as string[]]));
  for (const stanza of dump.split('\n\n')) {
    const section = /^Section: (?:\w+\/)?(\S+)$/m.exec(stanza)?.[1];
    const name = /^Package: (\S+)$/m.exec(stanza)?.[1] ?? '';
    const description = /^Description(?:-en)?: (.*)\n((?: .*\n?)*)/m.exec(stanza);
    if (section && sections === 'all' && !byClass.has(section)) byClass.set(section, []);
    if (!section || !byClass.has(section) || !description || /-(dev|doc|dbg|dbgsym|data|common)$|^lib/.test(name)) continue;
    const body = description[2]!.split('\n .')[0]!.replace(/\s+/g, ' ').trim();
    byClass.get(section)!.push(`${description[1]!.trim()}. ${body}`.slice(0, 600));
  }
  return sample(`Debian package descriptions (${byClass.size} sections)`, byClass, per);
}

const MAN_SECTIONS: [string, RegExp][] = [
  ['system calls (2)', /^man2$/],
  ['Perl modules (3pm)', /^man3$/],
  ['file formats (5)', /^man5$/],
  ['administration (8)', /^man8$/],
  ['OpenSSL commands (1ssl)', /^man1$/],
];

/** A manual page's name line and the start of its description, without troff markup. */
function manText(source: string): string {
  const plain = source
    .split('\n')
    .map((line) => (line.startsWith('.') ? line.replace(/^\.(SH|SS|B|I|BR|BI|IR|RB|RI|IB|SM|SB)\s+/, '').replace(/^\..*/, '') : line))
    .join('\n')
    .replace(/\\f[BIRP]|\\f\(..|\\s[-+]?\d/g, '')
    .replace(/\\\(.{2}|\\\*\(..|\\\*.|\\&|\\e/g, '')
    .replace(/\\-/g, '-')
    .replace(/\\(.)/g, '$1')
    .replace(/"/g, '');
  const name = /^NAME\s*\n([^\n]*)/m.exec(plain)?.[1] ?? '';
  const description = /^DESCRIPTION\s*\n([\s\S]*)/m.exec(plain)?.[1] ?? '';
  return `${name} ${description}`.replace(/\s+/g, ' ').trim().slice(0, 600);
}

/** Manual pages of five kinds: system calls, Perl modules, file formats, administration commands and OpenSSL's commands. */
export function manualPages(per = 150): LabelledCorpus {
  const root = '/usr/share/man';
  const byClass = new Map(MAN_SECTIONS.map(([label]) => [label, [] as string[]]));
  for (const [label, dir] of MAN_SECTIONS) {
    const folder = readdirSync(root).find((d) => dir.test(d))!;
    const suffix = label.includes('3pm') ? /\.3(pm|perl)\.gz$/ : label.includes('1ssl') ? /\.1ssl\.gz$/ : /\.\d\.gz$/;
    for (const file of readdirSync(join(root, folder)).filter((f) => suffix.test(f))) {
      const text = manText(gunzipSync(readFileSync(join(root, folder, file))).toString('utf8'));
      if (text.length >= 80) byClass.get(label)!.push(text);
    }
  }
  return sample('manual pages (5 kinds)', byClass, per);
}

const PYTHON_PACKAGES = ['asyncio', 'email', 'xml', 'unittest', 'http', 'logging', 'tkinter', 'multiprocessing'];

/** Docstrings (first paragraph) of public classes, functions and methods of eight standard-library packages. */
export function pythonDocstrings(per = 150): LabelledCorpus {
  const out = execFileSync('/usr/bin/python3', ['bench/python_docstrings.py', PYTHON_PACKAGES.join(','), String(per * 2)], { maxBuffer: 1 << 28 }).toString();
  const byClass = new Map(PYTHON_PACKAGES.map((p) => [p, [] as string[]]));
  for (const line of out.trim().split('\n')) {
    const { text, label } = JSON.parse(line) as { text: string; label: string };
    byClass.get(label)!.push(text);
  }
  return sample('Python standard library docstrings (8 packages)', byClass, per);
}
