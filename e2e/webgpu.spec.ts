// Debian's Chromium offers a software WebGPU adapter (SwiftShader) when asked: it stands in for a
// GPU here, so that the WebGPU path is exercised without one.
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

test('a software WebGPU adapter is not picked by the app; WebGPU chosen by hand gives the vectors WASM gives', async ({ page, context }) => {
  test.setTimeout(240_000); // shaders compile on the CPU
  const runtimes = recordRuntimeFetches(context);
  await page.goto('/');
  await page.getByLabel('Paste text').fill(PASSAGES.join('\n\n'));
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  // software WebGPU runs on the CPU, slower than WASM: left to itself the app does not pick it
  expect((await summary(page)).backend).toBe('wasm');
  // with an adapter present, the ONNX Runtime build that can drive WebGPU is the one loaded
  expect(runtimes).toEqual([expect.stringMatching(/^ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/)]);

  const useModel = async (precision: string, backend: string) => {
    await page.getByLabel('Precision').selectOption(precision);
    await page.getByLabel('Backend').selectOption(backend);
    await page.getByRole('button', { name: 'Use model' }).click();
    await expect.poll(async () => (await summary(page)).backend, { timeout: 110_000 }).toBe(backend);
    await waitReady(page);
    await page.getByLabel('Query').fill('How do black holes form?');
    await page.getByLabel('Query').press('Enter');
    await expect.poll(async () => (await summary(page)).query.results.length).toBe(3);
    return (await summary(page)).query.results;
  };
  const onWasm = await useModel('fp32', 'wasm');
  const onWebGpu = await useModel('fp32', 'webgpu');
  expect((await summary(page)).dtype).toBe('fp32');
  await expect(page.getByLabel('Model in use')).toContainText('webgpu');
  expect(onWebGpu.map((r) => r.index)).toEqual(onWasm.map((r) => r.index));
  onWebGpu.forEach((r, i) => expect(r.score).toBeCloseTo(onWasm[i]!.score, 4));
  expect(onWasm[0]!.text).toContain('Black holes');
});
