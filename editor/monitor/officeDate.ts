/** The office's date of an instant, for the report's period ("hari ini" in the office's zone). */
import { officeOffsetMs } from '../i18n/format.ts';

/** The office's date of an instant (its zone keeps no daylight saving). */
export function officeDate(ms: number): string {
  return new Date(ms + officeOffsetMs()).toISOString().slice(0, 10);
}
