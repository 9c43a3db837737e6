/**
 * Arithmetic on local dates ('YYYY-MM-DD') and instants in the satker's zone.
 * Deadlines are local dates at the satker (sop-standard §4.1), so days are
 * counted on dates, and only the final instant carries the zone's offset.
 */
import { DateTime } from 'luxon';
import { WaktuDataError } from './waktuDataError.ts';

const day = (date: string): DateTime => DateTime.fromISO(date, { zone: 'UTC' });
const isoDate = (dt: DateTime): string => dt.toISODate() ?? '';

/** The date `days` days after (or before, if negative) a date. */
export function addDays(date: string, days: number): string {
  return isoDate(day(date).plus({ days }));
}

/** Adds calendar weeks, months or years; a month end clamps (31 Jan + 1 bulan = 28/29 Feb). */
export function addCalendar(date: string, amount: number, unit: 'week' | 'month' | 'year'): string {
  const key = unit === 'week' ? 'weeks' : unit === 'month' ? 'months' : 'years';
  return isoDate(day(date).plus({ [key]: amount }));
}

/** ISO weekday of a date: 1 = Senin … 7 = Minggu. */
export function weekdayOf(date: string): number {
  return day(date).weekday;
}

/** Year, month and day-of-month of a date, with the month's length. */
export function partsOf(date: string): { year: number; month: number; day: number; daysInMonth: number } {
  const d = day(date);
  return { year: d.year, month: d.month, day: d.day, daysInMonth: d.daysInMonth ?? 31 };
}

/** The date of a given year, month and day, clamped to the month's last day. */
export function dateOf(year: number, month: number, dayOfMonth: number): string {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' });
  return isoDate(first.set({ day: Math.min(dayOfMonth, first.daysInMonth ?? 31) }));
}

/** Reads an ISO 8601 instant or date in the satker's zone; a bare date is its local midnight. */
export function readInstant(value: unknown, zone: string, what: string): DateTime {
  const parsed = typeof value === 'string' ? DateTime.fromISO(value.trim(), { zone }) : null;
  if (!parsed || !parsed.isValid) {
    throw new WaktuDataError(
      what === 'mulai' ? 'WAKTU_START_INVALID' : 'WAKTU_ANCHOR_INVALID',
      `${what === 'mulai' ? 'Waktu mulai' : `Tanggal «${what}»`} "${String(value)}" bukan tanggal ISO 8601 yang sah; contoh: 2026-03-16 atau 2026-03-16T09:00:00+07:00.`,
    );
  }
  return parsed.setZone(zone);
}

/** The local date of an instant. */
export function localDate(instant: DateTime): string {
  return isoDate(instant);
}

/** An instant as ISO 8601 with the zone's offset and no milliseconds. */
export function toInstant(instant: DateTime): string {
  return instant.set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) ?? '';
}

/** 23:59:59 of a local date in the zone, with its offset: the end of the day a deadline falls on. */
export function endOfDay(date: string, zone: string): string {
  return toInstant(DateTime.fromISO(date, { zone }).set({ hour: 23, minute: 59, second: 59 }));
}

/** 00:00:00 of a local date in the zone, with its offset. */
export function startOfDay(date: string, zone: string): string {
  return toInstant(DateTime.fromISO(date, { zone }));
}
