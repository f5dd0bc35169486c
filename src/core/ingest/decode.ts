// Bytes of a "text" file to a string: byte-order marks, UTF-8, and Latin-1 for files that are not
// valid UTF-8; binary files are refused rather than shown as noise.
import { InputError } from './inputError';

export interface DecodedText {
  text: string;
  /** said to the user when the file was read in some other way than plain UTF-8 */
  note?: string;
}

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    // control characters other than tab, newline, form feed, carriage return and escape
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return control > head.length * 0.05;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  let decoded: DecodedText;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), note: 'read as UTF-16 (little-endian, from its byte-order mark)' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), note: 'read as UTF-16 (big-endian, from its byte-order mark)' };
  } else {
    if (looksBinary(bytes)) throw new InputError('this looks like a binary file, not text');
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
    } catch {
      decoded = { text: new TextDecoder('windows-1252').decode(body), note: 'not valid UTF-8, so it was read as Latin-1 (Windows-1252)' };
    }
  }
  if (!decoded.text.trim()) throw new InputError('the file is empty');
  return decoded;
}
