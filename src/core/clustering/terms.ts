// Names for clusters: class-based TF-IDF (as BERTopic does). All chunks of a cluster form one
// document; a term scores high when it is frequent in its cluster and rare across clusters:
// w(t, c) = tf(t, c) / |c| · log(1 + A / f(t)), A the mean number of terms per cluster and f(t)
// the term's frequency over all clusters. Words come from Intl.Segmenter, so Chinese and other
// languages without spaces are split into words too.

const ENGLISH_STOP = `a about above after again against all almost also although am among an and another any are around as at
be because been before being below between both but by can cannot could did do does doing done down during each either
else enough even ever every few for from further get gets had has have having he her here hers herself him himself his how
however i if in into is it its itself just least less like made make makes many may me might more most much must my myself
near neither no nor not now of off often on once one only or other others our ours ourselves out over own per perhaps quite
rather same several she should since so some such than that the their theirs them themselves then there these they this
those though through thus to too toward towards two under until up upon us used uses using very via was we well were what
when where whether which while who whom whose why will with within without would yet you your yours yourself yourselves
s t don didn doesn isn wasn aren weren won can't it's don't etc e.g i.e eg ie new first three four five`;

const CHINESE_STOP = `的 了 和 是 在 也 有 就 不 都 而 及 与 着 或 一个 没有 我们 你们 他们 她们 它们 这 那 这个 那个 这些 那些 之 其 中 为 以 于 上 下 对
从 到 把 被 让 给 但 并 很 还 又 更 最 等 等等 如果 因为 所以 但是 而且 可以 能 会 要 个 种 些 时 后 前 里 内 外 地 得 所 它 他 她 你 我`;

export const STOP_WORDS: ReadonlySet<string> = new Set([...ENGLISH_STOP.split(/\s+/), ...CHINESE_STOP.split(/\s+/)].filter(Boolean));

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const LETTER = /\p{L}/u;
const HAN = /\p{Script=Han}/u;

/** The words of a text worth counting: lower case, no stop words, no numbers, no one-letter Latin words. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue;
    const word = s.segment.toLowerCase();
    if (!LETTER.test(word) || STOP_WORDS.has(word)) continue;
    if (word.length < 2 && !HAN.test(word)) continue;
    out.push(word);
  }
  return out;
}

/** a word in more than this share of all chunks says nothing about any one cluster (BERTopic's reduce-frequent-words, as a cut) */
const EVERYWHERE = 0.4;
/** a two-word phrase is a candidate when it occurs this often in its cluster */
const MIN_PHRASE_COUNT = 3;
/** a word found in a phrase this often (of all its occurrences in the cluster) is named by the phrase */
const PHRASE_SHARE = 0.6;

/** Words and adjacent word pairs of a text (pairs are joined by a space; none spans a stop word or punctuation run). */
function candidates(text: string): string[] {
  const out: string[] = [];
  let previous: string | null = null;
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) {
      // a space keeps a phrase going; punctuation ends it
      if (/\S/.test(s.segment)) previous = null;
      continue;
    }
    const word = s.segment.toLowerCase();
    const counted = LETTER.test(word) && !STOP_WORDS.has(word) && (word.length >= 2 || HAN.test(word));
    if (!counted) {
      previous = null;
      continue;
    }
    out.push(word);
    if (previous !== null) out.push(`${previous} ${word}`);
    previous = word;
  }
  return out;
}

/**
 * The `top` most distinctive terms of each cluster (labels 0..clusters−1; −1, noise, is not named
 * but counts towards the terms' overall frequency): class-based TF-IDF with square-rooted term
 * frequencies, without words found in most chunks; a two-word phrase stands in for its words when
 * it is distinctive and frequent in the cluster. `everywhereShare` moves that cut: siblings of one
 * cluster (fineClusters.ts) are each half or a third of it, so their own words pass it.
 */
export function clusterTerms(texts: readonly string[], labels: Int32Array, clusters: number, top = 3, everywhereShare = EVERYWHERE): string[][] {
  const perCluster = Array.from({ length: clusters }, () => new Map<string, number>());
  const totals = new Float64Array(clusters);
  const overall = new Map<string, number>();
  const chunksWith = new Map<string, number>();
  texts.forEach((text, i) => {
    const c = labels[i]!;
    const found = candidates(text);
    for (const t of new Set(found)) chunksWith.set(t, (chunksWith.get(t) ?? 0) + 1);
    for (const t of found) {
      overall.set(t, (overall.get(t) ?? 0) + 1);
      if (c < 0 || c >= clusters) continue;
      perCluster[c]!.set(t, (perCluster[c]!.get(t) ?? 0) + 1);
      if (!t.includes(' ')) totals[c]!++;
    }
  });
  const meanTerms = totals.reduce((a, b) => a + b, 0) / Math.max(1, clusters);
  // with a handful of chunks every word is in many, and one cluster has nothing to tell apart from
  const everywhere = texts.length >= 10 && clusters > 1 ? everywhereShare * texts.length : Infinity;
  return perCluster.map((counts, c) => {
    const scored = [...counts]
      .filter(([t, n]) => chunksWith.get(t)! <= everywhere && (!t.includes(' ') || n >= MIN_PHRASE_COUNT))
      // how much of the term's use is in this cluster: a word common to two topics names neither well
      .map(([t, n]) => [t, Math.sqrt(n / Math.max(1, totals[c]!)) * Math.log(1 + meanTerms / overall.get(t)!) * (n / overall.get(t)!)] as const)
      // ties go to the alphabetically first term, so names do not depend on the order of chunks
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const name: string[] = [];
    for (const [t] of scored) {
      if (name.length === top) break;
      // a word that mostly occurs in one phrase is named by the phrase
      const phrase = t.includes(' ')
        ? t
        : scored.find(([p]) => p.includes(' ') && p.split(' ').includes(t) && counts.get(p)! >= PHRASE_SHARE * counts.get(t)!)?.[0];
      const chosen = phrase ?? t;
      // a phrase and its own words say the same thing once
      const words = chosen.split(' ');
      if (name.some((n) => n.split(' ').some((w) => words.includes(w)))) continue;
      name.push(chosen);
    }
    return name;
  });
}
