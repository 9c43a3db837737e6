/**
 * A list's cursor: where a page ended, as the values of the list's sort key, written opaque to
 * clients (base64url of JSON). A cursor not made here is refused naming the parameter.
 */
import { ProtapError } from '../runtime/protapError.ts';

export function cursorOf(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key a cursor holds, if `valid` accepts it. */
export function keyOf<T>(cursor: string, valid: (key: unknown[]) => T | undefined): T {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch { /* refused below */ }
  const read = Array.isArray(key) ? valid(key) : undefined;
  if (read === undefined) throw new ProtapError('BAD_INPUT', 'Parameter "cursor" tidak dikenal: pakai nilai header Protap-Next-Cursor dari halaman sebelumnya.', { parameter: 'cursor' });
  return read;
}
