import { describe, expect, it } from 'vitest';
import { countsOf, filterMask, readTags } from './columnCharts';
import { pointsCsv, pointTable, someRows } from './exports';
import { chunkDocuments } from './corpus';
import { MAX_TAG_LENGTH, movedTags, rowsByTags, tagCounts, tagName, tagsOfRows, UNTAGGED, withoutTag, withTag } from './tags';

describe('tags', () => {
  it('takes a typed name, collapsed, and refuses an empty or 10,000-character one with the reason', () => {
    expect(tagName('  bad   chunk ')).toEqual({ name: 'bad chunk' });
    expect(tagName('   ')).toEqual({ problem: 'a tag needs a name' });
    expect(tagName('x'.repeat(10_000))).toEqual({ problem: `a tag name is at most ${MAX_TAG_LENGTH} characters; this one has 10,000` });
    expect('problem' in tagName(UNTAGGED)).toBe(true);
  });

  it('adds rows to a tag once, counts, removes, and follows chunks to a new table', () => {
    let tags = withTag({}, 'duplicate', [4, 2]);
    tags = withTag(tags, 'duplicate', [2, 7]);
    tags = withTag(tags, 'off-topic', [1]);
    expect(tags.duplicate).toEqual([2, 4, 7]);
    expect(tagCounts(tags)).toEqual([
      { name: 'duplicate', count: 3 },
      { name: 'off-topic', count: 1 },
    ]);
    expect(tagsOfRows(tags, 8)[2]).toEqual(['duplicate']);
    expect(rowsByTags(tags, 8, 'untagged')).toEqual([0, 3, 5, 6]);
    expect(rowsByTags(tags, 8, 'tagged')).toEqual([1, 2, 4, 7]);
    expect(withoutTag(tags, 'duplicate')).toEqual({ 'off-topic': [1] });
    // chunk 1 is gone, the others moved up by one
    expect(movedTags(tags, (r) => (r === 1 ? null : r - 1))).toEqual({ duplicate: [1, 3, 6] });
  });

  it('charts as a filter where a chunk counts under each of its tags', () => {
    const reading = readTags('your tags', tagsOfRows({ a: [0, 1], b: [1, 2] }, 4));
    expect(reading.categories.map((c) => [c.name, c.count])).toEqual([
      ['a', 2],
      ['b', 2],
      [UNTAGGED, 1],
    ]);
    const mask = filterMask(new Map([['your tags', reading]]), [{ column: 'your tags', values: ['b', UNTAGGED] }], 4)!;
    expect(Array.from(mask)).toEqual([0, 1, 1, 1]);
    expect(countsOf(reading, [1])).toEqual([1, 1, 0, 0]);
  });

  it('exports a tags column, and only the rows asked for with their vectors', () => {
    const documents = [{ name: 'n.md', text: 'One.\n\nTwo.\n\nThree.' }];
    const table = chunkDocuments(documents);
    const tags = { 'bad chunk': [1] };
    const points = pointTable({ documents, table, coords: new Float32Array(9), clusterLabels: new Int32Array(0), clusterNames: [], tags: tagsOfRows(tags, 3) });
    const vectors = { data: Float32Array.from([1, 1, 2, 2, 3, 3]), dims: 2 };
    const cleaned = someRows(points, vectors, rowsByTags(tags, 3, 'untagged'));
    const csv = pointsCsv(cleaned.points, cleaned.vectors).trim().split('\n');
    expect(csv[0]).toBe('text,id,source,x,y,z,cluster,cluster_name,tags,vector');
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['One.', 'Three.']);
    expect(Array.from(cleaned.vectors.data)).toEqual([1, 1, 3, 3]);
  });
});
