import { describe, expect, it } from 'vitest';
import { boxPolygon, insidePolygon, nearestOnScreen, pointsInPolygon } from './screenPick';
import { searchChunks, searchRanges } from './textSearch';

// orthographic: x, y in [−10, 10] fill a 200 × 200 viewport, z ignored (w = 1)
const ortho = { matrix: [0.1, 0, 0, 0, 0, 0.1, 0, 0, 0, 0, -0.01, 0, 0, 0, 0, 1], width: 200, height: 200 };
const positions = Float32Array.from([0, 0, 0, 5, 5, 0, -5, -5, 0, 9, -9, 1]);

describe('screen picking', () => {
  it('finds the point under the pointer within the radius, screen y downwards', () => {
    expect(nearestOnScreen(positions, 4, ortho, 100, 100, 4)).toBe(0);
    expect(nearestOnScreen(positions, 4, ortho, 151, 49, 4)).toBe(1);
    expect(nearestOnScreen(positions, 4, ortho, 120, 120, 4)).toBeNull();
  });

  it('skips hidden points and points behind the camera', () => {
    expect(nearestOnScreen(positions, 4, ortho, 100, 100, 4, Uint8Array.from([0, 1, 1, 1]))).toBeNull();
    const behind = { ...ortho, matrix: [...ortho.matrix.slice(0, 15), -1] };
    expect(nearestOnScreen(positions, 4, behind, 100, 100, 50)).toBeNull();
  });

  it('selects the points inside a lasso or a box', () => {
    // a triangle around the centre and the upper right point
    const lasso: [number, number][] = [
      [120, 60],
      [170, 20],
      [165, 90],
    ];
    expect(insidePolygon(lasso, 150, 60)).toBe(true);
    expect(pointsInPolygon(positions, 4, ortho, lasso)).toEqual([1]);
    expect(pointsInPolygon(positions, 4, ortho, boxPolygon([40, 40], [160, 160]))).toEqual([0, 1, 2]);
    expect(
      pointsInPolygon(positions, 4, ortho, [
        [0, 0],
        [10, 10],
      ]),
    ).toEqual([]);
  });
});

describe('text search', () => {
  it('matches chunks holding every word, ignoring case', () => {
    expect([...searchChunks(['Black holes', 'a black cat', 'white HOLE'], 'black hole')]).toEqual([1, 0, 0]);
    expect([...searchChunks(['x'], '   ')]).toEqual([0]);
  });

  it('matches at the start of words, not inside them', () => {
    expect([...searchChunks(['the whole story', 'holes in the road', 'a start', 'Art, (art) and ÄRT'], 'hole')]).toEqual([0, 1, 0, 0]);
    expect([...searchChunks(['a start', 'Art', '(art)', 'l’art', 'Ärt'], 'art')]).toEqual([0, 1, 1, 1, 0]);
    expect([...searchChunks(['Äpfel und Birnen'], 'äpfel')]).toEqual([1]);
    // regular-expression characters are searched as themselves
    expect([...searchChunks(['C++ and C#', 'C and D'], 'c++')]).toEqual([1, 0]);
  });

  it('matches Chinese and Japanese words anywhere, as their text has no spaces', () => {
    expect([...searchChunks(['黑洞是在大质量恒星耗尽核燃料后坍缩形成的', '银河系是一个棒旋星系'], '恒星')]).toEqual([1, 0]);
    expect([...searchChunks(['東京タワーは赤い'], 'タワー')]).toEqual([1]);
  });

  it('gives the ranges to highlight, in order and merged', () => {
    const text = 'Black holes and black-body light';
    expect(searchRanges(text, 'black hole').map(([a, b]) => text.slice(a, b))).toEqual(['Black', 'hole', 'black']);
    expect(searchRanges('holes', 'hole holes')).toEqual([[0, 5]]);
    expect(searchRanges('whatever', '')).toEqual([]);
  });
});
