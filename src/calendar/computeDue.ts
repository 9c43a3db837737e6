/**
 * computeDue: when a step's waktu penyelesaian runs out, with the derivation a
 * court can read aloud (anchor, counting, every day passed over and why, the
 * calendar version). Pure: the start comes from an event timestamp, never the clock.
 * Throws WaktuDataError when the case data a deadline needs are missing.
 */
import type { DateTime } from 'luxon';
import type { ConditionalSpec, EarliestSpec, NoneSpec, SameDaySpec, WaktuSpec } from '../sop/waktuSpec.ts';
import { durationDue } from './durationDue.ts';
import { formatTanggal, formatWaktu } from './formatTanggal.ts';
import { endOfDay, localDate, readInstant, toInstant } from './localDate.ts';
import { scheduleDue } from './scheduleDue.ts';
import { WaktuDataError } from './waktuDataError.ts';
import type { DueContext, DueResult } from './dueTypes.ts';
import { addHariKerja, rollToWorkingDay } from './workingDays.ts';

export { WaktuDataError } from './waktuDataError.ts';
export type { DueContext, DueResult } from './dueTypes.ts';

function noneDue(spec: NoneSpec, ctx: DueContext, start: DateTime): DueResult {
  const why = spec.reason === 'onDemand' ? `waktunya "${spec.verbatim}"` : 'kolom waktu penyelesaiannya kosong';
  return {
    due: null,
    reading: spec.reason === 'onDemand' ? 'tanpa tenggat (sesuai kebutuhan)' : 'tanpa tenggat (waktu tidak ditentukan)',
    explanation: `Langkah ini tidak memiliki tenggat karena ${why}.`,
    derivation: { anchor: `mulai langkah ${toInstant(start)}`, counting: 'tidak ada', skipped: [], calendarVersion: ctx.calendar.version, notes: [] },
  };
}

/** "Pada hari itu juga atau paling lama pada hari berikutnya": target the day itself, hard deadline after the grace. */
function sameDayDue(spec: SameDaySpec, ctx: DueContext, start: DateTime): DueResult {
  const { calendar } = ctx;
  const target = rollToWorkingDay(calendar, localDate(start), 'forward');
  const grace = addHariKerja(calendar, target.date, spec.graceDays);
  const due = endOfDay(grace.date, calendar.zone);
  const notes = [`Sasaran: akhir ${formatTanggal(target.date)}${target.date !== localDate(start) ? ' (hari mulai kantor tutup)' : ''}.`];
  if (spec.graceDays > 0) notes.push(`Batas keras setelah ${spec.graceDays} hari kerja kelonggaran: akhir ${formatTanggal(grace.date)}.`);
  return {
    due,
    reading: spec.graceDays > 0 ? `hari itu juga (${target.date}), paling lama ${spec.graceDays} hari kerja berikutnya (${grace.date})` : `hari itu juga (${target.date})`,
    explanation: `Tenggat ${formatWaktu(due, calendar.zone)}: ${spec.graceDays > 0 ? `sasaran hari itu juga, paling lama hari kerja berikutnya` : 'pada hari itu juga'}.`,
    derivation: {
      anchor: `mulai langkah ${toInstant(start)}`,
      counting: spec.graceDays > 0 ? `hari itu juga, kelonggaran ${spec.graceDays} hari kerja` : 'hari itu juga',
      skipped: [...target.skipped, ...grace.skipped],
      calendarVersion: calendar.version,
      notes,
    },
  };
}

/** The earlier of several deadlines; a part whose case date is missing is left out and said so. */
function earliestDue(spec: EarliestSpec, ctx: DueContext, start: DateTime): DueResult {
  const results: DueResult[] = [];
  const missing: string[] = [];
  for (const part of spec.of) {
    try {
      results.push(dueFrom(part, ctx, start));
    } catch (error) {
      if (!(error instanceof WaktuDataError) || error.code !== 'WAKTU_ANCHOR_MISSING') throw error;
      missing.push(error.message);
    }
  }
  const withDue = results.filter((r) => r.due !== null);
  if (results.length === 0) throw new WaktuDataError('WAKTU_ANCHOR_MISSING', missing.join(' '));
  const chosen = withDue.length > 0
    ? withDue.reduce((a, b) => (Date.parse(b.due ?? '') < Date.parse(a.due ?? '') ? b : a))
    : (results[0] as DueResult);
  const others = results.filter((r) => r !== chosen).map((r) => `${r.reading} → ${r.due ?? 'tanpa tenggat'}`);
  return {
    ...chosen,
    reading: `yang lebih dahulu: ${chosen.reading}`,
    explanation: `${chosen.explanation.replace(/\.$/, '')} (yang lebih dahulu dari ${spec.of.length} batas).`,
    derivation: {
      ...chosen.derivation,
      notes: [...chosen.derivation.notes, ...others.map((o) => `Batas lain: ${o}.`), ...missing.map((m) => `Batas tidak dihitung: ${m}`)],
    },
  };
}

/** Picks the case of a conditional waktu that the case variables select. */
function conditionalDue(spec: ConditionalSpec, ctx: DueContext, start: DateTime): DueResult {
  const slug = (v: unknown): string => String(v).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const chosen = spec.cases.find((c) => {
    const value = ctx.vars?.[c.when.variable];
    return value !== undefined && value !== null && [c.when.equals, slug(c.when.label)].includes(slug(value));
  });
  if (!chosen) {
    const variables = [...new Set(spec.cases.map((c) => c.when.variable))];
    const expected = spec.cases.map((c) => `${c.when.variable} = "${c.when.equals}" (${c.when.label})`).join(' atau ');
    const found = variables.map((v) => `${v} = ${ctx.vars?.[v] === undefined ? 'tidak ada' : JSON.stringify(ctx.vars?.[v])}`).join(', ');
    throw new WaktuDataError('WAKTU_VARIABLE_MISSING', `Tenggat "${spec.verbatim}" bergantung pada data kasus: ${expected}; yang ada: ${found}.`);
  }
  const result = dueFrom(chosen.spec, ctx, start);
  const because = `Dipilih "${chosen.spec.verbatim}" karena ${chosen.when.variable} = ${chosen.when.equals} (${chosen.when.label}).`;
  return { ...result, derivation: { ...result.derivation, notes: [because, ...result.derivation.notes] } };
}

function dueFrom(spec: WaktuSpec, ctx: DueContext, start: DateTime): DueResult {
  switch (spec.kind) {
    case 'duration':
      return durationDue(spec, ctx, start);
    case 'sameDay':
      return sameDayDue(spec, ctx, start);
    case 'fixedDate':
    case 'recurring':
      return scheduleDue(spec, ctx, start);
    case 'earliest':
      return earliestDue(spec, ctx, start);
    case 'conditional':
      return conditionalDue(spec, ctx, start);
    case 'none':
      return noneDue(spec, ctx, start);
  }
}

/** Computes when a waktu runs out for a step that became active at ctx.start, with its derivation. */
export function computeDue(spec: WaktuSpec, ctx: DueContext): DueResult {
  const start = readInstant(ctx.start, ctx.calendar.zone, 'mulai');
  return dueFrom(spec, { ...ctx, hari: ctx.hari ?? 'kalender' }, start);
}
