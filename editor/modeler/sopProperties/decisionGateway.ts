/**
 * Reading a decision off the diagram: a gateway that asks a question (`sop:pertanyaan`) and the
 * answers its outgoing flows stand for (`sop:jawaban`). The variable follows the engine's rule
 * (src/model/applyDecisions.ts): the stated `sop:variabel`, else derived from the question.
 */
import { answerKind, isOtherAnswer, variableOf, type AnswerKind } from '../../../src/model/decisions.ts';
import { listOf, textOf, type DiagramElement, type ModdleElement } from './sopElement.ts';

const DECIDING = ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'];

/** Whether a gateway may ask a question: exclusive or inclusive. */
export function isDecidingGateway(bo: ModdleElement | undefined): boolean {
  return bo !== undefined && DECIDING.some((type) => bo.$instanceOf(type));
}

/**
 * The sequence flows leaving a flow node, found by their `sourceRef` among the flow elements of
 * its process or subprocess: a file written elsewhere (the catalogue, an import) need not list a
 * node's `<bpmn:outgoing>`, and bpmn-js fills that list only for flows drawn in it.
 */
export function outgoingFlows(bo: ModdleElement): ModdleElement[] {
  const container = bo.$parent as ModdleElement | undefined;
  const siblings = container ? listOf(container, 'flowElements') : [];
  const found = siblings.filter((flow) => flow.$instanceOf('bpmn:SequenceFlow') && flow.get('sourceRef') === bo);
  return found.length > 0 ? found : listOf(bo, 'outgoing').filter((flow) => flow.$instanceOf('bpmn:SequenceFlow'));
}

/** A gateway the "Keputusan" group is for: it branches (≥2 flows out) or already asks. */
export function isDecision(element: DiagramElement): boolean {
  const bo = element.businessObject;
  return isDecidingGateway(bo) && (outgoingFlows(bo).length >= 2 || textOf(bo, 'sop:pertanyaan') !== '');
}

/** The flow's answer as written ('' when it has none). */
export function answerOf(flow: ModdleElement): string {
  return textOf(flow, 'sop:jawaban').trim();
}

/** The gateway a flow leaves when that gateway can decide. */
export function decidingSource(flow: ModdleElement): ModdleElement | undefined {
  const source = flow.get('sourceRef') as ModdleElement | undefined;
  return isDecidingGateway(source) ? source : undefined;
}

/** The question asked, as the engine reads it: sop:pertanyaan, else the gateway's name. */
export function questionOf(gateway: ModdleElement): string {
  return textOf(gateway, 'sop:pertanyaan') || textOf(gateway, 'name');
}

/** The variable keeping the answer. */
export function variableIn(gateway: ModdleElement): string {
  return textOf(gateway, 'sop:variabel') || variableOf(questionOf(gateway) || (gateway.id ?? ''));
}

/** Ya/Tidak or named options, from all the answers of the gateway. */
export function kindOf(gateway: ModdleElement): AnswerKind {
  return answerKind(outgoingFlows(gateway).map(answerOf));
}

/** How the answers read in a list: "Ya/Tidak", "Banding/Kasasi/Lainnya". */
export function answersText(gateway: ModdleElement): string {
  const labels = outgoingFlows(gateway).map(answerOf).filter((label) => label !== '');
  if (kindOf(gateway) === 'yaTidak') return labels.some(isOtherAnswer) ? 'Ya/Tidak/Lainnya' : 'Ya/Tidak';
  return labels.join('/');
}

/** The name of where a flow leads, for the analyst ("Meneruskan berkas"), never a bare id when a name exists. */
export function targetName(flow: ModdleElement): string {
  const target = flow.get('targetRef') as ModdleElement | undefined;
  const name = textOf(target, 'name').trim();
  if (name) return name;
  if (target?.$instanceOf('bpmn:EndEvent')) return 'akhir SOP';
  if (target?.$instanceOf('bpmn:Gateway')) return 'percabangan berikutnya';
  return 'langkah tanpa nama';
}
