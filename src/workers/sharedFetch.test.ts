import { describe, expect, it } from 'vitest';
import { sharedFetch } from './sharedFetch';

/** A server whose responses are counted; its bodies come without a length, as compressed ones do. */
function server() {
  const requests: string[] = [];
  const base = async (input: string | URL) => {
    const url = String(input);
    requests.push(url);
    if (url.endsWith('missing.json')) return new Response('not found', { status: 404 });
    if (url.endsWith('broken.onnx')) throw new TypeError('network error');
    return new Response(`bytes of ${url}`, { headers: { 'content-type': 'application/octet-stream' } });
  };
  return { base, requests };
}

const ownFiles = (url: string) => url.startsWith('/models/');

describe('sharedFetch', () => {
  it('downloads a file of the app once for all its readers, each with a body of its own and its length', async () => {
    const { base, requests } = server();
    const { fetch } = sharedFetch(base, ownFiles);
    const [a, b] = await Promise.all([fetch('/models/m/onnx/model.onnx'), fetch('/models/m/onnx/model.onnx')]);
    expect(requests).toEqual(['/models/m/onnx/model.onnx']);
    expect(await a.text()).toBe('bytes of /models/m/onnx/model.onnx');
    expect(await b.text()).toBe('bytes of /models/m/onnx/model.onnx');
    expect(a.headers.get('content-length')).toBe(String('bytes of /models/m/onnx/model.onnx'.length));
    expect(a.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('keeps the status of a missing file, and forgets a failed one so that the next load retries', async () => {
    const { base, requests } = server();
    const { fetch } = sharedFetch(base, ownFiles);
    expect((await fetch('/models/m/missing.json')).status).toBe(404);
    await expect(fetch('/models/m/broken.onnx')).rejects.toThrow('network error');
    await expect(fetch('/models/m/broken.onnx')).rejects.toThrow('network error');
    expect(requests.filter((url) => url.endsWith('broken.onnx'))).toHaveLength(2);
  });

  it('leaves other URLs, range requests and other methods to the network, and downloads again after forget()', async () => {
    const { base, requests } = server();
    const shared = sharedFetch(base, ownFiles);
    await shared.fetch('https://huggingface.co/x/config.json');
    await shared.fetch('https://huggingface.co/x/config.json');
    await shared.fetch('/models/m/config.json', { headers: { Range: 'bytes=0-0' } });
    await shared.fetch('/models/m/config.json', { method: 'HEAD' });
    await shared.fetch('/models/m/config.json');
    shared.forget();
    await shared.fetch('/models/m/config.json');
    expect(requests).toEqual([
      'https://huggingface.co/x/config.json',
      'https://huggingface.co/x/config.json',
      '/models/m/config.json',
      '/models/m/config.json',
      '/models/m/config.json',
      '/models/m/config.json',
    ]);
  });
});
