// Node 20 has no Float16Array (Chromium has had it since version 135): the polyfill stands in, so
// that vectors held as float16 are tested in Node as the page holds them.
import { Float16Array } from '@petamoriken/float16';

if (typeof (globalThis as { Float16Array?: unknown }).Float16Array !== 'function') Object.assign(globalThis, { Float16Array });
