/**
 * Pauses of a pausable clock ("diluar waktu mediasi"): the engine passes the
 * periods the clock stood still as case variable `__jedaWaktu`, a list of
 * `{ from, to, alasan? }` (ISO dates or instants, both days included). Each
 * local date inside a period does not count towards the deadline.
 */
import { addDays, localDate, readInstant } from './localDate.ts';
import { WaktuDataError } from './waktuDataError.ts';
import type { PausedDays } from './workingDays.ts';

/** The name of the case variable holding the pauses. */
export const JEDA_VARIABLE = '__jedaWaktu';

/** Reads `vars.__jedaWaktu` into the set of paused local dates with their reasons; throws WaktuDataError on a malformed period. */
export function readJedaWaktu(vars: Record<string, unknown> | undefined, zone: string, during: string): PausedDays {
  const raw = vars?.[JEDA_VARIABLE];
  const paused = new Map<string, string>();
  if (raw === undefined || raw === null) return paused;
  if (!Array.isArray(raw)) {
    throw new WaktuDataError('WAKTU_JEDA_INVALID', `Variabel ${JEDA_VARIABLE} harus berupa daftar jeda, misalnya [{"from":"2026-02-02","to":"2026-03-02","alasan":"mediasi"}].`);
  }
  raw.forEach((period: unknown, i) => {
    const p = (typeof period === 'object' && period !== null ? period : {}) as Record<string, unknown>;
    const from = localDate(readInstant(p.from, zone, `${JEDA_VARIABLE}[${i}].from`));
    const to = localDate(readInstant(p.to, zone, `${JEDA_VARIABLE}[${i}].to`));
    if (to < from) {
      throw new WaktuDataError('WAKTU_JEDA_INVALID', `Jeda ke-${i + 1} di ${JEDA_VARIABLE} berakhir (${to}) sebelum dimulai (${from}).`);
    }
    const reason = `Jeda: ${typeof p.alasan === 'string' && p.alasan.trim() !== '' ? p.alasan.trim() : during} (${from} s.d. ${to})`;
    for (let d = from; d <= to; d = addDays(d, 1)) paused.set(d, reason);
  });
  return paused;
}
