// A 64-bit text fingerprint (two independent 32-bit hashes), for cache keys that must not hold
// whole texts (IndexedDB keys, long chunks).

export function textHash(text: string): string {
  let a = 0x811c9dc5; // FNV-1a
  let b = 0x9747b28c; // a multiply-rotate hash with another seed
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}:${text.length.toString(36)}`;
}
