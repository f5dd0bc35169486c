// A local stand-in for the Hugging Face Hub: serves the built-in model's files in the Hub's URL
// layout (/{owner}/{name}/resolve/main/{file}), slowly enough for a progress bar to show, and
// a few broken repositories for the failure paths.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

export const MIRROR_PORT = 4180;
export const MIRROR = `http://127.0.0.1:${MIRROR_PORT}/`;
export const MIRRORED_MODEL = 'mirror-test/use-lite-en';
export const HTML_MODEL = 'mirror-test/html-instead-of-json';
export const FAILING_MODEL = 'mirror-test/server-error';
export const TRUNCATED_MODEL = 'mirror-test/truncated-onnx';
const MODEL_DIR = join('public', 'models', 'orrery', 'use-lite-en');

export interface Mirror {
  requests: string[];
  close(): Promise<void>;
}

export async function startMirror(): Promise<Mirror> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', MIRROR);
    requests.push(`${request.method} ${url.pathname}`);
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', '*');
    response.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range');
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    const match = /^\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(url.pathname);
    if (match?.[1] === HTML_MODEL) return void response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Sign in</body></html>');
    if (match?.[1] === FAILING_MODEL) return void response.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
    const served = match?.[1] === MIRRORED_MODEL || match?.[1] === TRUNCATED_MODEL;
    const file = served ? join(MODEL_DIR, match![2]!) : null;
    if (!file || !existsSync(file)) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Entry not found');
    const whole = readFileSync(file);
    // the truncated repository cuts its weights off halfway, as a broken download would
    const body = match![1] === TRUNCATED_MODEL && file.endsWith('.onnx') ? whole.subarray(0, whole.length >> 1) : whole;
    response.writeHead(200, { 'Content-Type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream', 'Content-Length': body.length });
    if (request.method === 'HEAD') return void response.end();
    // about a second for the 7 MB weights, so that the download progress is visible
    let offset = 0;
    const send = () => {
      if (offset >= body.length) return void response.end();
      const next = Math.min(body.length, offset + 512 * 1024);
      response.write(body.subarray(offset, next));
      offset = next;
      setTimeout(send, 60);
    };
    send();
  });
  await new Promise<void>((resolve) => server.listen(MIRROR_PORT, '127.0.0.1', resolve));
  return { requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
