/**
 * Due time of a duration ("5 hari kerja", "14 Hari setelah putusan diterima",
 * "10 hari sebelum waktu penahanan berakhir", "2 x 24 jam", "5 Bulan").
 * The anchor day is never counted (HIR Pasal 391). Hari kerja land on a working
 * day by construction; calendar counts that end on a closed day move (forward
 * after an event, backward before one); exact hours never move.
 */
import type { DateTime } from 'luxon';
import type { DurationSpec } from '../sop/waktuSpec.ts';
import type { DueContext, DueResult } from './dueTypes.ts';
import { formatTanggal, formatWaktu } from './formatTanggal.ts';
import { JEDA_VARIABLE, readJedaWaktu } from './jedaWaktu.ts';
import { addCalendar, addDays, endOfDay, localDate, startOfDay, toInstant } from './localDate.ts';
import { resolveAnchor } from './resolveAnchor.ts';
import { addHariKerja, extendPastPauses, rollToWorkingDay, type PausedDays, type SkippedDay } from './workingDays.ts';

const UNIT_TEXT = { minute: 'menit', hour: 'jam', week: 'minggu', month: 'bulan', year: 'tahun' } as const;

/** Exact hours, pushed past paused days: each paused day inside the span adds 24 hours. */
function exactDue(from: DateTime, spec: DurationSpec, paused: PausedDays): { due: DateTime; skipped: SkippedDay[] } {
  const sign = spec.direction === 'after' ? 1 : -1;
  const span = spec.unit === 'hour' ? { hours: sign * spec.amount } : { minutes: sign * spec.amount };
  let extraDays = 0;
  let skipped: SkippedDay[] = [];
  for (let changed = true; changed && sign === 1; ) {
    const due = from.plus(span).plus({ days: extraDays });
    skipped = [];
    for (let d = addDays(localDate(from), 1); d <= localDate(due); d = addDays(d, 1)) {
      const pause = paused.get(d);
      if (pause !== undefined) skipped.push({ date: d, reason: pause });
    }
    changed = skipped.length !== extraDays;
    extraDays = skipped.length;
  }
  return { due: from.plus(span).plus({ days: extraDays }), skipped };
}

