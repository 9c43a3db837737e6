/**
 * Checks of the identity fields an analyst types, answered as a message under the field (never a
 * refusal: the value is kept, and the analyst may be half-way through typing it).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date as the SOP document prints it must be a real calendar day written TTTT-BB-HH. */
export function checkDate(value: string): string | null {
  const match = DATE.exec(value);
  if (!match) return 'Tulis tanggal sebagai TTTT-BB-HH, mis. 2026-01-15.';
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? null : `Tanggal ${value} tidak ada di kalender.`;
}

/**
 * A civil servant's NIP has 18 digits (birth date, appointment month, sex, serial number); it is
 * often written in groups, "19650101 199003 1 001", so spaces are allowed.
 */
export function checkNip(value: string): string | null {
  const compact = value.replace(/\s+/g, '');
  if (!/^\d+$/.test(compact)) return 'NIP hanya berisi angka (boleh dengan spasi), mis. 19650101 199003 1 001.';
  return compact.length === 18 ? null : `NIP terdiri dari 18 angka; yang tertulis ${compact.length} angka.`;
}
