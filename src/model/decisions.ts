/**
 * Decisions as the analyst states them: a gateway asks a question ("Berkas lengkap?"), each
 * outgoing flow stands for an answer (Ya / Tidak, one of several named options, or "Lainnya" as
 * the default flow). From these Protap derives the variable that keeps the answer, each flow's
 * FEEL condition and the form field the pelaksana answers. Pure: the modeler uses the same
 * functions, so what it writes into the diagram is what the engine derives.
 */
import type { FormField, FormOption } from './formSchema.ts';

export type AnswerKind = 'yaTidak' | 'pilihan';

const YES = /^ya$/i;
const NO = /^tidak$/i;
const OTHER = /^(lainnya|selain itu)$/i;
/** Words that carry no meaning in a variable name ("Apakah berkas lengkap?" → berkasLengkap). */
const FILLER = new Set(['apakah', 'apa', 'ada', 'sudah', 'adakah']);

/** Whether an answer stands for "anything else": the gateway's default flow. */
export function isOtherAnswer(label: string): boolean {
  return OTHER.test(label.trim());
}

/** The variable a question's answer is kept in: camelCase of its words, fillers dropped. */
export function variableOf(question: string): string {
  const words = question.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .split(/[^a-z0-9]+/).filter(Boolean);
  const kept = words.filter((w) => !FILLER.has(w));
  const chosen = (kept.length > 0 ? kept : words).slice(0, 4);
  const name = chosen.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[a-z]/.test(name) ? name : name ? `k${name}` : 'keputusan';
}

/** The value stored for a named option: lowercase words joined by underscores. */
export function optionValue(label: string): string {
  return label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join('_');
}

/** Ya/Tidak when every answer but "Lainnya" is Ya or Tidak; named options otherwise. */
export function answerKind(labels: string[]): AnswerKind {
  const named = labels.map((l) => l.trim()).filter((l) => l !== '' && !isOtherAnswer(l));
  return named.length > 0 && named.every((l) => YES.test(l) || NO.test(l)) ? 'yaTidak' : 'pilihan';
}

/** The value an answer stores: true/false for Ya/Tidak, its `nilai` or derived text for an option. */
export function answerValue(label: string, kind: AnswerKind, value?: string): boolean | string {
  if (kind === 'yaTidak') return YES.test(label.trim());
  return value && value.trim() !== '' ? value.trim() : optionValue(label);
}

/** The FEEL condition of a flow standing for an answer; none for "Lainnya" (the default flow). */
export function answerCondition(variable: string, label: string, kind: AnswerKind, value?: string): string | undefined {
  if (isOtherAnswer(label)) return undefined;
  const stored = answerValue(label, kind, value);
  return `${variable} = ${typeof stored === 'boolean' ? String(stored) : JSON.stringify(stored)}`;
}

export interface StatedAnswer {
  label: string;
  value?: string;
}

/** The form field that asks a decision: a required Ya/Tidak or one-of-the-options choice. */
export function decisionField(gatewayId: string, variable: string, question: string, answers: StatedAnswer[]): FormField {
  const kind = answerKind(answers.map((a) => a.label));
  const values: FormOption[] = kind === 'yaTidak'
    ? [{ label: 'Ya', value: true }, { label: 'Tidak', value: false }]
    : answers.filter((a) => a.label.trim() !== '').map((a) => ({ label: a.label.trim(), value: isOtherAnswer(a.label) ? optionValue(a.label) : answerValue(a.label, kind, a.value) }));
  return {
    id: `Keputusan_${gatewayId}`,
    type: kind === 'pilihan' && values.length > 4 ? 'select' : 'radio',
    key: variable,
    label: question,
    values: dedupe(values),
    validate: { required: true },
    decision: gatewayId,
  };
}

function dedupe(values: FormOption[]): FormOption[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v.value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
