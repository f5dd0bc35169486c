// Node 20 has no Float16Array (Chromium has had it since version 135): the polyfill stands in, so
// that vectors held as float16 are tested in Node as the page holds them.
import { f16round, Float16Array } from '@petamoriken/float16';

if (typeof (globalThis as { Float16Array?: unknown }).Float16Array !== 'function') Object.assign(globalThis, { Float16Array });
if (typeof (Math as { f16round?: unknown }).f16round !== 'function') Object.assign(Math, { f16round });
