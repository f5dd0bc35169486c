// Which rows of a collection to read. A database pages by offset, so a uniform sample is taken as
// small blocks of rows chosen uniformly without replacement: every row is read with the same
// probability, and neighbouring chosen blocks are read in one request.

export interface PageRequest {
  offset: number;
  limit: number;
}

export interface LoadPlan {
  requests: PageRequest[];
  /** rows the requests cover */
  rows: number;
  total: number;
  sampled: boolean;
}

/** Rows per block of a sample: small, so that a sample is spread over the collection. */
export const SAMPLE_BLOCK_ROWS = 20;

/** Rows per request: about 4 MB of JSON whatever the dimension. */
export function pageRowsFor(dims: number | null): number {
  return Math.max(50, Math.min(2000, Math.floor(400_000 / Math.max(1, dims ?? 512))));
}

/** `count` distinct integers in [0, n), uniformly (Floyd's algorithm), ascending. */
export function chooseDistinct(n: number, count: number, random: () => number): number[] {
  const chosen = new Set<number>();
  for (let j = n - count; j < n; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** All rows when `total` ≤ `limit`; otherwise about `limit` rows in blocks chosen uniformly. */
export function loadPlan(total: number, limit: number, pageRows: number, random: () => number, blockRows = SAMPLE_BLOCK_ROWS): LoadPlan {
  const requests: PageRequest[] = [];
  if (total <= limit) {
    for (let offset = 0; offset < total; offset += pageRows) requests.push({ offset, limit: Math.min(pageRows, total - offset) });
    return { requests, rows: total, total, sampled: false };
  }
  const blocks = Math.ceil(total / blockRows);
  const blocksWanted = Math.max(1, Math.min(blocks, Math.round(limit / blockRows)));
  let rows = 0;
  for (const block of chooseDistinct(blocks, blocksWanted, random)) {
    const offset = block * blockRows;
    const limitHere = Math.min(blockRows, total - offset);
    rows += limitHere;
    const last = requests[requests.length - 1];
    if (last && last.offset + last.limit === offset && last.limit + limitHere <= pageRows) last.limit += limitHere;
    else requests.push({ offset, limit: limitHere });
  }
  return { requests, rows, total, sampled: true };
}
