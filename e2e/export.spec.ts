import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, summary, test, waitClustered, waitReady } from './fixtures';

/** Compares an exported picture with the scene rendered bare: the share of pixels that differ inside the shown names' boxes and outside them. */
function namesInPicture(page: Page, base64: string): Promise<{ shown: number; insideChanged: number; outsideChanged: number }> {
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const bare = (window as unknown as { __orreryPicture: (scale: number) => HTMLCanvasElement }).__orreryPicture(1);
    const exported = document.createElement('canvas');
    [exported.width, exported.height] = [bare.width, bare.height];
    exported.getContext('2d')!.drawImage(image, 0, 0);
    const a = exported.getContext('2d')!.getImageData(0, 0, bare.width, bare.height).data;
    const b = bare.getContext('2d')!.getImageData(0, 0, bare.width, bare.height).data;
    const rect = document.querySelector('canvas')!.getBoundingClientRect();
    const boxes = Array.from(document.querySelectorAll<HTMLElement>('.cluster-label'))
      .filter((e) => e.style.visibility === 'visible')
      .map((e) => e.getBoundingClientRect())
      .map((r) => ({ x: r.left - rect.left, y: r.top - rect.top, w: r.width, h: r.height }));
    let [inside, insideChanged, outside, outsideChanged] = [0, 0, 0, 0];
    for (let p = 0; p < a.length / 4; p++) {
      const [x, y] = [p % bare.width, Math.floor(p / bare.width)];
      const changed = Math.abs(a[p * 4]! - b[p * 4]!) + Math.abs(a[p * 4 + 1]! - b[p * 4 + 1]!) + Math.abs(a[p * 4 + 2]! - b[p * 4 + 2]!) > 30;
      if (boxes.some((box) => x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h))
        [inside, insideChanged] = [inside + 1, insideChanged + +changed];
      else [outside, outsideChanged] = [outside + 1, outsideChanged + +changed];
    }
    return { shown: boxes.length, insideChanged: insideChanged / Math.max(1, inside), outsideChanged: outsideChanged / Math.max(1, outside) };
  }, base64);
}

test('the view as a picture at 1× and 2×; the points as CSV, JSON Lines and Parquet (read back); the Projector pair reads back into Orrery', async ({
  page,
  browser,
}) => {
  await page.goto('/?demo');
  await waitReady(page);
  await waitClustered(page);
  const s = await summary(page);
  const panel = page.getByRole('region', { name: 'Export' });
  const canvas = (await page.locator('canvas').boundingBox())!;

  for (const scale of [1, 2]) {
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: `Picture (${scale}×)` }).click();
    const png = readFileSync((await (await download).path())!);
    // PNG: width and height are big-endian at bytes 16 and 20
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Math.round(canvas.width * scale), Math.round(canvas.height * scale)]);
    if (scale === 1) {
      // the cluster names drawn over the scene are in the picture: it differs from the bare render inside their boxes, and hardly elsewhere
      const names = await namesInPicture(page, png.toString('base64'));
      expect(names.shown).toBeGreaterThan(1);
      expect(names.insideChanged).toBeGreaterThan(0.3);
      expect(names.outsideChanged).toBeLessThan(0.01);
    }
  }

  let download = page.waitForEvent('download');
  await panel.getByLabel('with their vectors').check();
  await panel.getByRole('button', { name: 'Points as CSV' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('text,id,source,x,y,z,cluster,cluster_name,vector');
  expect(csv.length).toBe(s.chunkCount + 1);
  expect(csv[1]).toContain('Astronomy#1');

  download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Points as JSON Lines' }).click();
  const lines = readFileSync((await (await download).path())!, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { vector: number[]; cluster: number; cluster_name: string });
  expect(lines).toHaveLength(s.chunkCount);
  expect(lines[0]!.vector).toHaveLength(512);
  expect(s.clusters.items.map((c) => c.terms.join(' · '))).toContain(lines[0]!.cluster_name);

  // Parquet with its vectors: dropped into a fresh page it is the same points again, nothing embedded
  download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Points as Parquet' }).click();
  const parquet = await download;
  expect(parquet.suggestedFilename()).toBe('orrery-points.parquet');
  const parquetBytes = readFileSync((await parquet.path())!);
  expect(parquetBytes.subarray(0, 4).toString()).toBe('PAR1');
  const fromParquet = await browser.newPage();
  await fromParquet.goto('/');
  await fromParquet.getByLabel('Add files').setInputFiles({ name: 'orrery-points.parquet', mimeType: 'application/octet-stream', buffer: parquetBytes });
  await waitReady(fromParquet);
  const read = await summary(fromParquet);
  expect([read.chunkCount, read.dims, read.importedCount, read.embeddedCount]).toEqual([s.chunkCount, 512, s.chunkCount, 0]);
  await fromParquet.close();

  const files: { name: string; buffer: Buffer }[] = [];
  const both = new Promise<void>((resolve) => {
    page.on('download', async (d) => {
      files.push({ name: d.suggestedFilename(), buffer: readFileSync((await d.path())!) });
      if (files.length === 2) resolve();
    });
  });
  await panel.getByRole('button', { name: 'For the Embedding Projector' }).click();
  await both;
  expect(files.map((f) => f.name).sort()).toEqual(['metadata.tsv', 'vectors.tsv']);

  // dropped into a fresh page, the pair is the same corpus again, nothing embedded
  const other = await browser.newPage();
  await other.goto('/');
  await other.getByLabel('Add files').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/tab-separated-values', buffer: f.buffer })));
  await waitReady(other);
  const back = await summary(other);
  expect([back.chunkCount, back.dims, back.importedCount, back.embeddedCount]).toEqual([s.chunkCount, 512, s.chunkCount, 0]);
  await other.close();
});
