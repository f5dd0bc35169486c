// Starts a real Chroma server (the chromadb npm package's own) on a free port with a temporary data
// folder, for the tests: `npx chroma run` with a config file that allows the app's origin.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChromaServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHeartbeat(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Chroma exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${url}/api/v2/heartbeat`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Chroma did not answer within 30 s:\n${log()}`);
}

export async function startChroma(allowOrigins: string[] = ['http://127.0.0.1:4173']): Promise<ChromaServer> {
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), 'orrery-chroma-'));
  const config = join(folder, 'chroma.yaml');
  writeFileSync(
    config,
    `port: ${port}\nlisten_address: "127.0.0.1"\npersist_path: "${join(folder, 'data')}"\nallow_reset: true\ncors_allow_origins: ${JSON.stringify(allowOrigins)}\n`,
  );
  const child = spawn(process.execPath, [join(process.cwd(), 'node_modules/chromadb/dist/cli.mjs'), 'run', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHeartbeat(url, child, () => output.slice(-2000));
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
