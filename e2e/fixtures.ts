import type { OrrerySummary } from '../src/state/summaryTypes';
import { test as base, type BrowserContext, expect, type Page } from '@playwright/test';
import { seedDemoCache } from './demoCache';

export { expect };

/**
 * Every test runs offline by contract: any request that leaves the page's origin (from the page
 * or its workers) is aborted and fails the test, and so does any uncaught page error.
 */
/** Aborts and records requests that leave `origins`, and records uncaught page errors. */
export async function guardOffline(context: BrowserContext, page: Page, origins: string[]): Promise<() => void> {
  const offsite: string[] = [];
  const errors: string[] = [];
  const isLocal = (url: string) => origins.some((o) => url.startsWith(o)) || url.startsWith('data:') || url.startsWith('blob:');
  context.on('request', (request) => {
    if (!isLocal(request.url())) offsite.push(request.url());
  });
  await context.route(
    (url) => !isLocal(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  page.on('pageerror', (error) => errors.push(error.message));
  return () => {
    expect(offsite, 'requests that left the page origin').toEqual([]);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  };
}

/**
 * Every test runs offline by contract: any request that leaves the page's origin (from the page
 * or its workers) is aborted and fails the test, and so does any uncaught page error.
 */
export const test = base.extend<{ allowedOrigins: string[]; allowInApp: boolean; seedDemoCache: boolean; guard: void }>({
  /** other origins a test may reach on purpose (a local model mirror) */
  allowedOrigins: [[], { option: true }],
  /** whether the app starts with those origins already allowed by the user (its connect-src) */
  allowInApp: [true, { option: true }],
  /** whether the browser starts with the demo's vectors in its embedding cache (demoCache.ts); off where embedding is what a test checks */
  seedDemoCache: [true, { option: true }],
  guard: [
    async ({ context, page, browser, baseURL, allowedOrigins, allowInApp, seedDemoCache: seed }, use) => {
      if (seed) await seedDemoCache(context, browser, baseURL!);
      const check = await guardOffline(context, page, [new URL(baseURL!).origin, ...allowedOrigins]);
      const checkPolicy = await guardPolicy(context, page);
      if (allowInApp && allowedOrigins.length > 0) await allowHosts(context, allowedOrigins);
      await use();
      check();
      checkPolicy();
    },
    { auto: true },
  ],
});

/** Starts every page with these hosts allowed, as if the user had allowed them. */
export async function allowHosts(context: BrowserContext, origins: string[]): Promise<void> {
  await context.addInitScript((hosts) => localStorage.setItem('orrery.allowedHosts', JSON.stringify(hosts)), origins);
}

/** Records every Content-Security-Policy violation, in the page or its workers; the test fails on any. */
export async function guardPolicy(context: BrowserContext, page: Page): Promise<() => void> {
  const violations: string[] = [];
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    ),
  );
  const record = (text: string) => /CSP violation|Content Security Policy/.test(text) && violations.push(text);
  page.on('console', (message) => record(message.text()));
  page.on('worker', (worker) => worker.on('console', (message) => record(message.text())));
  return () => expect(violations, 'Content-Security-Policy violations').toEqual([]);
}

/** File names of the ONNX Runtime wasm builds the page (or its workers) fetches, as they come. */
export function recordRuntimeFetches(context: BrowserContext): string[] {
  const names: string[] = [];
  context.on('request', (request) => /ort-wasm[^/]*\.wasm$/.test(request.url()) && names.push(request.url().split('/').pop()!));
  return names;
}

/** Every step asked for so far has ended (not only a "Ready" left from before it) and the status says Ready. */
export async function waitReady(page: Page): Promise<void> {
  // a page that is still loading (or reloading) has no summary yet: not ready
  const idle = async () => {
    const s = await summary(page).catch(() => undefined);
    return s !== undefined && s.tasks === 0 && !s.layoutRunning;
  };
  await expect.poll(idle, { timeout: 120_000 }).toBe(true);
  await expect(page.getByRole('status')).toContainText('Ready', { timeout: 120_000 });
}

/** What is on screen is saved in this browser (a reload or another tab will find it). */
export async function waitSaved(page: Page): Promise<void> {
  await expect.poll(async () => (await summary(page)).saves, { timeout: 30_000 }).toMatchObject({ pending: 0, upToDate: true });
}

/** The next change of the view gets its own history entry (changes within a second replace the last one). */
export async function waitNewHistoryStep(page: Page): Promise<void> {
  await expect.poll(async () => (await summary(page)).address.coalescing, { timeout: 5_000 }).toBe(false);
}

