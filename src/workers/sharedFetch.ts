// transformers.js reads a local model file twice when the server compresses it and so sends no
// length: once to load it, once more only to learn its size, and that second body is never read.
// In Chromium two such requests for one URL share a cache entry, and the unread one can fail the
// other (net::ERR_CACHE_WRITE_FAILURE, "network error"). So the app's own files are fetched once
// per model load, and each caller gets a Response of its own over the same bytes.

interface Fetched {
  body: ArrayBuffer;
  status: number;
  statusText: string;
  headers: [string, string][];
}

type Fetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface SharedFetch {
  fetch: Fetch;
  /** drops the bytes kept so far (after a model load) */
  forget(): void;
}

export function sharedFetch(base: Fetch, shared: (url: string) => boolean): SharedFetch {
  const files = new Map<string, Promise<Fetched>>();
  const fetchShared = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' || !shared(url) || new Headers(init?.headers).has('Range')) return base(input, init);
    let file = files.get(url);
    if (!file) {
      file = base(input, init).then(async (response) => ({
        body: await response.arrayBuffer(),
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
      }));
      files.set(url, file);
      file.catch(() => files.delete(url));
    }
    const { body, status, statusText, headers } = await file;
    const own = new Headers(headers);
    // the bytes are already decoded: their length is known now
    own.delete('content-encoding');
    own.set('content-length', String(body.byteLength));
    const empty = status === 204 || status === 304;
    return new Response(empty ? null : body.slice(0), { status, statusText, headers: own });
  };
  return { fetch: fetchShared, forget: () => files.clear() };
}
