/**
 * `protap waktu "<frasa>" --from <ISO> [--hari kerja|kalender] [--tz ZONA] [--json]`:
 * reads a waktu phrase and prints its deadline with the derivation. Exit 0 on
 * success, 1 for bad input (phrase, date, zone, case data), 2 for usage errors.
 */
import { parseArgs } from 'node:util';
import { computeDue, WaktuDataError, type DueResult } from '../calendar/computeDue.ts';
import { formatTanggal, formatWaktu } from '../calendar/formatTanggal.ts';
import { loadCalendar } from '../calendar/loadCalendar.ts';
import { isRecurring, readWaktu } from '../sop/readWaktu.ts';
import type { WaktuSpec } from '../sop/waktuSpec.ts';

const USAGE = [
  'Penggunaan: protap waktu "<frasa>" --from <tanggal/waktu ISO> [opsi]',
  '',
  'Opsi:',
  '  --from ISO          saat langkah mulai, misalnya 2026-03-16T09:00 atau 2026-03-16 (wajib)',
  '  --hari kerja|kalender  arti "Hari" tanpa keterangan (bawaan: kalender)',
  '  --tz ZONA           WIB (bawaan), WITA, WIT atau zona IANA seperti Asia/Makassar',
  '  --anchor NAMA=ISO   tanggal peristiwa, misalnya --anchor "putusan diterima=2026-03-10"',
  '  --var NAMA=NILAI    data kasus, misalnya --var domisili=luar_wilayah_hukum',
  '  --json              cetak satu objek JSON',
  '',
  'Contoh: protap waktu "5 hari kerja" --from 2026-03-16T09:00',
].join('\n');

class UsageError extends Error {}

function readPairs(values: string[] | undefined, option: string, json: boolean): Record<string, string | unknown> {
  const out: Record<string, unknown> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) throw new UsageError(`--${option} harus berbentuk NAMA=NILAI, bukan "${value}".`);
    const raw = value.slice(at + 1).trim();
    let parsed: unknown = raw;
    if (json && /^[[{"]|^(true|false|null|-?\d+(\.\d+)?)$/.test(raw)) {
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = raw;
      }
    }
    out[value.slice(0, at).trim()] = parsed;
  }
  return out;
}

function parse(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        from: { type: 'string' },
        hari: { type: 'string' },
        tz: { type: 'string' },
        anchor: { type: 'string', multiple: true },
        var: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
    throw new UsageError(/argument missing|value/i.test(message)
      ? `Opsi ${option} memerlukan nilai.`
      : `Opsi tidak dikenal: ${option || message}.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true as const };
  if (positionals.length === 0) throw new UsageError('Frasa waktu belum diberikan.');
  if (!values.from) throw new UsageError('Opsi --from wajib diisi: saat langkah mulai, misalnya --from 2026-03-16T09:00.');
  if (values.hari !== undefined && values.hari !== 'kerja' && values.hari !== 'kalender') {
    throw new UsageError(`--hari harus "kerja" atau "kalender", bukan "${values.hari}".`);
  }
  return {
    help: false as const,
    phrase: positionals.join(' '),
    from: values.from,
    hari: (values.hari ?? 'kalender') as 'kerja' | 'kalender',
    tz: values.tz ?? 'WIB',
    json: values.json ?? false,
    anchors: readPairs(values.anchor, 'anchor', false) as Record<string, string>,
    vars: readPairs(values.var, 'var', true),
  };
}

function summary(phrase: string, spec: WaktuSpec, result: DueResult, zone: string): string {
  const lines = [`Frasa        : ${phrase === '' ? '(kosong)' : phrase}`, `Dibaca       : ${result.reading}`];
  const label = isRecurring(spec) ? 'Jadwal berikut' : 'Tenggat      ';
  lines.push(`${label}: ${result.due ? `${formatWaktu(result.due, zone)} (${result.due})` : 'tidak ada'}`);
  if (result.notBefore) lines.push(`Paling cepat : ${formatWaktu(result.notBefore, zone)} (${result.notBefore})`);
  lines.push(`Penjelasan   : ${result.explanation}`, `Titik awal   : ${result.derivation.anchor}`, `Hitungan     : ${result.derivation.counting}`);
  const { skipped, notes } = result.derivation;
  lines.push(skipped.length === 0 ? 'Hari dilewati: tidak ada' : `Hari dilewati (${skipped.length}):`);
  for (const day of skipped) lines.push(`  - ${formatTanggal(day.date)}: ${day.reason}`);
  if (notes.length > 0) lines.push('Catatan:', ...notes.map((n) => `  - ${n}`));
  lines.push(`Kalender     : ${result.derivation.calendarVersion}`);
  return lines.join('\n');
}

/** Runs `protap waktu` and returns its exit code. */
export async function run(args: string[]): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(args);
  } catch (error) {
    console.error(`protap waktu: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const read = readWaktu(options.phrase);
    if (!read.ok) throw new Error(read.message);
    const calendar = loadCalendar({ zone: options.tz });
    const result = computeDue(read.spec, { start: options.from, hari: options.hari, calendar, anchors: options.anchors, vars: options.vars });
    if (options.json) {
      console.log(JSON.stringify({
        phrase: options.phrase,
        zone: calendar.zone,
        hari: options.hari,
        due: result.due,
        notBefore: result.notBefore ?? null,
        reading: result.reading,
        explanation: result.explanation,
        recurring: isRecurring(read.spec),
        spec: read.spec,
        derivation: result.derivation,
      }, null, 2));
    } else {
      console.log(summary(options.phrase, read.spec, result, calendar.zone));
    }
    return 0;
  } catch (error) {
    const hint = error instanceof WaktuDataError
      ? error.code === 'WAKTU_ANCHOR_MISSING' ? ' Berikan dengan --anchor "NAMA=TANGGAL".' : error.code === 'WAKTU_VARIABLE_MISSING' ? ' Berikan dengan --var NAMA=NILAI.' : ''
      : '';
    console.error(`protap waktu: ${error instanceof Error ? error.message : String(error)}${hint}`);
    return 1;
  }
}
