/** A due time as court staff read it: date and hour in WIB, how far off it is, and a badge when late or near. */
import { h } from '../core/dom.ts';
import { formatTanggal, fromNow } from '../i18n/format.ts';
import { urgencyOf } from './workItem.ts';

export function dueCell(step: { due?: string | undefined; late: boolean }, now: number = Date.now()): HTMLElement {
  if (!step.due) return h('span', { class: 'keterangan' }, 'tanpa tenggat');
  const urgency = urgencyOf(step, now);
  return h('span', { class: 'tenggat' },
    h('time', { datetime: step.due }, formatTanggal(step.due)), ' ',
    h('small', { class: 'keterangan' }, `(${fromNow(step.due, now)})`),
    urgency === 'terlambat' || urgency === 'segera' ? [' ', h('span', { class: `lencana ${urgency}` }, urgency)] : null);
}
