// Orrery's Content-Security-Policy. Two parts: a fixed part, served in the page (a meta tag) and
// by the server (a header), which never names connect-src; and connect-src, set when the page
// starts from the hosts the user has allowed, so that a page (and every worker it starts) reaches
// its own origin and those hosts only. A policy can only narrow what the others allow, which is
// why the fixed part leaves connect-src out, and why allowing a new host takes a reload.
// (No imports: vite.config.ts reads this file as it is.)

export const FIXED_POLICY = [
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self'",
  "manifest-src 'self'",
].join('; ');

/** The header adds what a meta tag cannot carry. */
export const HEADER_POLICY = `${FIXED_POLICY}; frame-ancestors 'none'`;

/** Hosts that serve the Hugging Face Hub's files: the page that lists models, and its file CDNs. */
export const HUB_ORIGINS = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'];

const ORIGIN = /^https?:\/\/(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?$/;

/** The origin of an address the user typed (http or https only), as connect-src names it. */
export function hostOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`“${url}” is not an address`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`“${url}” is not an http or https address`);
  return parsed.origin;
}

/** The allowed hosts as stored; anything that is not a plain origin is dropped (the list is input too). */
export function parseAllowedHosts(stored: string | null): string[] {
  if (!stored) return [];
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((h): h is string => typeof h === 'string' && ORIGIN.test(h)))];
}

export function connectPolicy(hosts: readonly string[]): string {
  return ["connect-src 'self' data: blob:", ...hosts.filter((h) => ORIGIN.test(h))].join(' ');
}

/** Whether connect-src with these hosts lets the page reach `origin` (a *. entry covers subdomains). */
export function allows(hosts: readonly string[], origin: string): boolean {
  return hosts.some((host) => {
    if (host === origin) return true;
    const wildcard = /^(https?:\/\/)\*\.(.+)$/.exec(host);
    if (!wildcard) return false;
    const [, scheme, rest] = wildcard;
    return origin.startsWith(scheme!) && origin.slice(scheme!.length).endsWith(`.${rest}`);
  });
}
