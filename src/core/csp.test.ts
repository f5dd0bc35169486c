import { describe, expect, it } from 'vitest';
import { allows, connectPolicy, FIXED_POLICY, HEADER_POLICY, hostOrigin, HUB_ORIGINS, parseAllowedHosts } from './csp';

describe('the Content-Security-Policy', () => {
  it('allows scripts from the page only (WebAssembly compiled, never eval or inline script), no plugins, no base element', () => {
    const directives = Object.fromEntries(FIXED_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
    // connect-src is the page's to set from the allowed hosts: here it would widen nothing and narrow everything
    expect(FIXED_POLICY).not.toMatch(/connect-src|default-src|'unsafe-eval'/);
    expect(HEADER_POLICY).toContain("frame-ancestors 'none'");
  });

  it('connects to the page’s own origin and the hosts allowed, nothing else', () => {
    expect(connectPolicy([])).toBe("connect-src 'self' data: blob:");
    expect(connectPolicy(['http://localhost:8000', 'javascript:alert(1)', "'unsafe-inline'"])).toBe("connect-src 'self' data: blob: http://localhost:8000");
  });

  it('reads a typed address as its origin and refuses what is not http', () => {
    expect(hostOrigin(' http://localhost:8000/api/v2 ')).toBe('http://localhost:8000');
    expect(hostOrigin('https://Models.Example.org/x')).toBe('https://models.example.org');
    expect(() => hostOrigin('file:///etc')).toThrow(/not an http/);
    expect(() => hostOrigin('no address')).toThrow(/not an address/);
  });

  it('keeps only plain origins from storage', () => {
    expect(parseAllowedHosts('["http://127.0.0.1:8000","https://*.hf.co","http://a b","x; script-src *",3]')).toEqual([
      'http://127.0.0.1:8000',
      'https://*.hf.co',
    ]);
    expect(parseAllowedHosts('not json')).toEqual([]);
    expect(parseAllowedHosts(null)).toEqual([]);
  });

  it('knows which origins an entry covers', () => {
    expect(allows(HUB_ORIGINS, 'https://cdn-lfs.hf.co')).toBe(true);
    expect(allows(HUB_ORIGINS, 'https://huggingface.co')).toBe(true);
    expect(allows(HUB_ORIGINS, 'https://evilhf.co')).toBe(false);
    expect(allows(['http://localhost:8000'], 'http://localhost:8001')).toBe(false);
  });
});