/** A value that has stopped changing: read until two reads in a row agree. */
export async function waitSteady<T>(read: () => Promise<T>): Promise<T> {
  let last = JSON.stringify(await read());
  await expect
    .poll(
      async () => {
        const next = JSON.stringify(await read());
        const same = next === last;
        last = next;
        return same;
      },
      { timeout: 10_000, intervals: [300] },
    )
    .toBe(true);
  return JSON.parse(last) as T;
}

export type Summary = OrrerySummary;

/** The clusters of the corpus now (not of an earlier commit of it). */
export async function waitClustered(page: Page): Promise<Summary['clusters']> {
  await expect
    .poll(
      async () => {
        const s = await summary(page);
        return s.clusters.current && !s.clusters.running && s.clusters.items.length > 0;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return (await summary(page)).clusters;
}

export function summary(page: Page): Promise<Summary> {
  return page.evaluate(() => (window as unknown as { __orrery: Summary }).__orrery);
}

/** Pixels of the scene canvas that differ clearly from its background colour, and one of them. */
/** The scene's drawn pixels: how many, one to point at, where they are (signature) and their colours. */
export function drawnPixels(page: Page): Promise<{ count: number; sample: { x: number; y: number } | null; signature: number; colours: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas')!;
    // the scene renders and copies itself in one task: its canvas keeps no picture between frames
    const copy = (window as unknown as { __orreryPicture: (scale: number) => HTMLCanvasElement }).__orreryPicture(window.devicePixelRatio);
    const context = copy.getContext('2d')!;
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    const [br, bg, bb] = [data[0]!, data[1]!, data[2]!]; // the corner shows the background
    let count = 0;
    let signature = 0;
    let colours = 0;
    let sample: { x: number; y: number } | null = null;
    const rect = canvas.getBoundingClientRect();
    for (let i = 0; i < data.length; i += 4) {
      const diff = Math.abs(data[i]! - br) + Math.abs(data[i + 1]! - bg) + Math.abs(data[i + 2]! - bb);
      if (diff > 60) {
        count++;
        const p = i / 4;
        signature = (signature * 31 + p) % 1_000_000_007;
        colours = (colours * 31 + data[i]! * 65536 + data[i + 1]! * 256 + data[i + 2]!) % 1_000_000_007;
        const x = p % copy.width;
        const y = Math.floor(p / copy.width);
        // a pixel well inside the canvas, away from the overlay controls at the top
        if (!sample && y > copy.height * 0.2) sample = { x: rect.left + (x * rect.width) / copy.width, y: rect.top + (y * rect.height) / copy.height };
      }
    }
    return { count, sample, signature, colours };
  });
}

/** The scene once it has stopped moving (points glide for a moment after each layout); fails if it never does. */
export async function settledPixels(page: Page): Promise<Awaited<ReturnType<typeof drawnPixels>>> {
  let last = await drawnPixels(page);
  await expect
    .poll(
      async () => {
        const next = await drawnPixels(page);
        const settled = next.signature === last.signature;
        last = next;
        return settled;
      },
      { timeout: 15_000, intervals: [300], message: 'the scene kept moving' },
    )
    .toBe(true);
  return last;
}

/** The chunks drawn inside a screen rectangle [left, top, right, bottom], as the page reports each point's place. */
export async function pointsInside(page: Page, [left, top, right, bottom]: readonly number[]): Promise<number[]> {
  const points = await page.evaluate(() => (window as unknown as { __orreryPointsOnScreen: () => ([number, number] | null)[] }).__orreryPointsOnScreen());
  return points.flatMap((p, i) => (p && p[0] > left! && p[0] < right! && p[1] > top! && p[1] < bottom! ? [i] : []));
}

/** Draws a rectangle [left, top, right, bottom] as a shift-drag lasso. */
export async function drawLasso(page: Page, [left, top, right, bottom]: readonly number[]): Promise<void> {
  await page.keyboard.down('Shift');
  await page.mouse.move(left!, top!);
  await page.mouse.down();
  for (const [x, y] of [
    [right, top],
    [right, bottom],
    [left, bottom],
    [left, top! + 1],
  ])
    await page.mouse.move(x!, y!, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

/** The files the saved workspaces' vectors are kept in (the origin's private file system), by name with their sizes. */
export const vectorFiles = (page: Page) =>
  page.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('saved-vectors', { create: true });
    const files: { name: string; bytes: number }[] = [];
    for await (const [name, handle] of (folder as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) {
      // a file the app removes while it is listed is gone, not an error
      const file = await handle.getFile().catch(() => null);
      if (file) files.push({ name, bytes: file.size });
    }
    return files;
  });
