/**
 * The case's log as a table: seq, waktu (WIB), aktor, perintah, the state and entry hashes
 * shortened (full value in the title and copied on click) and whether prev_hash links to the
 * entry before. Selecting a row is the step-through's cursor; the bad entry of a broken chain is red.
 */
import { h } from '../core/dom.ts';
import { personLabel } from '../core/people.ts';
import { formatTanggal, zoneLabel } from '../i18n/format.ts';
import { commandText, dataSummary, GENESIS_HASH, type LogRow } from './logEntry.ts';

export interface LogTable {
  element: HTMLElement;
  select(index: number): void;
}

/** The table; `onSelect` gets the index of the row chosen. */
export function logTable(rows: readonly LogRow[], names: ReadonlyMap<string, string>, badSeq: number | undefined, onSelect: (index: number) => void, onCopied: (what: string) => void): LogTable {
  const trs = rows.map((row, index) => {
    const linked = row.prevHash === (index === 0 ? GENESIS_HASH : rows[index - 1]?.hash);
    const data = dataSummary(row.entry.command?.data ?? row.entry.data);
    const tr = h('tr', { class: row.seq === badSeq ? 'rusak' : null, tabindex: 0, 'aria-selected': 'false', 'data-seq': row.seq, onclick: () => onSelect(index),
      onkeydown: (event: Event) => { if ((event as KeyboardEvent).key === 'Enter') onSelect(index); } },
      h('td', { class: 'bilangan' }, row.seq),
      h('td', {}, formatTanggal(row.at)),
      h('td', { class: 'aktor' }, personLabel(row.actor)),
      h('td', {}, commandText(row.event, names), h('div', { class: 'keterangan mono' }, row.event), data ? h('div', { class: 'keterangan' }, data) : null),
      h('td', {}, hashCell(row.stateHash, 'Hash keadaan', onCopied)),
      h('td', {}, hashCell(row.hash, 'Hash catatan', onCopied)),
      h('td', {}, hashCell(row.prevHash, 'Hash sebelumnya', onCopied),
        h('div', { class: `tautan ${linked ? 'cocok' : 'putus'}` }, index === 0 ? (linked ? 'awal rantai ✓' : 'awal rantai ✗') : linked ? `= hash #${rows[index - 1]?.seq} ✓` : `≠ hash #${rows[index - 1]?.seq} ✗`)));
    return tr;
  });
  const element = h('table', { class: 'log-audit', 'aria-label': 'Log kasus' },
    h('thead', {}, h('tr', {}, ...['Seq', `Waktu (${zoneLabel()})`, 'Aktor', 'Perintah', 'Hash keadaan', 'Hash catatan', 'Hash sebelumnya'].map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...trs));
  return {
    element,
    select(index) {
      trs.forEach((tr, i) => {
        tr.setAttribute('aria-selected', String(i === index));
        tr.classList.toggle('dipilih', i === index);
      });
      trs[index]?.scrollIntoView({ block: 'nearest' });
    },
  };
}

/** A hash as its first 12 characters; hovering shows it whole, a click copies it. */
function hashCell(hash: string, what: string, onCopied: (what: string) => void): HTMLElement {
  return h('button', { type: 'button', class: 'hash mono', title: `${what}: ${hash} (klik untuk menyalin)`, 'aria-label': `${what} ${hash}`,
    onclick: (event: Event) => {
      event.stopPropagation();
      void navigator.clipboard?.writeText(hash).then(() => onCopied(what), () => undefined);
    } }, `${hash.slice(0, 12)}…`);
}
