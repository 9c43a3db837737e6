/**
 * The answer a flow out of a decision stands for: Ya, Tidak, Lainnya (the default flow) or a
 * named option ("Banding"). Shown for each flow in the gateway's "Keputusan" group and on the
 * flow itself ("Jawaban"). Choosing an answer rewrites the conditions of all the gateway's flows.
 */
import { SelectEntry, TextFieldEntry, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { answerCondition, isOtherAnswer, optionValue } from '../../../src/model/decisions.ts';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { useDecisionUpdate } from './decisionCommands.ts';
import { answerOf, kindOf, outgoingFlows, targetName, variableIn } from './decisionGateway.ts';
import { textOf, type DiagramElement, type ElementRegistry, type ModdleElement } from './sopElement.ts';

/** The select's value for a named option (never a label itself: labels are words). */
const NAMED = '…pilihan';

const CHOICES = [
  { value: '', label: '(belum dijawab)' },
  { value: 'Ya', label: 'Ya' },
  { value: 'Tidak', label: 'Tidak' },
  { value: 'Lainnya', label: 'Lainnya (alur bawaan)' },
  { value: NAMED, label: 'Pilihan lain…' },
];

interface AnswerProps extends EntryProps { flowId?: string }

interface Answered { gateway: DiagramElement; flow: ModdleElement }

/** The gateway and flow an entry is about, whether it sits on the gateway or on the flow. */
function answeredOf(element: DiagramElement, flowId: string | undefined, registry: ElementRegistry): Answered | undefined {
  const bo = element.businessObject;
  if (flowId) {
    const flow = outgoingFlows(bo).find((f) => f.id === flowId);
    return flow ? { gateway: element, flow } : undefined;
  }
  const source = bo.get('sourceRef') as ModdleElement | undefined;
  const gateway = source?.id ? registry.get(source.id) : undefined;
  return gateway ? { gateway, flow: bo } : undefined;
}

function choiceOf(label: string): string {
  if (label === '') return '';
  if (/^ya$/i.test(label)) return 'Ya';
  if (/^tidak$/i.test(label)) return 'Tidak';
  if (isOtherAnswer(label)) return 'Lainnya';
  return NAMED;
}

/** A name for a new option that no other flow of the gateway uses. */
function freshOption(gateway: ModdleElement): string {
  const taken = new Set(outgoingFlows(gateway).map((f) => answerOf(f).toLowerCase()));
  let n = 1;
  while (taken.has(`pilihan ${n}`)) n += 1;
  return `Pilihan ${n}`;
}

/** What the analyst reads under the answer: the condition written for it. */
function conditionText(gateway: ModdleElement, flow: ModdleElement): string | undefined {
  const label = answerOf(flow);
  if (label === '') return 'Pilih jawaban yang membawa ke alur ini.';
  const body = answerCondition(variableIn(gateway), label, kindOf(gateway), textOf(flow, 'sop:nilai') || undefined);
  return body === undefined ? 'Alur bawaan: diambil bila tidak ada jawaban lain yang cocok.' : `Syarat yang ditulis: ${body}`;
}

function AnswerField({ element, id, flowId }: AnswerProps) {
  const update = useDecisionUpdate();
  const registry = useService<ElementRegistry>('elementRegistry');
  const debounce = useService('debounceInput');
  const answered = answeredOf(element, flowId, registry);
  if (!answered) return null;
  const { gateway, flow } = answered;
  const label = answerOf(flow);
  const setAnswer = (next: string, value?: string) => { if (flow.id) update(gateway, { answers: { [flow.id]: { label: next, value } } }); };
  const siblings = outgoingFlows(gateway.businessObject).filter((f) => f !== flow).map((f) => answerOf(f).toLowerCase());
  const description = conditionText(gateway.businessObject, flow);
  return h('div', {},
    h(SelectEntry, {
      element, id,
      label: flowId ? `Jawaban menuju "${targetName(flow)}"` : 'Jawaban',
      ...(description ? { description } : {}),
      getOptions: () => CHOICES,
      getValue: () => choiceOf(label),
      setValue: (choice: string) => setAnswer(choice === NAMED ? freshOption(gateway.businessObject) : choice),
    }),
    choiceOf(label) === NAMED ? h(TextFieldEntry, {
      element, id: `${id}-nama`, debounce,
      label: 'Nama pilihan',
      getValue: () => label,
      // An emptied name is not written (the field would vanish mid-typing); the error says what to do.
      setValue: (value: string | undefined) => { if (value?.trim()) setAnswer(value.trim(), textOf(flow, 'sop:nilai')); },
      validate: (value: string | undefined) => {
        const text = (value ?? '').trim();
        if (text === '') return 'Tulis nama pilihannya, mis. Banding.';
        return siblings.includes(text.toLowerCase()) ? `Jawaban "${text}" sudah dipakai alur lain; setiap jawaban satu alur.` : null;
      },
    }) : null,
    !flowId && choiceOf(label) === NAMED ? h(TextFieldEntry, {
      element, id: `${id}-nilai`, debounce,
      label: 'Nilai yang disimpan',
      description: `Kosongkan untuk memakai "${optionValue(label)}".`,
      getValue: () => textOf(flow, 'sop:nilai'),
      setValue: (value: string | undefined) => setAnswer(label, (value ?? '').trim()),
    }) : null);
}

/** The answer of one flow, in its gateway's group. */
export function gatewayAnswerEntry(flow: ModdleElement): PanelEntry & { flowId: string } {
  const flowId = flow.id ?? '';
  return { id: `keputusan-jawaban-${flowId}`, flowId, component: AnswerField as PanelEntry['component'], isEdited: isSelectEntryEdited };
}

/** The answer of the selected flow. */
export const flowAnswerEntry: PanelEntry = { id: 'jawaban', component: AnswerField as PanelEntry['component'], isEdited: isSelectEntryEdited };
