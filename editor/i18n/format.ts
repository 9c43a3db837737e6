/** Dates and deadlines as court staff read them: Indonesian names, times in the office's zone (WIB by default). */
const ZONE = 'Asia/Jakarta';

const dateTime = new Intl.DateTimeFormat('id-ID', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: ZONE });
const dateOnly = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
const relative = new Intl.RelativeTimeFormat('id-ID', { numeric: 'auto' });

/** "Sen, 24 Nov 2026, 14.00 WIB"; an empty string for no date. */
export function formatTanggal(iso: string | undefined | null): string {
  return iso ? `${dateTime.format(new Date(iso))} WIB` : '';
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
