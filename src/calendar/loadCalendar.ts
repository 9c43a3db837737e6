/**
 * Loads the working-day calendar from processes/calendar/<year>.json: the data
 * boundary of src/calendar, the only place that reads files. Years with no file
 * are drafted from date-holidays on first use.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IANAZone } from 'luxon';
import { parseCalendarYear, type CalendarYear } from './calendarYear.ts';
import { draftYear } from './draftYear.ts';
import { createWorkingCalendar, type WorkingCalendar } from './workingCalendar.ts';

// Resolved from this file, not the cwd: `protap` may be run from any folder.
export const CALENDAR_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../processes/calendar');

const ZONES: Record<string, string> = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' };

const cache = new Map<string, WorkingCalendar>();

/** 'WIB' | 'WITA' | 'WIT' or an IANA zone name → the IANA zone; throws an Indonesian error for anything else. */
export function zoneFor(name: string): string {
  const trimmed = String(name ?? '').trim();
  const known = ZONES[trimmed.toUpperCase()];
  if (known) return known;
  if (trimmed !== '' && IANAZone.isValidZone(trimmed)) return trimmed;
  throw new Error(`Zona waktu "${trimmed}" tidak dikenal. Gunakan WIB, WITA, WIT atau nama zona IANA seperti Asia/Jakarta, Asia/Makassar, Asia/Jayapura.`);
}

/** Reads and validates every <year>.json in a folder. */
export function readCalendarYears(dir: string): CalendarYear[] {
  if (!existsSync(dir)) throw new Error(`Folder kalender "${dir}" tidak ditemukan.`);
  return readdirSync(dir)
    .filter((file) => /^\d{4}\.json$/.test(file))
    .sort()
    .map((file) => {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      } catch (error) {
        throw new Error(`Berkas kalender ${file} bukan JSON yang sah: ${error instanceof Error ? error.message : String(error)}`);
      }
      return parseCalendarYear(data, file);
    });
}

/** The working-day calendar for a zone (default WIB) from a folder of year files (default processes/calendar); cached per folder and zone. */
export function loadCalendar(options: { zone?: string; dir?: string } = {}): WorkingCalendar {
  const zone = zoneFor(options.zone ?? 'WIB');
  const dir = path.resolve(options.dir ?? CALENDAR_DIR);
  const key = `${dir}\u0000${zone}`;
  let calendar = cache.get(key);
  if (!calendar) {
    calendar = createWorkingCalendar({ zone, years: readCalendarYears(dir), draft: draftYear });
    cache.set(key, calendar);
  }
  return calendar;
}
