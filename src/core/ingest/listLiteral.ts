// A list written into one cell: JSON ("["a", "b"]") or Python's repr, which is what pandas writes
// for a list column (Ragas' to_csv: "['a', \"b's\"]"). Anything else is not a list.

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** The strings of a list literal, or null when `text` is not one. Numbers are kept as written. */
export function listLiteral(text: string): string[] | null {
  const source = text.trim();
  if (!source.startsWith('[') || !source.endsWith(']')) return null;
  try {
    const parsed = JSON.parse(source) as unknown;
    if (Array.isArray(parsed)) return parsed.map((v) => String(v));
  } catch {
    // not JSON: read it as Python's repr below
  }
  const items: string[] = [];
  let i = 1;
  const skipSpace = () => {
    while (/\s/.test(source[i] ?? '')) i++;
  };
  skipSpace();
  if (source[i] === ']') return i === source.length - 1 ? [] : null;
  for (;;) {
    skipSpace();
    const quote = source[i];
    if (quote === "'" || quote === '"') {
      let item = '';
      for (i++; i < source.length && source[i] !== quote; i++) {
        if (source[i] === '\\' && i + 1 < source.length) item += ESCAPES[source[++i]!] ?? `\\${source[i]}`;
        else item += source[i];
      }
      if (source[i] !== quote) return null;
      i++;
      items.push(item);
    } else {
      const bare = /^[^,\]]+/.exec(source.slice(i))?.[0]?.trim();
      if (!bare || !/^-?[\d.eE+-]+$/.test(bare)) return null;
      i += /^[^,\]]+/.exec(source.slice(i))![0].length;
      items.push(bare);
    }
    skipSpace();
    if (source[i] === ',') {
      i++;
      skipSpace();
      if (source[i] === ']') return i === source.length - 1 ? items : null;
      continue;
    }
    return source[i] === ']' && i === source.length - 1 ? items : null;
  }
}
