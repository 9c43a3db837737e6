/**
 * What a query schema (schemas.ts) cannot say by itself: a period's bounds as instants in the
 * office's zone, and that it does not end before it starts. A bad value is refused as BAD_INPUT
 * naming its parameter (`parameter` in the problem answer), in Bahasa Indonesia.
 */
import { periodBoundMs } from '../src/calendar/periodBound.ts';
import { ProtapError } from '../src/runtime/protapError.ts';

/** The refusal of one query parameter's value. */
export function badParameter(name: string, message: string): ProtapError {
  return new ProtapError('BAD_INPUT', message, { parameter: name });
}

/**
 * A period from `from` and `to` as instants (ISO, UTC): a date-time as given (in the office's zone
 * without offset), a bare date from the first moment (`from`) or to the last (`to`) of its day there.
 */
export function periodOf(query: { from?: string; to?: string }, zone: string): { from?: string; to?: string } {
  const instant = (name: 'from' | 'to', edge: 'start' | 'end'): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    const ms = periodBoundMs(value, edge, zone);
    if (Number.isNaN(ms)) throw badParameter(name, `Parameter "${name}" harus tanggal ISO 8601 (mis. 2026-03-31 atau 2026-03-31T17:00:00+07:00), bukan "${value}".`);
    return new Date(ms).toISOString();
  };
  const from = instant('from', 'start');
  const to = instant('to', 'end');
  if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) throw badParameter('from', 'Parameter "from" harus sebelum atau sama dengan "to".');
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}
