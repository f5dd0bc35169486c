import { describe, expect, it } from 'vitest';
import { coverageReport, denseTrust, modelScripts, queryTrust, readableShare, scriptCounts } from './languageCoverage';
import { BUILTIN_MODEL, MODEL_CATALOGUE } from './models';
import { buildBm25 } from './retrieval/bm25';
import { type CorpusIndex, DEFAULT_RETRIEVAL, retrieve, scoreQuery } from './retrieval/retrieve';
import { rowNorms } from './vectors';

const english = modelScripts(['en']);

describe('language coverage', () => {
  it('counts letters by script: English, Chinese, mixed and emoji; digits and punctuation count for none', () => {
    expect(scriptCounts(['The tides follow the moon, 2 times a day.'])).toEqual({ latin: 30 });
    expect(scriptCounts(['潮汐随月亮变化。'])).toEqual({ han: 7 });
    const mixed = scriptCounts(['GPU 加速 训练', 'Привет'], 1000);
    expect(mixed).toEqual({ latin: 3, han: 4, cyrillic: 6 });
    expect(scriptCounts(['🚀🌕✨'])).toEqual({ emoji: 3 });
    expect(readableShare(scriptCounts(['GPU 加速']), english)).toBeCloseTo(3 / 5);
    expect(readableShare(scriptCounts(['1234 !!!']), english)).toBe(1);
    // a model that declares many languages reads every script
    expect(readableShare(mixed, modelScripts(['multilingual (~100)']))).toBe(1);
  });

  it('samples evenly past its character budget, with the same shares', () => {
    const texts = Array.from({ length: 1000 }, (_, i) => (i % 2 ? 'moon tides' : '月亮潮汐'));
    const sampled = scriptCounts(texts, 900);
    expect(readableShare(sampled, english)).toBeCloseTo(readableShare(scriptCounts(texts), english), 1);
  });

  it('trusts dense search fully on readable text and next to nothing on text the model cannot read', () => {
    expect(denseTrust(1, 1)).toBe(1);
    expect(denseTrust(0.85, 1)).toBe(1);
    expect(denseTrust(0.06, 1)).toBeLessThan(0.01);
    expect(denseTrust(1, 0)).toBe(0);
    expect(queryTrust(undefined, '月亮')).toBe(1);
    expect(queryTrust({ reads: ['latin'], corpus: 1 }, '🚀🌕')).toBe(0);
  });

  it('says what the model reads, how much of the corpus it cannot, and where to turn', () => {
    const chinese = scriptCounts(['潮汐随月亮的引力而变化。', '面包需要酵母发酵。', 'The moon']);
    const report = coverageReport(BUILTIN_MODEL, chinese, '月亮如何影响潮汐？');
    expect(report.corpus).toBeLessThan(0.3);
    expect(report.warning).toMatch(/reads English; \d+% of this corpus is Chinese text: dense scores here are noise — BM25 carries hybrid/);
    expect(report.warning).toContain('a multilingual model can be picked under Model');
    const zh = MODEL_CATALOGUE.find((m) => m.languages.includes('zh'))!;
    expect(coverageReport(zh, chinese, '月亮如何影响潮汐？').warning).toBeNull();
    // an English corpus and an emoji-only query: the query is what the model cannot read
    const emoji = coverageReport(BUILTIN_MODEL, scriptCounts(['The moon raises tides.']), '🌕🌊');
    expect([emoji.query, emoji.trust]).toEqual([0, 0]);
    expect(emoji.warning).toMatch(/100% of this query is emoji text/);
    expect(coverageReport(BUILTIN_MODEL, scriptCounts(['The moon raises tides.']), 'moon').warning).toBeNull();
  });

  it('hybrid follows BM25 where the model cannot read, and weighs both where it can', () => {
    // Chinese chunks placed by a model that cannot read them: the tide chunk lands farthest from the query
    const texts = ['月亮下的面包', '潮汐随月亮变化', '火山喷发岩浆', '音乐的节奏', '股票市场波动'];
    const vectors = Float32Array.from([1, 0, 0, 1, 0.8, 0.6, 0.8, 0.6, 0.8, 0.6]);
    const index: CorpusIndex = { vectors, dims: 2, norms: rowNorms(vectors, 2), bm25: buildBm25(texts) };
    const hybrid = { ...DEFAULT_RETRIEVAL, retriever: 'hybrid' as const, topK: 1 };
    const reading = { reads: ['latin' as const], corpus: readableShare(scriptCounts(texts), english) };
    const top = (withReading: boolean) =>
      retrieve(index, scoreQuery(index, Float32Array.from([1, 0]), '月亮 潮汐', hybrid, withReading ? reading : undefined), hybrid)[0]!.index;
    // BM25 ranks the tide chunk first and chunk 0 second; with equal weights the blind dense #1 (chunk 0)
    // wins the fusion, read as Chinese BM25's tide chunk does
    expect(top(false)).toBe(0);
    expect(top(true)).toBe(1);
  });
});
