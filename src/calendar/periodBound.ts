/**
 * The bounds of a period as people write them: an ISO 8601 date-time is the instant it names (in
 * the satker's zone when it gives no offset); a bare date covers its whole day in that zone, so
 * "to=2026-03-31" includes the 31st.
 */
import { DateTime } from 'luxon';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Milliseconds of a period bound (a date: its first or last millisecond); NaN when not an ISO 8601 date or date-time. */
export function periodBoundMs(text: string, edge: 'start' | 'end', zone: string): number {
  if (!ISO_DATE.test(text) && !ISO_DATE_TIME.test(text)) return Number.NaN;
  const at = DateTime.fromISO(text, { zone });
  if (!at.isValid) return Number.NaN;
  if (!ISO_DATE.test(text)) return at.toMillis();
  return (edge === 'start' ? at.startOf('day') : at.endOf('day')).toMillis();
}
