// Every worker starts from a blob: URL that imports its real module. A worker loaded straight from
// a URL takes its Content-Security-Policy from that file's response, not from the page, so the
// page's connect-src (the hosts the user allowed) would not bind it; a blob: worker inherits the
// policy of whoever starts it.

const TEST_CHANNEL = 'orrery-test-hooks';

/** Tests set this before the page loads to let them crash a worker on purpose (crashWorkerForTest). */
const testHooks = (): boolean => (globalThis as { __orreryTestHooks?: unknown }).__orreryTestHooks === true;

/** `url`: the worker module's address, as `import url from './x.worker.ts?worker&url'` gives it. */
export function startWorker(url: string, name: string): Worker {
  const module = new URL(url, import.meta.url).href;
  const lines = [
    // a refused connection is said in the console, where a test (or a developer) sees it
    `self.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
    // test only: an uncaught error in the worker, as a bug or running out of memory would raise
    testHooks()
      ? `self.__orreryTestHooks = true; new BroadcastChannel(${JSON.stringify(TEST_CHANNEL)}).onmessage = (e) => { if (e.data === ${JSON.stringify(name)}) setTimeout(() => { throw new Error('crashed on purpose'); }); };`
      : '',
    `import ${JSON.stringify(module)};`,
  ];
  const source = new Blob([lines.join('\n')], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(source), { type: 'module', name });
}

/** Test only: makes every running worker of this name fail with an uncaught error. */
export function crashWorkerForTest(name: string): void {
  if (testHooks()) new BroadcastChannel(TEST_CHANNEL).postMessage(name);
}
