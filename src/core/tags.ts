// Tags the user gives chunks ("duplicate", "bad chunk", "off-topic" or their own words): kept as
// the rows each tag holds, read per row for charts, colours and exports, and used to export a
// cleaned corpus (without the tagged chunks) or only the tagged ones.

export const TAG_PRESETS = ['duplicate', 'bad chunk', 'off-topic'] as const;
/** a tag is a label, not a note: longer names are refused with a message */
export const MAX_TAG_LENGTH = 60;
/** the row value of a chunk with no tag, in charts */
export const UNTAGGED = 'untagged';
/** tags of one row are joined with this in a chart's labels */
export const TAG_SEPARATOR = '\u0001';

/** the chart (and filter) of the user's tags in the Columns panel, named apart from any metadata column "tags" */
export const TAGS_COLUMN = 'your tags';

/** tag name → the rows (ascending) that carry it */
export type Tags = Record<string, number[]>;

/** A tag name from what was typed (spaces collapsed), or the problem with it. */
export function tagName(raw: string): { name: string } | { problem: string } {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) return { problem: 'a tag needs a name' };
  if (name.length > MAX_TAG_LENGTH) return { problem: `a tag name is at most ${MAX_TAG_LENGTH} characters; this one has ${name.length.toLocaleString('en')}` };
  if (name === UNTAGGED || name.includes(TAG_SEPARATOR)) return { problem: `“${name.slice(0, 20)}” cannot be a tag name` };
  return { name };
}

export function withTag(tags: Tags, name: string, rows: readonly number[]): Tags {
  const merged = [...new Set([...(tags[name] ?? []), ...rows])].sort((a, b) => a - b);
  return { ...tags, [name]: merged };
}

export function withoutTag(tags: Tags, name: string): Tags {
  const { [name]: _gone, ...rest } = tags;
  return rest;
}

/** Each tag with how many chunks carry it, most first. */
export const tagCounts = (tags: Tags): { name: string; count: number }[] =>
  Object.entries(tags)
    .map(([name, rows]) => ({ name, count: rows.length }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));

/** The tags of each of `count` rows, in the order the tags were made. */
export function tagsOfRows(tags: Tags, count: number): string[][] {
  const out = Array.from({ length: count }, () => [] as string[]);
  for (const [name, rows] of Object.entries(tags)) for (const r of rows) if (r < count) out[r]!.push(name);
  return out;
}

/** The rows to export: those with no tag (a cleaned corpus) or only the tagged ones. */
export function rowsByTags(tags: Tags, count: number, keep: 'untagged' | 'tagged'): number[] {
  const tagged = new Uint8Array(count);
  for (const rows of Object.values(tags)) for (const r of rows) if (r < count) tagged[r] = 1;
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (tagged[i] === (keep === 'tagged' ? 1 : 0)) out.push(i);
  return out;
}

/** Tags carried over to a new table: `moved` gives each old row's new row (null when the chunk is gone). */
export function movedTags(tags: Tags, moved: (row: number) => number | null): Tags {
  const out: Tags = {};
  for (const [name, rows] of Object.entries(tags)) {
    const kept = rows.map(moved).filter((r): r is number => r !== null);
    if (kept.length > 0) out[name] = [...new Set(kept)].sort((a, b) => a - b);
  }
  return out;
}