/** Computes the due (or, for a minimum gap, the notBefore) of a duration spec. */
export function durationDue(spec: DurationSpec, ctx: DueContext, start: DateTime): DueResult {
  const { calendar } = ctx;
  const zone = calendar.zone;
  const anchor = resolveAnchor(spec, ctx.anchors, start, zone);
  const notes = [...anchor.notes];
  const hari = spec.hari === 'ikutSop' ? (ctx.hari ?? 'kalender') : spec.hari;
  if (spec.unit === 'day' && spec.hari === 'ikutSop') notes.push(`"Hari" tanpa keterangan dibaca sebagai hari ${hari} (atribut SOP sop:hari).`);
  const paused = spec.pausable ? readJedaWaktu(ctx.vars, zone, spec.pausable.during) : new Map<string, string>();
  if (spec.pausable) {
    notes.push(paused.size > 0
      ? `Jam berhenti selama ${spec.pausable.during}: ${paused.size} hari jeda tidak dihitung.`
      : `Jam berhenti selama ${spec.pausable.during}, tetapi belum ada jeda tercatat (${JEDA_VARIABLE}).`);
  }
  const unitText = spec.unit === 'day' ? `hari ${hari}` : UNIT_TEXT[spec.unit];
  const what = `${spec.amount} ${unitText}`;
  if (spec.alternatives?.length) {
    notes.push(`Frasa memberi lebih dari satu ukuran; dipakai yang bersatuan terbesar (${what}), "${spec.alternatives.join('", "')}" dianggap pembulatannya.`);
  }
  if (spec.window) notes.push('Jangka waktu bagi pihak: bila lewat tanpa tindakan, diagram menentukan jalur berikutnya.');

  const relation = spec.direction === 'after' ? 'sejak' : 'sebelum';
  const eventName = anchor.name ? `«${anchor.name}» ` : '';
  const exact = spec.unit === 'hour' || spec.unit === 'minute';
  const anchorText = exact ? `${eventName}${formatWaktu(toInstant(anchor.instant), zone)}` : `${eventName}${formatTanggal(anchor.date)}`;

  if (exact) {
    const { due, skipped } = exactDue(anchor.instant, spec, paused);
    const at = toInstant(due);
    const reading = `${what} ${relation} ${eventName}${toInstant(anchor.instant)}`;
    const derivation = { anchor: anchor.label, counting: `${what} tepat; jam tidak digeser ke hari kerja`, skipped, calendarVersion: calendar.version, notes };
    if (spec.bound === 'min') {
      return { due: null, notBefore: at, reading: `paling cepat ${reading}`, explanation: `Paling cepat ${formatWaktu(at, zone)}: harus lewat ${what} ${relation} ${anchorText}.`, derivation };
    }
    return { due: at, reading, explanation: `Tenggat ${formatWaktu(at, zone)}: ${what} ${relation} ${anchorText}.`, derivation };
  }

  const sign = spec.direction === 'after' ? 1 : -1;
  let date: string;
  let skipped: SkippedDay[];
  let counting: string;
  let moved = '';
  if (spec.unit === 'day' && hari === 'kerja') {
    ({ date, skipped } = addHariKerja(calendar, anchor.date, spec.amount, sign as 1 | -1, paused));
    counting = `${what}; hari ${spec.direction === 'after' ? 'mulai' : 'peristiwa'} tidak dihitung (HIR Pasal 391); Sabtu, Minggu, libur nasional dan cuti bersama dilewati`;
  } else {
    const target = spec.unit === 'day' ? addDays(anchor.date, sign * spec.amount) : addCalendar(anchor.date, sign * spec.amount, spec.unit as 'week' | 'month' | 'year');
    const extended = sign === 1 ? extendPastPauses(anchor.date, target, paused) : { date: target, skipped: [] };
    const rolled = spec.bound === 'min' ? { date: extended.date, skipped: [] } : rollToWorkingDay(calendar, extended.date, spec.roll);
    date = rolled.date;
    skipped = [...extended.skipped, ...rolled.skipped];
    if (rolled.date !== extended.date) {
      moved = `; akhir hitungan (${formatTanggal(extended.date)}) jatuh pada hari tutup, jadi ${spec.roll === 'forward' ? 'diundur ke hari kerja berikutnya' : 'dimajukan ke hari kerja sebelumnya'}`;
    }
    counting = `${what} (hitungan kalender${spec.unit === 'month' ? '; akhir bulan yang tidak ada dibulatkan ke hari terakhir bulan itu' : ''}); hari ${spec.direction === 'after' ? 'mulai' : 'peristiwa'} tidak dihitung (HIR Pasal 391); ${spec.roll === 'forward' ? 'akhir yang jatuh pada hari tutup diundur ke hari kerja berikutnya' : 'akhir yang jatuh pada hari tutup dimajukan ke hari kerja sebelumnya'}`;
  }
  const derivation = { anchor: anchor.label, counting, skipped, calendarVersion: calendar.version, notes };
  const reading = `${what} ${relation} ${eventName}${anchor.date}`;
  const passed = skipped.length > 0 ? `; ${skipped.length} hari tidak dihitung (lihat rincian)` : '';

  if (spec.bound === 'min') {
    const notBefore = startOfDay(addDays(date, 1), zone);
    return {
      due: null,
      notBefore,
      reading: `paling cepat setelah ${reading}`,
      explanation: `Paling cepat ${formatWaktu(notBefore, zone)}: harus lewat ${what} penuh ${relation} ${anchorText}${passed}.`,
      derivation,
    };
  }
  const due = endOfDay(date, zone);
  return {
    due,
    reading,
    explanation: `Tenggat ${formatWaktu(due, zone)}: ${what} ${relation} ${anchorText} (hari itu tidak dihitung)${moved}${moved ? '' : passed}.`,
    derivation,
  };
}
