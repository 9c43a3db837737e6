/** A logged command in a few words: what happened ("Menyelesaikan …") and the data it carried. */
import { valueText } from '../i18n/format.ts';

const MAX_DATA = 140;

const VERBS: [prefix: string, text: string][] = [
  ['COMPLETE.', 'Menyelesaikan'],
  ['CLAIM.', 'Mengambil'],
  ['RELEASE.', 'Melepas'],
  ['DEADLINE.', 'Tenggat lewat:'],
  ['TIMER.', 'Timer'],
  ['CALL.DONE.', 'Kasus anak selesai:'],
  ['MESSAGE.', 'Pesan'],
  ['SIGNAL.', 'Sinyal'],
  ['ERROR.', 'Galat'],
  ['ESCALATION.', 'Eskalasi'],
];

const WHOLE: Record<string, string> = { START: 'Kasus dimulai', CALENDAR: 'Tenggat dihitung ulang (kalender dikoreksi)', CANCEL: 'Kasus dihentikan' };

export function commandText(event: string, names: Map<string, string>): string {
  const whole = WHOLE[event];
  if (whole) return whole;
  for (const [prefix, verb] of VERBS) {
    if (event.startsWith(prefix)) {
      const subject = event.slice(prefix.length);
      return `${verb} ${names.get(subject) ?? subject}`;
    }
  }
  return event;
}

/** "nomor: 12, lengkap: true", shortened. */
export function dataText(data: Record<string, unknown> | undefined): string {
  if (!data) return '';
  const text = Object.entries(data).map(([key, value]) => `${key}: ${valueText(value)}`).join(', ');
  return text.length > MAX_DATA ? `${text.slice(0, MAX_DATA - 1)}…` : text;
}
