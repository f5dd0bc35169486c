// npm run bench:interaction — what a person feels: pointer drags (orbit), wheel turns (zoom) and
// hovers, each followed by the frame it causes, on the built app holding 100,000 and 200,000 points
// (an .npy of a clustered layout, added as a user adds a file) against a bare three.js page drawing
// the same points on a canvas of the same size (bench/interaction.ts). Alternating runs, the median
// of each; the ratio is Orrery's moves per second over the bare page's (goal ≥ 0.8×). Then how long
// the page's own hover picks took.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config';
import { writeNpy } from '../src/core/ingest/npy';
import { gaussianClusters } from '../src/core/syntheticData';
import type { OrrerySummary } from '../src/state/summaryTypes';

const SIZES = (process.env.BENCH_SIZES ?? '100000,200000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MOVES = Number(process.env.BENCH_MOVES ?? 40);
const PORT = 4177;
const VIEWPORT = { width: 1280, height: 800 };
const CLUSTERS = 12;

const points = (count: number) => gaussianClusters(CLUSTERS, Math.ceil(count / CLUSTERS), 3, 5, 0.35).data.slice(0, count * 3);

const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const base = `http://127.0.0.1:${PORT}`;

/** Resolves once the frame after now has been drawn (two animation frames). */
const nextFrame = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

type Box = { x: number; y: number; width: number; height: number };

/** Moves per second of each gesture over the canvas at `box`, every move awaited to its frame. */
async function gestures(page: Page, box: Box): Promise<{ drag: number; wheel: number; hover: number; frames: number[] }> {
  const framesNow = () => page.evaluate(() => (window as unknown as { __orrery?: OrrerySummary }).__orrery?.scene.frames ?? 0);
  const frames: number[] = [];
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const timed = async (each: (i: number) => Promise<void>) => {
    const before = await framesNow();
    const started = performance.now();
    for (let i = 0; i < MOVES; i++) {
      await each(i);
      await nextFrame(page);
    }
    const rate = MOVES / ((performance.now() - started) / 1000);
    frames.push(((await framesNow()) - before) / MOVES);
    return rate;
  };
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const drag = await timed((i) => page.mouse.move(cx + 160 * Math.sin(i / 6), cy + 80 * Math.cos(i / 6) - 80));
  await page.mouse.up();
  const wheel = await timed((i) => page.mouse.wheel(0, i % 2 === 0 ? -120 : 120));
  // hovering over the points: the nearest point is picked and named in a tooltip
  const hover = await timed((i) => page.mouse.move(cx + (box.width / 3) * Math.sin(i / 4), cy + (box.height / 3) * Math.cos(i / 3)));
  return { drag, wheel, hover, frames };
}

async function orrery(count: number): Promise<{ page: Page; box: Box }> {
  const dir = '/tmp/orrery-bench';
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/points-${count}.npy`;
  writeFileSync(file, writeNpy(points(count), count, 3));
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Add files').setInputFiles(file);
  const summary = () => page.evaluate(() => (window as unknown as { __orrery: OrrerySummary }).__orrery);
  // laid out and clustered (with the finer level), nothing left running beside the gestures
  for (;;) {
    const s = await summary();
    if (s.chunkCount === count && s.tasks === 0 && !s.layoutRunning && s.clusters.current && !s.clusters.running && s.clusters.parts > 0) break;
    await page.waitForTimeout(500);
  }
  await page.waitForTimeout(1000);
  const box = (await page.locator('.stage canvas').boundingBox())!;
  return { page, box };
}

async function bare(count: number, box: Box): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${base}/bench/interaction.html`);
  await page.waitForFunction(() => 'benchMount' in window);
  const coords = Array.from(points(count));
  await page.evaluate(
    ([c, w, h]) => (window as unknown as { benchMount: (c: Float32Array, w: number, h: number) => void }).benchMount(Float32Array.from(c), w, h),
    [coords, box.width, box.height] as const,
  );
  return page;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => x.toFixed(2);
try {
  console.log(`bench:interaction — moves per second, each move awaited to its frame, ${MOVES} moves a gesture, median of ${ROUNDS} alternating runs`);
  for (const count of SIZES) {
    const app = await orrery(count);
    const baseline = await bare(count, { ...app.box, x: 0, y: 0 });
    const runs = { bare: [] as Awaited<ReturnType<typeof gestures>>[], orrery: [] as Awaited<ReturnType<typeof gestures>>[] };
    for (let r = 0; r < ROUNDS; r++) {
      runs.bare.push(await gestures(baseline, { ...app.box, x: 0, y: 0 }));
      runs.orrery.push(await gestures(app.page, app.box));
    }
    console.log(`\n${count.toLocaleString('en')} points, canvas ${Math.round(app.box.width)} × ${Math.round(app.box.height)}`);
    (['drag', 'wheel', 'hover'] as const).forEach((gesture, g) => {
      const b = median(runs.bare.map((r) => r[gesture]));
      const o = median(runs.orrery.map((r) => r[gesture]));
      const frames = median(runs.orrery.map((r) => r.frames[g]!));
      console.log(
        `  ${gesture.padEnd(6)} bare ${fmt(b).padStart(7)}/s   Orrery ${fmt(o).padStart(7)}/s   Orrery / bare ${fmt(o / b)}×   (Orrery drew ${fmt(frames)} frames a move)`,
      );
    });
    // the hover picks the app timed itself (every point projected to the screen, the nearest taken)
    const picks = await app.page.evaluate(() => (window as unknown as { __orrery: OrrerySummary }).__orrery.scene.pickMs);
    const sorted = [...picks].sort((a, b) => a - b);
    console.log(
      `  hover picking in the page: median ${fmt(median(picks))} ms, 90th percentile ${fmt(sorted[Math.floor(sorted.length * 0.9)] ?? NaN)} ms, slowest ${fmt(sorted.at(-1) ?? NaN)} ms over ${picks.length} picks (goal ≤ 16 ms at 1,000,000)`,
    );
    await app.page.context().close();
    await baseline.context().close();
  }
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
