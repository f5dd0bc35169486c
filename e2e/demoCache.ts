// A cheaper fixture: the demo's vectors from the built-in model, embedded once per test process
// and put into each new browser's embedding cache before its page starts, as a returning visitor's
// browser holds them. A test that opens the demo then skips about 3.5 s of embedding; what it asserts
// is unchanged (the cache is the app's own path). Tests of embedding itself opt out (`seedDemoCache`).
import type { Browser, BrowserContext } from '@playwright/test';

type Entries = [key: string, base64: string][];

let captured: Promise<Entries> | null = null;

/** Embeds the demo once in a browser of its own and reads back what the app cached. */
async function capture(browser: Browser, baseURL: string): Promise<Entries> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto('/?demo');
    const read = () =>
      page.evaluate(
        () =>
          new Promise<Entries>((resolve, reject) => {
            const open = indexedDB.open('orrery');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('embeddings')) return resolve([]);
              const entries: Entries = [];
              const cursor = db.transaction('embeddings').objectStore('embeddings').openCursor();
              cursor.onsuccess = () => {
                const at = cursor.result;
                if (!at) return (db.close(), resolve(entries));
                const bytes = new Uint8Array((at.value as Float32Array).buffer);
                let text = '';
                for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
                entries.push([String(at.key), btoa(text)]);
                at.continue();
              };
            };
          }),
      );
    // the demo's chunks are all cached once it is ready and its last batch is written
    const deadline = Date.now() + 120_000;
    for (;;) {
      const summary = await page.evaluate(() => (window as unknown as { __orrery?: { chunkCount: number; tasks: number } }).__orrery);
      const ready = summary !== undefined && summary.tasks === 0 && summary.chunkCount > 0;
      const entries = ready ? await read() : [];
      if (ready && entries.length >= summary.chunkCount) return entries;
      if (Date.now() > deadline) throw new Error(`the demo's vectors were not cached (${entries.length} found)`);
      await page.waitForTimeout(250);
    }
  } finally {
    await context.close();
  }
}

/** Puts the demo's vectors into the embedding cache of every page this context opens. */
export async function seedDemoCache(context: BrowserContext, browser: Browser, baseURL: string): Promise<void> {
  captured ??= capture(browser, baseURL);
  const entries = await captured;
  await context.addInitScript((seed: Entries) => {
    const open = indexedDB.open('orrery', 1);
    open.onupgradeneeded = () => {
      for (const name of ['workspace', 'embeddings']) if (!open.result.objectStoreNames.contains(name)) open.result.createObjectStore(name);
    };
    open.onsuccess = () => {
      const db = open.result;
      const transaction = db.transaction('embeddings', 'readwrite');
      const store = transaction.objectStore('embeddings');
      for (const [key, base64] of seed) {
        const text = atob(base64);
        const bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
        store.put(new Float32Array(bytes.buffer), key);
      }
      transaction.oncomplete = () => db.close();
    };
  }, entries);
}
