// Work that may never end (a third-party reader looping on a damaged file) is run where it can be
// stopped, and given a time limit: past it, the work is stopped and the input refused by name.
import { InputError } from './ingest/inputError';

/** Settles as `work` does, or past `ms` calls `stop` and rejects with an InputError saying `why`. */
export function withinTimeLimit<T>(work: Promise<T>, ms: number, stop: () => void, why: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stop();
      reject(new InputError(why));
    }, ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** What a reader may take on a file of `bytes`: a fixed allowance and a second per 4 MB. */
export const readerTimeLimitMs = (bytes: number): number => 15_000 + Math.floor(bytes / 4e6) * 1000;
