/**
 * Due time of calendar schedules: fixed-date deadlines ("paling lambat tanggal 5
 * setiap bulan", "tanggal 3 Januari") and recurring routines ("Setiap Jum'at",
 * "3 bulan sekali"). A closed day moves as the spec's `roll` says: a routine's to the previous
 * working day (the book's own rule, "kecuali hari jum'at libur dilaksanakan hari kerja
 * sebelumnya"), a fixed date's to the next one, so a report on a period is never due before the
 * period ends (docs/waktu.md, R8).
 */
import type { DateTime } from 'luxon';
import type { FixedDateSpec, RecurringSpec, Schedule } from '../sop/waktuSpec.ts';
import type { DueContext, DueResult } from './dueTypes.ts';
import { formatTanggal, formatWaktu, namaBulan, namaHari } from './formatTanggal.ts';
import { addDays, endOfDay, localDate, partsOf, weekdayOf } from './localDate.ts';
import { rollToWorkingDay } from './workingDays.ts';

// A yearly schedule recurs within 366 days; look a little further for safety.
const HORIZON_DAYS = 400;

/** Indonesian description of a schedule: "tanggal 3 bulan Januari, Mei, September". */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.every === 'day') return 'setiap hari kerja';
  if (schedule.every === 'week') return `setiap hari ${namaHari(schedule.weekday)}`;
  const months = schedule.months.length === 12 ? 'setiap bulan' : `bulan ${schedule.months.map(namaBulan).join(', ')}`;
  return schedule.day === 'last' ? `hari terakhir ${months}` : `tanggal ${schedule.day} ${months}`;
}

function matches(schedule: Schedule, date: string): boolean {
  if (schedule.every === 'day') return true;
  if (schedule.every === 'week') return weekdayOf(date) === schedule.weekday;
  const { month, day, daysInMonth } = partsOf(date);
  if (!schedule.months.includes(month)) return false;
  // "tanggal 31" in a 30-day month means its last day.
  return schedule.day === 'last' ? day === daysInMonth : day === Math.min(schedule.day, daysInMonth);
}

/** Computes the next occurrence of a fixed date or a recurring routine, on or after the start. */
export function scheduleDue(spec: FixedDateSpec | RecurringSpec, ctx: DueContext, start: DateTime): DueResult {
  const { calendar } = ctx;
  const zone = calendar.zone;
  const startDate = localDate(start);
  const what = describeSchedule(spec.schedule);
  const notes: string[] = [];
  let nominal = startDate;
  let rolled: { date: string; skipped: { date: string; reason: string }[] } | undefined;
  for (let i = 0; i <= HORIZON_DAYS; i++, nominal = addDays(nominal, 1)) {
    if (!matches(spec.schedule, nominal)) continue;
    rolled = rollToWorkingDay(calendar, nominal, spec.schedule.every === 'day' ? 'forward' : spec.roll);
    // A routine's next run must still lie ahead; a deadline keeps its date even if rolling put it
    // behind the start — the step then began after its deadline and is late by the book's rule.
    if (spec.kind === 'fixedDate' || rolled.date >= startDate) break;
    notes.push(`${formatTanggal(nominal)} sudah lewat setelah dimajukan ke ${formatTanggal(rolled.date)}; dipakai kejadian berikutnya.`);
    rolled = undefined;
  }
  if (!rolled) throw new Error(`Jadwal "${spec.verbatim}" tidak punya kejadian dalam ${HORIZON_DAYS} hari sejak ${startDate}.`);
  if (spec.kind === 'fixedDate' && rolled.date < startDate) {
    notes.push(`Tenggat ${formatTanggal(rolled.date)} jatuh sebelum langkah dimulai (${formatTanggal(startDate)}): langkah sudah terlambat.`);
  }
  const due = endOfDay(rolled.date, zone);
  const moved = rolled.date !== nominal
    ? `; ${formatTanggal(nominal)} kantor tutup, jadi ${spec.roll === 'backward' && spec.schedule.every !== 'day' ? 'dimajukan ke hari kerja sebelumnya' : 'diundur ke hari kerja berikutnya'}`
    : '';
  const rule = spec.roll === 'backward' && spec.schedule.every !== 'day'
    ? 'hari tutup dimajukan ke hari kerja sebelumnya ("kecuali hari jum\'at libur dilaksanakan hari kerja sebelumnya")'
    : 'hari tutup diundur ke hari kerja berikutnya';
  const label = spec.kind === 'recurring' ? 'Jadwal rutin berikutnya' : 'Tenggat';
  return {
    due,
    reading: `${what}: ${spec.kind === 'recurring' ? 'kejadian' : 'tanggal'} berikutnya ${nominal}${rolled.date !== nominal ? ` → ${rolled.date}` : ''}`,
    explanation: `${label} ${formatWaktu(due, zone)}: ${what}, kejadian pertama sejak ${formatTanggal(startDate)}${moved}.`,
    derivation: {
      anchor: `mulai langkah ${startDate}`,
      counting: `${what}; ${rule}`,
      skipped: rolled.skipped,
      calendarVersion: calendar.version,
      notes,
    },
  };
}
