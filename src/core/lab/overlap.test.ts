import { describe, expect, it } from 'vitest';
import { changedMost, exactNeighboursAffordable, labBudgetProblem, neighbourJaccard } from './overlap';

describe('neighbourJaccard', () => {
  it('is 1 for the same neighbours in any order, 0 for none shared, |∩|/|∪| between', () => {
    const a = Int32Array.from([1, 2, 3, 4, 0, 2, 3, 4, 0, 1, 3, 4]);
    const b = Int32Array.from([4, 3, 2, 1, 5, 6, 7, 8, 0, 1, 7, 8]);
    const jaccard = neighbourJaccard(a, b, 3, 4);
    [1, 0, 2 / 6].forEach((expected, i) => expect(jaccard[i]).toBeCloseTo(expected));
  });

  it('reads another chunking through its match: B’s list of the chunk matched to each row, as rows of A', () => {
    // A has rows 0–2; B has chunks 0–3: chunk 1 lies within row 0, chunk 3 in no row of A
    const a = Int32Array.from([1, 2, 0, 2, 0, 1]);
    const b = Int32Array.from([1, 2, 0, 2, 3, 0, 0, 1]);
    const match = { rowOfAInB: Int32Array.from([0, 2, -1]), rowOfBInA: Int32Array.from([0, 0, 1, -1]) };
    const jaccard = neighbourJaccard(a, b, 3, 2, match);
    // row 0: B's chunk 0 lists chunks 1 (row 0 itself: left out) and 2 (row 1): {1} of {1, 2}
    expect(jaccard[0]).toBeCloseTo(1 / 2);
    // row 1: B's chunk 2 lists chunks 3 (no row) and 0 (row 0): {0} of {0, 2}
    expect(jaccard[1]).toBeCloseTo(1 / 2);
    // row 2 has no chunk of B
    expect(jaccard[2]).toBe(0);
  });
});

describe('exactNeighboursAffordable', () => {
  it('searches exactly up to a few thousand rows of 512 dimensions, and hands larger spaces to NN-descent', () => {
    expect(exactNeighboursAffordable(2_000, 512)).toBe(true);
    expect(exactNeighboursAffordable(10_000, 512)).toBe(false);
    // fewer dimensions, more rows
    expect(exactNeighboursAffordable(6_000, 100)).toBe(true);
  });
});

describe('labBudgetProblem', () => {
  it('lets two spaces of 50,000 × 768 in, and refuses a second space that would pass the budget, saying by how much', () => {
    expect(labBudgetProblem({ count: 50_000, dims: 768 }, { count: 50_000, dims: 768 })).toBeNull();
    // B held as float16 fits where float32 would not
    expect(labBudgetProblem({ count: 200_000, dims: 768 }, { count: 200_000, dims: 768, bytes: 2 })).toBeNull();
    expect(labBudgetProblem({ count: 200_000, dims: 768 }, { count: 200_000, dims: 768 })).toContain('would take 586 MiB beside A');
    expect(labBudgetProblem({ count: 300_000, dims: 768 }, { count: 300_000, dims: 1024, bytes: 2 })).toContain('would take 586 MiB as float16 beside A');
    expect(labBudgetProblem({ count: 300_000, dims: 768 }, { count: 300_000, dims: 1024 })).toBe(
      "space B's vectors (300,000 × 1024) would take 1,172 MiB beside A's 879 MiB, over the lab's 1,024 MiB for both: keep fewer of B's dimensions, or compare on a smaller corpus",
    );
  });
});

describe('changedMost', () => {
  it('lists the lowest overlaps first', () => {
    expect(changedMost(Float32Array.from([0.5, 0.1, 1, 0.1, 0.3]), 3)).toEqual([1, 3, 4]);
  });
});
