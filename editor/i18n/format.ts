/**
 * Dates and deadlines as court staff read them: Indonesian names, times in the office's zone —
 * WIB, WITA or WIT as the server is set (PROTAP_ZONA, sent by GET /api/health; WIB until known).
 */
const ZONES: Record<string, { label: string; hours: number }> = {
  'Asia/Jakarta': { label: 'WIB', hours: 7 },
  'Asia/Pontianak': { label: 'WIB', hours: 7 },
  'Asia/Makassar': { label: 'WITA', hours: 8 },
  'Asia/Jayapura': { label: 'WIT', hours: 9 },
};

let zone = 'Asia/Jakarta';
let dateTime = formatter(zone);
let dateOnly = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
const relative = new Intl.RelativeTimeFormat('id-ID', { numeric: 'auto' });

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('id-ID', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
}

/** Uses the office's zone (an IANA name) from now on; an Indonesian zone the app does not know is ignored. */
export function useOfficeZone(iana: string): void {
  if (!ZONES[iana] || iana === zone) return;
  zone = iana;
  dateTime = formatter(zone);
  dateOnly = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
}

/** The office zone's IANA name. */
export function officeZone(): string {
  return zone;
}

/** "WIB", "WITA" or "WIT". */
export function zoneLabel(): string {
  return ZONES[zone]?.label ?? 'WIB';
}

/** The office zone's offset from UTC (Indonesia keeps no daylight saving). */
export function officeOffsetMs(): number {
  return (ZONES[zone]?.hours ?? 7) * 3_600_000;
}

/** "Sen, 24 Nov 2026, 14.00 WIB"; an empty string for no date. */
export function formatTanggal(iso: string | undefined | null): string {
  return iso ? `${dateTime.format(new Date(iso))} ${zoneLabel()}` : '';
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A case variable's value as people read it: an instant in the office's zone, yes/no, other text as it is. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return INSTANT.test(value) ? formatTanggal(value) : value;
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  return JSON.stringify(value);
}

export function formatHari(iso: string | undefined | null): string {
  return iso ? dateOnly.format(new Date(iso)) : '';
}

/** How far a due time is from now: "2 hari lagi", "3 jam yang lalu". */
export function fromNow(iso: string, now: number = Date.now()): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

export const STATUS_TEXT: Record<string, string> = {
  active: 'berjalan',
  completed: 'selesai',
  terminated: 'dihentikan',
  failed: 'gagal',
  incident: 'insiden',
};
