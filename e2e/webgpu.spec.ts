// Debian's Chromium offers a software WebGPU adapter (SwiftShader) when asked: it stands in for a
// GPU here, so that the WebGPU path is exercised without one.
import type { Page } from '@playwright/test';
import { CHROMIUM_PATH, CHROMIUM_WEBGPU_ARGS } from '../playwright.config';
import { expect, recordRuntimeFetches, summary, test, waitReady } from './fixtures';

test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_WEBGPU_ARGS, '--use-webgpu-adapter=swiftshader'],
  },
});

const PASSAGES = [
  'Black holes form when massive stars collapse at the end of their lives.',
  'Bread dough rises because yeast ferments sugar into carbon dioxide gas.',
  'Credit card debt is cheapest to repay by paying the highest rate first.',
];

test('a software WebGPU adapter is not picked by the app; WebGPU chosen by hand gives the vectors WASM gives', async ({ page, context, browser, baseURL }) => {
  test.setTimeout(240_000); // shaders compile on the CPU
  const runtimes = recordRuntimeFetches(context);
  const addPassages = async (on: Page) => {
    await on.getByLabel('Paste text').fill(PASSAGES.join('\n\n'));
    await on.getByRole('button', { name: 'Add text' }).click();
    await waitReady(on);
  };
  await page.goto('/');
  await addPassages(page);
  // software WebGPU runs on the CPU, slower than WASM: left to itself the app does not pick it
  expect((await summary(page)).backend).toBe('wasm');
  // with an adapter present, the ONNX Runtime build that can drive WebGPU is the one loaded
  expect(runtimes).toEqual([expect.stringMatching(/^ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/)]);

  const useModel = async (on: Page, precision: string, backend: string) => {
    await on.getByLabel('Precision').selectOption(precision);
    await on.getByLabel('Backend').selectOption(backend);
    await on.getByRole('button', { name: 'Use model' }).click();
    await expect.poll(async () => (await summary(on)).backend, { timeout: 110_000 }).toBe(backend);
    await waitReady(on);
  };
  const answer = async (on: Page) => {
    await on.getByLabel('Query').fill('How do black holes form?');
    await on.getByLabel('Query').press('Enter');
    await expect.poll(async () => (await summary(on)).query.results.length).toBe(3);
    return (await summary(on)).query.results;
  };
  await useModel(page, 'fp32', 'wasm');
  const onWasm = await answer(page);
  // WebGPU in a browser of its own: here the cache (keyed by model and precision, not backend) would hand back WASM's vectors
  const gpuContext = await browser.newContext({ baseURL });
  try {
    const gpuPage = await gpuContext.newPage();
    await gpuPage.goto('/');
    await addPassages(gpuPage);
    // fp32 has not been embedded in this browser: the passages and the query are embedded on WebGPU
    const embeddedBefore = (await summary(gpuPage)).embeddedCount;
    await useModel(gpuPage, 'fp32', 'webgpu');
    const onWebGpu = await answer(gpuPage);
    const s = await summary(gpuPage);
    expect([s.dtype, s.backend, s.embeddedCount - embeddedBefore]).toEqual(['fp32', 'webgpu', PASSAGES.length]);
    await expect(gpuPage.getByLabel('Model in use')).toContainText('webgpu');
    expect(onWebGpu.map((r) => r.index)).toEqual(onWasm.map((r) => r.index));
    onWebGpu.forEach((r, i) => expect(r.score).toBeCloseTo(onWasm[i]!.score, 4));
    expect(onWasm[0]!.text).toContain('Black holes');
  } finally {
    await gpuContext.close();
  }
});
