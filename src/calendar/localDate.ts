/**
 * Arithmetic on local dates ('YYYY-MM-DD') and instants in the satker's zone.
 * Deadlines are local dates at the satker (sop-standard §4.1), so days are
 * counted on dates, and only the final instant carries the zone's offset.
 */
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { WaktuDataError } from './waktuDataError.ts';

const day = (date: string): DateTime => DateTime.fromISO(date, { zone: 'UTC' });
const isoDate = (dt: DateTime): string => dt.toISODate() ?? '';

// Day counting runs on every step a case starts, so dates are plain integers here: luxon's
// IANA zone look-ups (Intl) cost about 100 times more and dominated the runtime's profile.
const MS_PER_DAY = 86_400_000;
const utcMillis = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtcMillis = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const zones = new Map<string, Zone>();

/**
 * The luxon zone for a satker zone name. Indonesia's zones have kept one offset since 1988
 * (no daylight saving), so a zone whose offset is the same in January and July of every year
 * from 1990 to 2060 becomes a fixed-offset zone, which needs no Intl look-up per instant.
 */
export function zoneObject(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    const iana = IANAZone.create(name);
    zone = iana;
    if (iana.isValid) {
      const offsets = new Set<number>();
      for (let year = 1990; year <= 2060; year++) for (const month of [0, 6]) offsets.add(iana.offset(Date.UTC(year, month, 1)));
      if (offsets.size === 1) zone = FixedOffsetZone.instance([...offsets][0] as number);
    }
    zones.set(name, zone);
  }
  return zone;
}

/** The date `days` days after (or before, if negative) a date. */
export function addDays(date: string, days: number): string {
  if (days === 1 || days === -1) {
    // Day-by-day walks (counting hari kerja, rolling off holidays) ask this most: remember the answers.
    const neighbours = days === 1 ? nextDays : previousDays;
    let found = neighbours.get(date);
    if (found === undefined) {
      found = fromUtcMillis(utcMillis(date) + days * MS_PER_DAY);
      neighbours.set(date, found);
    }
    return found;
  }
  return fromUtcMillis(utcMillis(date) + days * MS_PER_DAY);
}

const nextDays = new Map<string, string>();
const previousDays = new Map<string, string>();

/** Adds calendar weeks, months or years; a month end clamps (31 Jan + 1 bulan = 28/29 Feb). */
export function addCalendar(date: string, amount: number, unit: 'week' | 'month' | 'year'): string {
  const key = unit === 'week' ? 'weeks' : unit === 'month' ? 'months' : 'years';
  return isoDate(day(date).plus({ [key]: amount }));
}

/** ISO weekday of a date: 1 = Senin … 7 = Minggu. */
export function weekdayOf(date: string): number {
  return new Date(utcMillis(date)).getUTCDay() || 7;
}

/** Year, month and day-of-month of a date, with the month's length. */
export function partsOf(date: string): { year: number; month: number; day: number; daysInMonth: number } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { year, month, day: Number(date.slice(8, 10)), daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate() };
}

/** The date of a given year, month and day, clamped to the month's last day. */
export function dateOf(year: number, month: number, dayOfMonth: number): string {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' });
  return isoDate(first.set({ day: Math.min(dayOfMonth, first.daysInMonth ?? 31) }));
}

/** Reads an ISO 8601 instant or date in the satker's zone; a bare date is its local midnight. */
export function readInstant(value: unknown, zone: string, what: string): DateTime {
  const text = typeof value === 'string' ? value.trim() : undefined;
  // Event timestamps carry an explicit offset: read them without luxon's ISO parser.
  const millis = text && FULL_INSTANT.test(text) ? Date.parse(text) : NaN;
  const parsed = !Number.isNaN(millis) ? DateTime.fromMillis(millis, { zone: zoneObject(zone) })
    : text !== undefined ? DateTime.fromISO(text, { zone: zoneObject(zone) }) : null;
  if (!parsed || !parsed.isValid) {
    throw new WaktuDataError(
      what === 'mulai' ? 'WAKTU_START_INVALID' : 'WAKTU_ANCHOR_INVALID',
      `${what === 'mulai' ? 'Waktu mulai' : `Tanggal «${what}»`} "${String(value)}" bukan tanggal ISO 8601 yang sah; contoh: 2026-03-16 atau 2026-03-16T09:00:00+07:00.`,
    );
  }
  return parsed.setZone(zoneObject(zone));
}

/** The local date ('YYYY-MM-DD') of an ISO instant in the zone; undefined when it is not an instant. */
export function localDayOf(instant: string, zone: string): string | undefined {
  const millis = FULL_INSTANT.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(millis)) return undefined;
  const z = zoneObject(zone);
  // A fixed-offset zone (every Indonesian one) needs no luxon object: shift and read the date.
  if (z.isUniversal) return new Date(millis + z.offset(millis) * 60_000).toISOString().slice(0, 10);
  return DateTime.fromMillis(millis, { zone: z }).toISODate() ?? undefined;
}

/** The local date of an instant. */
export function localDate(instant: DateTime): string {
  return isoDate(instant);
}

const FULL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An instant as ISO 8601 with the zone's offset and no milliseconds. */
export function toInstant(instant: DateTime): string {
  const seconds = Math.floor(instant.toMillis() / 1000) * 1000;
  const local = new Date(seconds + instant.offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offsetText(instant.offset)}`;
}

/**
 * `value` (a full instant, or a bare local date meaning its midnight) as `toInstant` writes it in
 * the zone: what a derivation says a count started from. A full instant in any offset is shifted
 * without luxon when the zone has a fixed offset (every Indonesian one).
 */
export function instantText(value: string, zone: string): string {
  const z = zoneObject(zone);
  if (z.isUniversal && FULL_INSTANT.test(value)) {
    const offset = z.offset(0);
    const suffix = fixedOffsetText(offset);
    // Already written so (seconds, no fraction, the zone's offset): as it is. Runs on every deadline read from the cache.
    if (value.length === 19 + suffix.length && value.endsWith(suffix)) return value;
    const seconds = Math.floor(Date.parse(value) / 1000) * 1000;
    return `${new Date(seconds + offset * 60_000).toISOString().slice(0, 19)}${suffix}`;
  }
  return toInstant(readInstant(value, zone, 'mulai'));
}

const offsetTexts = new Map<number, string>();

/** offsetText, kept per offset: a fixed zone has one. */
function fixedOffsetText(minutes: number): string {
  let text = offsetTexts.get(minutes);
  if (text === undefined) offsetTexts.set(minutes, (text = offsetText(minutes)));
  return text;
}

/** A wall-clock time of a local date in the zone, as an ISO instant with the zone's offset. */
function wallClock(date: string, time: string, zone: string): string {
  const z = zoneObject(zone);
  if (z.isUniversal) return `${date}T${time}${offsetText(z.offset(utcMillis(date)))}`;
  return toInstant(DateTime.fromISO(`${date}T${time}`, { zone: z }));
}

/** 23:59:59 of a local date in the zone, with its offset: the end of the day a deadline falls on. */
export function endOfDay(date: string, zone: string): string {
  return wallClock(date, '23:59:59', zone);
}

/** 00:00:00 of a local date in the zone, with its offset. */
export function startOfDay(date: string, zone: string): string {
  return wallClock(date, '00:00:00', zone);
}
