/**
 * The compliance report (GET /api/reports/compliance) for a period, grouped per SOP, per step or
 * per pelaksana. The server counts per SOP and step; the other groupings add those rows up, and
 * the totals line is the server's own. A pelaksana is shown by its lane's name (GET /api/roles).
 */
import type { Api } from '../core/api.ts';
import { formValues, h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import { loadRoleNames } from '../people/roleNames.ts';
import { officeDate } from './officeDate.ts';
import type { ComplianceReport, ComplianceRow } from '../../src/reports/complianceShapes.ts';

type Grouping = 'sop' | 'langkah' | 'pelaksana';

/** A pelaksana role by its lane's name. */
type RoleName = (role: string) => string;

const GROUPINGS: Record<Grouping, { label: string; columns: string[]; key(row: ComplianceRow): string; cells(row: ComplianceRow, roleName: RoleName): string[] }> = {
  sop: { label: 'SOP', columns: ['SOP'], key: (r) => r.processId, cells: (r) => [sopName(r)] },
  langkah: {
    label: 'Langkah', columns: ['SOP', 'Langkah', 'Pelaksana'], key: (r) => `${r.processId}\u0000${r.stepId}`,
    cells: (r, roleName) => [sopName(r), r.stepName ?? r.stepId, r.pelaksana ? roleName(r.pelaksana) : '—'],
  },
  pelaksana: { label: 'Pelaksana', columns: ['Pelaksana'], key: (r) => r.pelaksana ?? '', cells: (r, roleName) => [r.pelaksana ? roleName(r.pelaksana) : '(tanpa pelaksana)'] },
};

const COUNTS = ['Selesai', 'Tepat waktu', 'Terlambat', 'Tanpa tenggat', 'Terbuka lewat tenggat', '% tepat waktu'];
const percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });

function sopName(row: ComplianceRow): string {
  return row.processName ? `${row.processName} (${row.processId})` : row.processId;
}

/** The period form and the report table; `refresh` reads the report again for the chosen period. */
export function complianceSection(api: Api, notices: Notices): { element: HTMLElement; refresh(): Promise<void> } {
  const today = officeDate(Date.now());
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const form = h('form', { class: 'baris', 'aria-label': 'Periode laporan kepatuhan' },
    h('label', {}, 'Dari', h('input', { type: 'date', name: 'from', value: firstOfMonth, required: true })),
    h('label', {}, 'Sampai', h('input', { type: 'date', name: 'to', value: lastOfMonth(today), required: true })),
    h('label', {}, 'Kelompokkan per', h('select', { name: 'per' },
      ...Object.entries(GROUPINGS).map(([value, g]) => h('option', { value, selected: value === 'langkah' }, g.label)))),
    h('button', { type: 'submit' }, 'Tampilkan'));
  const result = h('div', { class: 'kepatuhan-hasil', 'aria-live': 'polite' });
  let report: ComplianceReport | undefined;
  let roleName: RoleName = (role) => role;
  const render = () => { if (report) show(result, reportTable(report, (formValues(form).per ?? 'langkah') as Grouping, roleName)); };
  const refresh = async () => {
    const { from, to } = formValues(form);
    try {
      [report, roleName] = await Promise.all([api.get<ComplianceReport>('/api/reports/compliance', { from, to }), loadRoleNames(api)]);
      render();
    } catch (error) {
      notices.error(error);
    }
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); void refresh(); });
  form.querySelector('select')?.addEventListener('change', render);
  const element = h('section', { class: 'kepatuhan', 'aria-labelledby': 'judul-kepatuhan' },
    h('h2', { id: 'judul-kepatuhan' }, 'Kepatuhan waktu penyelesaian'),
    h('p', { class: 'keterangan' }, 'Langkah yang selesai dalam periode, dibandingkan dengan tenggatnya; persentase dihitung dari langkah yang bertenggat.'),
    form, result);
  return { element, refresh };
}

function lastOfMonth(isoDate: string): string {
  const [year, month] = isoDate.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function reportTable(report: ComplianceReport, grouping: Grouping, roleName: RoleName): HTMLElement {
  if (report.rows.length === 0) return h('p', { class: 'kosong' }, 'Belum ada langkah yang selesai atau lewat tenggat dalam periode ini.');
  const group = GROUPINGS[grouping];
  const sums = new Map<string, ComplianceRow>();
  for (const row of report.rows) {
    const key = group.key(row);
    const sum = sums.get(key);
    if (!sum) { sums.set(key, { ...row }); continue; }
    sum.completed += row.completed; sum.onTime += row.onTime; sum.late += row.late; sum.openLate += row.openLate; sum.withoutDeadline += row.withoutDeadline;
  }
  const counts = (r: { completed: number; onTime: number; late: number; openLate: number; rate: number | null }, withoutDeadline: number | string) =>
    [r.completed, r.onTime, r.late, withoutDeadline, r.openLate, rateText(r.onTime, r.late)].map((value) => h('td', { class: 'bilangan' }, value));
  const totalsWithout = report.rows.reduce((total, row) => total + row.withoutDeadline, 0);
  return h('table', { 'aria-labelledby': 'judul-kepatuhan', 'data-per': grouping },
    h('thead', {}, h('tr', {}, ...[...group.columns, ...COUNTS].map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...[...sums.values()].map((row) => h('tr', { class: row.late || row.openLate ? 'terlambat' : null },
      ...group.cells(row, roleName).map((text) => h('td', {}, text)), ...counts(row, row.withoutDeadline)))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: group.columns.length }, 'Jumlah'), ...counts(report.totals, totalsWithout))));
}

function rateText(onTime: number, late: number): string {
  return onTime + late > 0 ? percent.format(onTime / (onTime + late)) : '—';
}
