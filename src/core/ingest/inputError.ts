/** A problem with the user's input; the message says what is wrong, the caller adds the file's name. */
export class InputError extends Error {
  override name = 'InputError';
}
