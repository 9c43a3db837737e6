/**
 * Reads calendar schedules: fixed-date deadlines ("Paling lambat tanggal 5 setiap
 * bulannya", "Tanggal 3 tiap 4 bulannya", "Tanggal 3 Januari") and recurring
 * routines ("Setiap Hari", "Setiap Jum'at", "3 bulan sekali", "setiap bulan").
 */
import { readDuration, type ReadAttempt } from './readDuration.ts';
import type { Schedule, WaktuSpec, Weekday } from './waktuSpec.ts';

const WEEKDAYS: Record<string, Weekday> = {
  senin: 1, selasa: 2, rabu: 3, kamis: 4, "jum'at": 5, jumat: 5, sabtu: 6, minggu: 7, ahad: 7,
};
const MONTHS: Record<string, number> = {
  januari: 1, februari: 2, pebruari: 2, maret: 3, april: 4, mei: 5, juni: 6, juli: 7, agustus: 8,
  september: 9, oktober: 10, november: 11, nopember: 11, desember: 12, december: 12,
};
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const NAMED_PERIODS: Record<string, number> = { triwulan: 3, caturwulan: 4, 'catur wulan': 4, semester: 6, tahun: 12 };
const EVERY = '(?:setiap|tiap|tiap-tiap)';
const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

function intervalMonths(interval: number, day: number | 'last'): number[] | null {
  if (![1, 2, 3, 4, 6, 12].includes(interval)) return null;
  // Periods are aligned on the budget year (January). A report due on a day number falls in the
  // first month after each period (tiap 4 bulan → Jan, May, Sep); an undated routine is due by
  // the period's last day (3 bulan sekali → end of Mar, Jun, Sep, Dec).
  return ALL_MONTHS.filter((m) => (day === 'last' ? m % interval === 0 : (m - 1) % interval === 0));
}

function intervalError(interval: number, verbatim: string): { error: string } {
  return { error: `Selang ${interval} bulan pada "${verbatim}" tidak membagi tahun anggaran secara rata. Gunakan 1, 2, 3, 4, 6 atau 12 bulan, misalnya "tanggal 3 tiap 4 bulannya".` };
}

function dayError(day: number, verbatim: string): { error: string } | null {
  return day >= 1 && day <= 31 ? null : { error: `Tanggal ${day} pada "${verbatim}" tidak ada. Gunakan tanggal 1 sampai 31, misalnya "tanggal 5 setiap bulan".` };
}

