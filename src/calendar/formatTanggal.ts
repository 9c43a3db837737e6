/**
 * Dates as a court reads them aloud: "Senin, 30 Maret 2026", "pukul 23.59 WIB".
 * Names are spelled here rather than taken from Intl, so output does not depend
 * on the ICU data of the machine.
 */
import { DateTime } from 'luxon';

const DAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const ZONE_LABELS: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** "Senin, 16 Maret 2026" for '2026-03-16'. */
export function formatTanggal(date: string): string {
  const weekday = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay() || 7;
  return `${DAYS[weekday - 1]}, ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** The name of a weekday (1 = Senin). */
export function namaHari(weekday: number): string {
  return DAYS[weekday - 1] ?? String(weekday);
}

/** The name of a month (1 = Januari). */
export function namaBulan(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** WIB / WITA / WIT for Indonesian zones, the IANA name otherwise. */
export function zoneLabel(zone: string): string {
  return ZONE_LABELS[zone] ?? zone;
}

/** "Senin, 30 Maret 2026 pukul 23.59 WIB" for an ISO instant. */
export function formatWaktu(instant: string, zone: string): string {
  // Instants computed here already carry the zone's wall-clock time; read it off the text.
  const wall = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(instant);
  if (wall) return `${formatTanggal(wall[1] as string)} pukul ${wall[2]}.${wall[3]} ${zoneLabel(zone)}`;
  const d = DateTime.fromISO(instant, { setZone: true });
  const hhmm = `${String(d.hour).padStart(2, '0')}.${String(d.minute).padStart(2, '0')}`;
  return `${formatTanggal(d.toISODate() ?? '')} pukul ${hhmm} ${zoneLabel(zone)}`;
}
