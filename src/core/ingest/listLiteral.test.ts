import { describe, expect, it } from 'vitest';
import { listLiteral } from './listLiteral';

describe('list literals in a cell', () => {
  it('reads JSON and Python repr lists, as pandas writes them', () => {
    expect(listLiteral('["a", "b c"]')).toEqual(['a', 'b c']);
    expect(listLiteral(`['It\\'s here', "Ada's note", 'line\\nbreak']`)).toEqual(["It's here", "Ada's note", 'line\nbreak']);
    expect(listLiteral('[1, 2.5, 0]')).toEqual(['1', '2.5', '0']);
    expect(listLiteral('[]')).toEqual([]);
    expect(listLiteral("['a', 'b',]")).toEqual(['a', 'b']);
  });

  it('says null for what is not a list', () => {
    for (const text of ['plain text', '[not a list', '[see above] and more', "['open", '[a, b]', "['a'] tail"]) expect(listLiteral(text)).toBeNull();
  });
});
