// Bytes as base64url (RFC 4648 §5, no padding: safe in a URL fragment), and deflate-raw through
// the platform's CompressionStream, with a cap on what a payload may inflate to.

const CHUNK = 0x8000;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null when the text is not base64url */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A stream's bytes, up to `cap`: past it the stream is cancelled and this rejects with a RangeError. */
export async function drain(stream: ReadableStream<Uint8Array>, cap: number, progress?: (bytes: number) => void): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      throw new RangeError(`more than ${cap} bytes`);
    }
    parts.push(value);
    progress?.(total);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const through = (bytes: Uint8Array, transform: CompressionStream | DecompressionStream, cap: number): Promise<Uint8Array> => {
  const source = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return drain(source, cap);
};

export const deflate = (bytes: Uint8Array): Promise<Uint8Array> => through(bytes, new CompressionStream('deflate-raw'), Infinity);

/** Rejects with RangeError past `cap` bytes (a decompression bomb stops there), TypeError when damaged. */
export const inflate = (bytes: Uint8Array, cap: number): Promise<Uint8Array> => through(bytes, new DecompressionStream('deflate-raw'), cap);
