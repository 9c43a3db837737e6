/**
 * Reads one amount of time: "3 Hari", "5 hari kerja", "2 x 24 jam", "5 Bulan",
 * optionally counted from or back from an event ("14 Hari setelah permohonan Kasasi
 * diajukan", "10 hari sebelum waktu penahanan berakhir") and optionally pausable
 * ("5 bulan diluar waktu mediasi"). Qualifiers such as "paling lama" are gone by now.
 */
import type { Anchor, DurationSpec, DurationUnit, Hari } from './waktuSpec.ts';

export type ReadAttempt<T> = { spec: T } | { error: string } | null;

const UNITS: Record<string, DurationUnit> = {
  menit: 'minute', jam: 'hour', hari: 'day', minggu: 'week', pekan: 'week', bulan: 'month', tahun: 'year',
};

const AMOUNT = /^(\d+)\s*(x\s*24\s*jam|×\s*24\s*jam|[a-z]+)(?:\s+(kerja|kalender))?(?=$|[\s,(])\s*(.*)$/i;

/** Reads "N unit [kerja|kalender] [setelah|sebelum <peristiwa>] [diluar waktu <jeda>]"; null when it does not start with an amount. */
export function readDuration(text: string, verbatim: string): ReadAttempt<DurationSpec> {
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  const unitWord = (match[2] ?? '').toLowerCase().replace(/\s+/g, '');
  const qualifier = match[3]?.toLowerCase() as 'kerja' | 'kalender' | undefined;
  let rest = (match[4] ?? '').trim();

  let unit: DurationUnit;
  let hours = 0;
  if (unitWord === 'x24jam' || unitWord === '×24jam') {
    unit = 'hour'; // "N x 24 jam" is an exact span of hours, not N days: it does not move to a working day
    hours = amount * 24;
  } else {
    const known = UNITS[unitWord];
    if (!known) {
      return { error: `Satuan waktu "${match[2]}" tidak dikenal. Gunakan hari, hari kerja, hari kalender, jam, minggu, bulan atau tahun, misalnya "5 hari kerja".` };
    }
    unit = known;
  }
  if (amount <= 0) {
    return { error: `Jumlah waktu harus lebih dari nol: "${verbatim}". Untuk hari yang sama tulis "pada hari itu juga".` };
  }
  if (qualifier && unit !== 'day') {
    return { error: `"${qualifier}" hanya berlaku untuk hari ("5 hari ${qualifier}"), bukan untuk ${match[2]}.` };
  }

  let pausable: DurationSpec['pausable'];
  const pause = /[,;]?\s*\(?\s*(?:di\s?luar|tidak termasuk)\s+(?:waktu|masa|jangka waktu)\s+([^)]*?)\s*\)?$/i.exec(rest);
  if (pause) {
    pausable = { during: (pause[1] ?? '').replace(/\s+yang diberikan$/i, '').trim() || 'jeda' };
    rest = rest.slice(0, pause.index).trim();
  }

  let anchor: Anchor = { kind: 'start' };
  let direction: DurationSpec['direction'] = 'after';
  if (rest !== '') {
    const before = /^sebelum\s+(?:tanggal\s+)?(.+)$/i.exec(rest);
    const after = /^(?:terhitung\s+)?(?:sejak|semenjak|setelah|sesudah|mulai|dari)\s+(?:tanggal\s+)?(.+)$/i.exec(rest)
      ?? /^terhitung\s+(?:tanggal\s+)?(.+)$/i.exec(rest);
    const name = (before ?? after)?.[1]?.trim();
    if (!name) {
      return { error: `Bagian "${rest}" setelah "${match[0].slice(0, match[0].length - rest.length).trim()}" tidak dapat dibaca. Tulis peristiwanya dengan "setelah" atau "sebelum", misalnya "3 Hari setelah putusan diterima".` };
    }
    const or = name.split(/\s+atau\s+(?:(?:sejak|semenjak|setelah|sesudah|sebelum)\s+)?(?:tanggal\s+|waktu\s+)?/i).map((n) => n.trim()).filter((n) => n !== '');
    anchor = or.length > 1 ? { kind: 'event', name, or } : { kind: 'event', name };
    direction = before ? 'before' : 'after';
  }

  const hari: Hari = unit === 'day' ? (qualifier ?? 'ikutSop') : 'kalender';
  const spec: DurationSpec = {
    kind: 'duration',
    verbatim,
    amount: hours > 0 ? hours : amount,
    unit,
    hari,
    anchor,
    direction,
    bound: 'max',
    // Exact hours never move. A count after an event that ends on a closed day runs on to the
    // next working day (court practice for tenggang waktu); a count back from an event moves
    // earlier, because moving it later would eat into the gap the SOP demands before the event.
    roll: unit === 'hour' || unit === 'minute' ? 'none' : direction === 'after' ? 'forward' : 'backward',
  };
  if (pausable) spec.pausable = pausable;
  return { spec };
}
