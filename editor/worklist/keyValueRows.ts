/**
 * Data a person types as name/value rows (for a completed step, or a new case's variables).
 * Values that look like a number or true/false become one, so gateway conditions compare them as
 * such; "007" stays text, since a nomor surat keeps its zeros.
 */
import { h } from '../core/dom.ts';

export interface KeyValueRows {
  element: HTMLElement;
  /** The rows as an object; throws an Error with an Indonesian message for a nameless value or a repeated name. */
  read(): Record<string, unknown>;
}

/** A number, true/false, or the text itself. */
export function parseValue(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (/^-?\d+(\.\d+)?$/.test(trimmed) && String(Number(trimmed)) === trimmed) return Number(trimmed);
  return text;
}

export function keyValueRows(legend: string, hint: string): KeyValueRows {
  const list = h('div', { class: 'pasangan-daftar' });
  const addRow = () => {
    const row = h('div', { class: 'pasangan' },
      h('label', {}, 'Nama data', h('input', { class: 'kunci', autocomplete: 'off', maxlength: 100 })),
      h('label', {}, 'Nilai', h('input', { class: 'nilai', autocomplete: 'off' })),
      h('button', { type: 'button', class: 'kedua', 'aria-label': 'Hapus baris data', onclick: () => row.remove() }, 'Hapus'));
    list.append(row);
    return row;
  };
  addRow();
  const element = h('fieldset', { class: 'data-isian' }, h('legend', {}, legend),
    h('p', { class: 'keterangan' }, hint), list,
    h('button', { type: 'button', class: 'kedua', onclick: () => addRow().querySelector('input')?.focus() }, 'Tambah baris'));
  return {
    element,
    read() {
      const data: Record<string, unknown> = {};
      for (const row of list.querySelectorAll('.pasangan')) {
        const key = (row.querySelector<HTMLInputElement>('input.kunci')?.value ?? '').trim();
        const value = row.querySelector<HTMLInputElement>('input.nilai')?.value ?? '';
        if (!key && !value.trim()) continue;
        if (!key) throw new Error(`Nilai "${value}" belum diberi nama data.`);
        if (key in data) throw new Error(`Nama data "${key}" disebut dua kali.`);
        data[key] = parseValue(value);
      }
      return data;
    },
  };
}
