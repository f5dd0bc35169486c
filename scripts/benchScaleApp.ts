// bench:scale's browser part: the built app in headless Chromium is given a Parquet file as a user
// drops one, and the time to the first picture (status "Ready", points drawn) and the browser's
// memory (the resident memory of its processes, sampled every 250 ms) are read. The browser runs
// on a profile on disk, as a user's does: Playwright's default context keeps IndexedDB in the
// browser process's memory, which would count the save's copy of the vectors as held for good.
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config';
import type { OrrerySummary as Summary } from '../src/state/summaryTypes';

const PORT = 4178;
/** how long memory is watched once every task has ended: Chromium's memory reducer frees garbage of idle pages within about 20 s */
const SETTLE_MS = 30_000;

export interface BrowserMemory {
  /** all of Chromium's processes */
  total: number;
  /** the largest renderer: the page and its workers */
  renderer: number;
  /** the browser process (IndexedDB writes, blobs) */
  browser: number;
}

/** The browser's resident memory now, in bytes (Linux `ps`). */
function browserMemory(): BrowserMemory {
  const memory = { total: 0, renderer: 0, browser: 0 };
  try {
    for (const line of execSync('ps -C chromium -o rss=,args=').toString().trim().split('\n')) {
      const [kilobytes, ...args] = line.trim().split(/\s+/);
      const bytes = Number(kilobytes) * 1024;
      const type = args.join(' ').match(/--type=(\S+)/)?.[1];
      memory.total += bytes;
      if (type === 'renderer') memory.renderer = Math.max(memory.renderer, bytes);
      if (type === undefined) memory.browser += bytes;
    }
  } catch {
    // no browser running
  }
  return memory;
}

export interface AppLoad {
  firstPictureMs: number;
  /** the open app before the file is dropped */
  fresh: BrowserMemory;
  /** the highest readings: of all processes together, and of each on its own (they need not peak together) */
  peaks: BrowserMemory;
  /** memory 30 s after every task ended and the workspace was saved (layout, clusters, retrieval index, the save) */
  settled: BrowserMemory;
  scale: Summary['scale'];
  note: string;
  /** the page reloaded once everything settled: the saved workspace read back until "Ready", and the highest reading meanwhile */
  reload: { readyMs: number; peaks: BrowserMemory; settled: BrowserMemory };
}

/** the status says "Ready" with points drawn */
const ready = () =>
  document.querySelector('[role=status]')?.textContent?.startsWith('Ready') === true &&
  ((window as unknown as { __orrery?: Summary }).__orrery?.scale.drawn ?? 0) > 0;

/** Drops `path` into a fresh app and waits for its first picture, then for every task to end and the memory to settle; then reloads it. */
export async function loadInApp(path: string): Promise<AppLoad> {
  const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });
  const profile = mkdtempSync(join(tmpdir(), 'orrery-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  let peaks: BrowserMemory = { total: 0, renderer: 0, browser: 0 };
  const sampler = setInterval(() => {
    const now = browserMemory();
    for (const key of ['total', 'renderer', 'browser'] as const) peaks[key] = Math.max(peaks[key], now[key]);
  }, 250);
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${PORT}/`);
    // the empty app is idle once its workers are up: its memory then is the baseline
    await page.waitForFunction(() => (window as unknown as { __orrery?: Summary }).__orrery?.tasks === 0, null, { timeout: 120_000 });
    await page.waitForTimeout(SETTLE_MS / 3);
    const fresh = browserMemory();
    const started = Date.now();
    await page.getByLabel('Add files').setInputFiles(path);
    await page.waitForFunction(ready, null, { timeout: 900_000, polling: 250 });
    const firstPictureMs = Date.now() - started;
    await page.waitForFunction(
      () => {
        const orrery = (window as unknown as { __orrery?: Summary }).__orrery;
        return orrery?.tasks === 0 && orrery.saves.pending === 0 && orrery.saves.upToDate;
      },
      null,
      { timeout: 900_000, polling: 500 },
    );
    await page.waitForTimeout(SETTLE_MS);
    const settled = browserMemory();
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
    const scale = await page.evaluate(() => (window as unknown as { __orrery: Summary }).__orrery.scale);
    const note =
      (await page
        .getByRole('note')
        .filter({ hasText: /seeded sample|held as float16/ })
        .first()
        .textContent({ timeout: 1_000 })
        .catch(() => '')) ?? '';
    const loadPeaks = peaks;
    peaks = { total: 0, renderer: 0, browser: 0 };
    const reloaded = Date.now();
    await page.reload();
    await page.waitForFunction(ready, null, { timeout: 900_000, polling: 250 });
    const readyMs = Date.now() - reloaded;
    await page.waitForFunction(() => (window as unknown as { __orrery?: Summary }).__orrery?.tasks === 0, null, { timeout: 900_000, polling: 500 });
    await page.waitForTimeout(SETTLE_MS);
    return { firstPictureMs, fresh, peaks: loadPeaks, settled, scale, note, reload: { readyMs, peaks, settled: browserMemory() } };
  } finally {
    clearInterval(sampler);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
