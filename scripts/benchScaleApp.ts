// bench:scale's browser part: the built app in headless Chromium is given a Parquet file as a user
// drops one, and the time to the first picture (status "Ready", points drawn) and the browser's
// memory (the resident memory of all its processes, sampled every 250 ms) are read.
import { execSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config';
import type { OrrerySummary as Summary } from '../src/state/summaryTypes';

const PORT = 4178;

/** The browser's resident memory now, in bytes (Linux `ps`). */
function browserMemory(): number {
  try {
    const kilobytes = execSync('ps -C chromium -o rss=').toString().trim().split(/\s+/).map(Number);
    return kilobytes.reduce((sum, k) => sum + k, 0) * 1024;
  } catch {
    return 0;
  }
}

export interface AppLoad {
  firstPictureMs: number;
  peakBytes: number;
  /** memory once the app has settled (layout, clusters, retrieval index done) */
  settledBytes: number;
  scale: Summary['scale'];
  note: string;
}

/** Drops `path` into a fresh app and waits for its first picture, then for every task to end. */
export async function loadInApp(path: string): Promise<AppLoad> {
  const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let peakBytes = 0;
  const sampler = setInterval(() => (peakBytes = Math.max(peakBytes, browserMemory())), 250);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const started = Date.now();
    await page.getByLabel('Add files').setInputFiles(path);
    await page.waitForFunction(
      () =>
        document.querySelector('[role=status]')?.textContent?.startsWith('Ready') === true &&
        ((window as unknown as { __orrery?: Summary }).__orrery?.scale.drawn ?? 0) > 0,
      null,
      { timeout: 900_000, polling: 250 },
    );
    const firstPictureMs = Date.now() - started;
    await page.waitForFunction(() => (window as unknown as { __orrery?: Summary }).__orrery?.tasks === 0, null, { timeout: 900_000, polling: 500 });
    const settledBytes = browserMemory();
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
    const scale = await page.evaluate(() => (window as unknown as { __orrery: Summary }).__orrery.scale);
    const note =
      (await page
        .getByRole('note')
        .filter({ hasText: /seeded sample|held as float16/ })
        .first()
        .textContent({ timeout: 1_000 })
        .catch(() => '')) ?? '';
    return { firstPictureMs, peakBytes: Math.max(peakBytes, settledBytes), settledBytes, scale, note };
  } finally {
    clearInterval(sampler);
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