/** Reads a fixed-date deadline or a recurring routine; null when the phrase is not a schedule. */
export function readSchedule(text: string, verbatim: string, capped: boolean): ReadAttempt<WaktuSpec> {
  // A dated deadline ("paling lambat tanggal 3 tiap bulannya") is for work on the period that has
  // just ended: a closed day moves it to the next working day, never back into that period
  // (3 May 2026 → Monday 4 May, not 30 April for the April report). Routines keep the book's rule.
  const fixed = (schedule: Schedule): ReadAttempt<WaktuSpec> => ({ spec: { kind: 'fixedDate', verbatim, schedule, roll: 'forward' } });
  const recurring = (schedule: Schedule, roll: 'forward' | 'backward' = 'backward'): ReadAttempt<WaktuSpec> => ({
    spec: { kind: 'recurring', verbatim, schedule, roll },
  });

  let m = new RegExp(`^tanggal (\\d{1,2}) ${EVERY} (?:(\\d+) )?bulan(?:nya)?(?: (diselesaikan|selesai) (.+))?$`, 'i').exec(text);
  if (m) {
    const day = Number(m[1]);
    const interval = m[2] ? Number(m[2]) : 1;
    const invalid = dayError(day, verbatim);
    if (invalid) return invalid;
    const months = intervalMonths(interval, day);
    if (!months) return intervalError(interval, verbatim);
    if (!m[3]) return fixed({ every: 'month', months, day });
    const work = readDuration(m[4] ?? '', m[4] ?? '');
    if (!work || 'error' in work) return work ?? { error: `"${m[4]}" pada "${verbatim}" bukan jangka waktu. Contoh: "Tanggal 5 setiap bulan selesai 2 Hari".` };
    if (interval !== 1) return { error: `"${verbatim}": jangka waktu setelah tanggal hanya dapat dibaca untuk tanggal setiap bulan.` };
    if (capped) {
      // "Paling lambat tanggal 3 … diselesaikan 1 Hari Kerja": an SLA capped by the date, whichever is first.
      const date = text.slice(0, text.toLowerCase().lastIndexOf(` ${(m[3] ?? '').toLowerCase()} `)).trim();
      return { spec: { kind: 'earliest', verbatim, of: [work.spec, { kind: 'fixedDate', verbatim: date, schedule: { every: 'month', months, day }, roll: 'forward' }] } };
    }
    // "Tanggal 5 setiap bulan selesai 2 Hari": the work starts on the 5th (or later) and takes 2 days.
    return { spec: { ...work.spec, verbatim, anchor: { kind: 'dayOfMonth', day } } };
  }

  m = /^tanggal (\d{1,2}) (?:bulan )?([a-z]+)(?: (?:setiap|tiap) tahun(?:nya)?)?$/i.exec(text);
  if (m && MONTHS[(m[2] ?? '').toLowerCase()]) {
    const day = Number(m[1]);
    const month = MONTHS[(m[2] ?? '').toLowerCase()] ?? 1;
    if (day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 31)) {
      return { error: `Tanggal ${day} ${m[2]} tidak ada. Periksa kembali "${verbatim}".` };
    }
    return fixed({ every: 'month', months: [month], day });
  }

  if (new RegExp(`^${EVERY} hari(?: kerja)?$`, 'i').test(text)) return recurring({ every: 'day' }, 'forward');

  m = new RegExp(`^${EVERY} (?:hari )?([a-z']+)$`, 'i').exec(text);
  const weekday = m ? WEEKDAYS[(m[1] ?? '').toLowerCase()] : undefined;
  // "setiap minggu" is weekly; Sunday must be written "setiap hari Minggu".
  if (weekday && !(weekday === 7 && !/ hari /i.test(` ${text} `))) return recurring({ every: 'week', weekday });
  // Weekly with no day named: due by the end of the working week (Friday, earlier if closed).
  if (new RegExp(`^${EVERY} (?:minggu|pekan)(?:nya)?$`, 'i').test(text)) return recurring({ every: 'week', weekday: 5 });

  if (new RegExp(`^(?:${EVERY} )?akhir bulan$|^${EVERY} bulan(?:nya)?$`, 'i').test(text)) {
    return recurring({ every: 'month', months: ALL_MONTHS, day: 'last' });
  }
  if (new RegExp(`^${EVERY} awal bulan$`, 'i').test(text)) return recurring({ every: 'month', months: ALL_MONTHS, day: 1 }, 'forward');
  if (new RegExp(`^(?:${EVERY} )?akhir tahun$`, 'i').test(text)) return recurring({ every: 'month', months: [12], day: 'last' });
  if (new RegExp(`^${EVERY} awal tahun$`, 'i').test(text)) return recurring({ every: 'month', months: [1], day: 1 }, 'forward');

  m = new RegExp(`^(\\d+) bulan sekali$|^sekali (?:dalam |${EVERY} )?(\\d+) bulan$|^${EVERY} (\\d+) bulan(?:nya)?$|^${EVERY} (triwulan|caturwulan|catur wulan|semester|tahun)$`, 'i').exec(text);
  if (m) {
    const interval = m[4] ? (NAMED_PERIODS[m[4].toLowerCase()] ?? 12) : Number(m[1] ?? m[2] ?? m[3]);
    const months = intervalMonths(interval, 'last');
    if (!months) return intervalError(interval, verbatim);
    return recurring({ every: 'month', months, day: 'last' });
  }
  if (new RegExp(`^${EVERY} \\d+ (?:jam|menit)$|^(?:se)?minggu \\d+ kali$|^\\d+ kali (?:se)?minggu$`, 'i').test(text)) {
    return { error: `"${verbatim}" adalah jadwal rutin di dalam hari atau minggu, bukan waktu penyelesaian. Tulis jadwalnya per hari, misalnya "Setiap Senin", atau waktu penyelesaiannya, misalnya "1 Hari".` };
  }
  return null;
}
