/**
 * The result of "Periksa" (or a refused deployment): every problem the server found, each naming
 * its element; clicking one selects that element on the canvas. Warnings follow, apart.
 */
import { h } from '../core/dom.ts';

/** A diagram problem as the server reports it (src/model/problem.ts). */
export interface DiagramProblem {
  code: string;
  id: string;
  type: string;
  message: string;
}

export interface Findings {
  title: string;
  problems: DiagramProblem[];
  warnings?: DiagramProblem[];
  /** Said when there are no problems, e.g. "siap di-deploy". */
  clean?: string;
}

function item(problem: DiagramProblem, select: (id: string) => void): HTMLElement {
  const text = [h('span', { class: 'mono' }, problem.code), ' ', problem.id ? h('strong', {}, problem.id) : null, problem.id ? ': ' : '', problem.message];
  return h('li', {}, problem.id
    ? h('button', { type: 'button', class: 'masalah-elemen', title: `Pilih ${problem.id} di diagram`, onclick: () => select(problem.id) }, ...text)
    : h('span', {}, ...text));
}

/** The findings as a section (a region named by its title, for screen readers and tests). */
export function problemList(findings: Findings, select: (id: string) => void, close: () => void): HTMLElement {
  const { problems, warnings = [] } = findings;
  const heading = problems.length
    ? `${findings.title}: ${problems.length} masalah`
    : `${findings.title}: tidak ada masalah`;
  return h('section', { class: `pemodel-masalah${problems.length ? ' ada' : ''}`, 'aria-label': 'Hasil pemeriksaan' },
    h('div', { class: 'pemodel-masalah-kepala' },
      h('h2', {}, heading),
      h('button', { type: 'button', class: 'kedua', onclick: close }, 'Tutup')),
    problems.length ? h('ul', {}, ...problems.map((p) => item(p, select))) : h('p', {}, findings.clean ?? ''),
    warnings.length ? h('details', {}, h('summary', {}, `${warnings.length} peringatan (tidak menghalangi deploy)`),
      h('ul', {}, ...warnings.map((w) => item(w, select)))) : null);
}
