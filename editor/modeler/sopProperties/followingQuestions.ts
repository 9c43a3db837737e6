/**
 * The questions the engine adds to a step's form: those of the decisions reached from the step
 * without another step that takes data between (src/model/stepForms.ts walks the same way,
 * backwards from each gateway). Shown read-only in the step's "Formulir" group; the server
 * stays the one that builds the form.
 */
import { answerOf, answersText, isDecidingGateway, outgoingFlows, questionOf } from './decisionGateway.ts';
import { listOf, textOf, type ModdleElement } from './sopElement.ts';

const PERSON_STEPS = ['bpmn:UserTask', 'bpmn:ManualTask', 'bpmn:ReceiveTask'];
const PASS_THROUGH = [
  'bpmn:Gateway', 'bpmn:IntermediateThrowEvent', 'bpmn:ServiceTask', 'bpmn:ScriptTask', 'bpmn:SendTask',
  'bpmn:BusinessRuleTask', 'bpmn:IntermediateCatchEvent',
];

/** Whether a node takes data when it completes: a person's step, a start, a message. */
export function takesData(bo: ModdleElement): boolean {
  if (bo.$type === 'bpmn:Task' || PERSON_STEPS.some((type) => bo.$instanceOf(type))) return true;
  if (bo.$instanceOf('bpmn:StartEvent')) return bo.$parent?.get('triggeredByEvent') !== true;
  if (bo.$instanceOf('bpmn:IntermediateCatchEvent') || bo.$instanceOf('bpmn:BoundaryEvent')) {
    return listOf(bo, 'eventDefinitions').some((d) => d.$instanceOf('bpmn:MessageEventDefinition'));
  }
  return false;
}

/** A gateway whose answer someone gives: it states a question, answers or conditions. */
function asks(node: ModdleElement): boolean {
  const flows = outgoingFlows(node);
  return isDecidingGateway(node) && flows.length >= 2
    && (textOf(node, 'sop:pertanyaan') !== '' || flows.some((f) => answerOf(f) !== '' || f.get('conditionExpression') !== undefined));
}

/** "Berkas lengkap? (Ya/Tidak)" for each decision that follows the step. */
export function followingQuestions(step: ModdleElement): string[] {
  const found: string[] = [];
  const seen = new Set<ModdleElement>([step]);
  const queue = outgoingFlows(step).map((flow) => flow.get('targetRef') as ModdleElement | undefined);
  while (queue.length > 0) {
    const node = queue.shift();
    if (!node || seen.has(node) || takesData(node)) continue;
    seen.add(node);
    if (asks(node)) {
      const question = questionOf(node);
      const answers = answersText(node);
      if (question) found.push(answers ? `${question} (${answers})` : question);
    }
    if (PASS_THROUGH.some((type) => node.$instanceOf(type))) {
      queue.push(...outgoingFlows(node).map((flow) => flow.get('targetRef') as ModdleElement | undefined));
    }
  }
  return found;
}
