/**
 * The result of "Periksa" (or a refused deployment): every problem the server found, each naming
 * its element (a step, a gateway, a sequence flow or the process); clicking one selects that
 * element on the canvas. Warnings follow, apart.
 */
import { h } from '../core/dom.ts';
import type { Problem as DiagramProblem } from '../../src/model/problem.ts';

/** A diagram problem as the server reports it. */
export type { Problem as DiagramProblem } from '../../src/model/problem.ts';

export interface Findings {
  title: string;
  problems: DiagramProblem[];
  warnings?: DiagramProblem[];
  /** Said when there are no problems, e.g. "siap di-deploy". */
  clean?: string;
}

/**
 * One problem as a line. Messages mostly name their element already ("Alur "Ya" (Alur_ya) dari
 * gateway …"), so the id is not printed again in front: its mention in the message is marked
 * instead, and only a message that does not name it gets the id first. The Indonesian message is
 * what the analyst reads; the problem's code rides along as `data-kode`.
 */
function item(problem: DiagramProblem, select: (id: string) => void): HTMLElement {
  const at = mentionOf(problem.message, problem.id);
  const message = at >= 0
    ? [problem.message.slice(0, at), h('strong', {}, problem.id), problem.message.slice(at + problem.id.length)]
    : [problem.id ? h('strong', {}, problem.id) : null, problem.id ? ': ' : '', problem.message];
  const text = message;
  // The stable code is for looking the rule up (docs/bpmn-coverage.md), not for reading: kept as data, not shown.
  return h('li', { 'data-kode': problem.code }, problem.id
    ? h('button', { type: 'button', class: 'masalah-elemen', title: `Pilih ${problem.id} di diagram`, onclick: () => select(problem.id) }, ...text)
    : h('span', {}, ...text));
}

/** Where `message` names `id` as a whole id (Alur_1 is not named by "Alur_10"), or -1. */
function mentionOf(message: string, id: string): number {
  if (!id) return -1;
  const idChar = /[\p{L}\p{N}_-]/u;
  for (let at = message.indexOf(id); at >= 0; at = message.indexOf(id, at + 1)) {
    const before = message[at - 1] ?? ' ';
    const after = message[at + id.length] ?? ' ';
    if (!idChar.test(before) && !idChar.test(after)) return at;
  }
  return -1;
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
