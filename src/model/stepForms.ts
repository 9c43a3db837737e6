/**
 * The form of every step a person completes, every start event and every message catcher: the
 * questions of the decisions that follow it first (required, typed by their answers), then the
 * fields the analyst added. "Follows" means reached without another such step between: the
 * search goes back from each deciding gateway through gateways, automatic tasks and events that
 * carry no data, so "Periksa berkas → Berkas lengkap?" puts the question on Periksa berkas.
 *
 * A gateway without stated answers (imported diagrams, conditions written by hand) still gets
 * its field where its conditions have one of the plain shapes `x = true`, `x = "a"`, `x > 3`,
 * `${x}`, so the same rule holds for them: the data a branch reads is asked, typed and checked.
 */
import { answerKind, decisionField, isOtherAnswer, optionValue, type StatedAnswer } from './decisions.ts';
import { formOf, isInput, type FormField, type FormOption, type FormSchema } from './formSchema.ts';
import type { FlowNode, ProcessModel, SequenceFlow } from './processModel.ts';
import { askers, hideWhen, takesData, type Guard } from './askedWhen.ts';

export { takesData };


/** The form of each node that takes data, by node id. */
export function stepForms(model: ProcessModel): Map<string, FormSchema> {
  const fields = new Map<string, FormField[]>();
  for (const node of model.nodes.values()) if (takesData(node)) fields.set(node.id, []);
  const paths = new Map<FormField, Map<string, Guard[][]>>();
  for (const gateway of model.nodes.values()) {
    if ((gateway.type !== 'exclusiveGateway' && gateway.type !== 'inclusiveGateway') || gateway.outgoing.length < 2) continue;
    const asked = gatewayFields(model, gateway);
    if (asked.length === 0) continue;
    const from = askers(model, gateway);
    for (const [provider] of from) {
      const list = fields.get(provider);
      if (!list) continue;
      for (const field of asked) {
        if (list.some((f) => f.key === field.key)) continue;
        list.push(field);
        paths.set(field, from);
      }
    }
  }
  // A question asked only after another answer of the same form is hidden (and not required) while that answer leads elsewhere.
  for (const [id, list] of fields) {
    const keys = new Set(list.map((f) => f.key as string));
    list.forEach((field, index) => {
      const from = paths.get(field)?.get(id);
      const hide = from ? hideWhen(from, new Set([...keys].filter((k) => k !== field.key))) : undefined;
      if (hide) list[index] = { ...field, conditional: { hide } };
    });
  }
  const forms = new Map<string, FormSchema>();
  for (const [id, asked] of fields) {
    const node = model.nodes.get(id) as FlowNode;
    const added = (node.form ?? []).filter((f) => !isInput(f) || !asked.some((a) => a.key === f.key));
    forms.set(id, formOf(`Formulir_${id}`, [...asked, ...added]));
  }
  return forms;
}

/** The fields a gateway asks: its stated decision, or what its plain conditions read. */
function gatewayFields(model: ProcessModel, gateway: FlowNode): FormField[] {
  const flows = gateway.outgoing.map((id) => model.flows.get(id)).filter((f): f is SequenceFlow => f !== undefined);
  if (gateway.decision?.variable) {
    const answers: StatedAnswer[] = flows.filter((f) => f.answer).map((f) => f.answer as StatedAnswer);
    if (answers.length === 0) return [];
    const defaultFlow = flows.find((f) => f.id === gateway.defaultFlow);
    if (defaultFlow && !defaultFlow.answer && answerKind(answers.map((a) => a.label)) === 'pilihan') {
      answers.push({ label: defaultFlow.name ?? 'Lainnya' });
    }
    const field = decisionField(gateway.id, gateway.decision.variable, gateway.decision.question ?? gateway.decision.variable, answers);
    return [withPaths(model, field, flows.map((f) => [f.answer?.label ?? (f.id === gateway.defaultFlow ? 'Lainnya' : f.name ?? ''), f]))];
  }
  return inferredFields(gateway, flows).map((field) => withPaths(model, field,
    flows.map((f) => [f.name ?? (f.id === gateway.defaultFlow ? 'Lainnya' : conditionLabel(f, field)), f])));
}

function conditionLabel(flow: SequenceFlow, field: FormField): string {
  const shape = flow.condition ? conditionShape(flow.condition.body) : undefined;
  if (!shape || shape.variable !== field.key) return '';
  if (shape.kind === 'option') return field.values?.find((v) => v.value === shape.value)?.label ?? shape.value;
  return '';
}

/** Says what each answer leads to, as the field's help text: "Ya → Meneruskan berkas · Tidak → Mengembalikan berkas". */
function withPaths(model: ProcessModel, field: FormField, answers: [string, SequenceFlow][]): FormField {
  const parts = answers.filter(([label]) => label !== '').map(([label, flow]) => `${label} → ${nextName(model, flow.target)}`);
  return parts.length > 0 ? { ...field, description: parts.join(' · ') } : field;
}

/** The name of where a flow leads: the first named step or event, looking past unnamed gateways. */
export function nextName(model: ProcessModel, nodeId: string, depth = 0): string {
  const node = model.nodes.get(nodeId);
  if (!node) return nodeId;
  if (node.type === 'endEvent') return node.name ? `${node.name} (SOP selesai)` : 'SOP selesai';
  if (node.name && !node.type.endsWith('Gateway')) return node.name;
  const next = node.outgoing.length === 1 ? model.flows.get(node.outgoing[0] as string)?.target : undefined;
  if (next && depth < 4) return nextName(model, next, depth + 1);
  return node.name ?? (node.type.endsWith('Gateway') ? 'percabangan berikutnya' : node.id);
}

type Shape = { variable: string; kind: 'boolean' } | { variable: string; kind: 'option'; value: string } | { variable: string; kind: 'number' };

const NAME = '([A-Za-z_][A-Za-z0-9_]*)';
const NUMBER = '-?\\d+(?:\\.\\d+)?';
const FEEL_SHAPES: [RegExp, (m: RegExpExecArray) => Shape][] = [
  [new RegExp(`^${NAME}\\s*!?=\\s*(true|false)$`), (m) => ({ variable: m[1] as string, kind: 'boolean' })],
  [new RegExp(`^${NAME}\\s*!?=\\s*"([^"]*)"$`), (m) => ({ variable: m[1] as string, kind: 'option', value: m[2] as string })],
  [new RegExp(`^${NAME}\\s*(?:!=|=|<=|>=|<|>)\\s*${NUMBER}$`), (m) => ({ variable: m[1] as string, kind: 'number' })],
  [new RegExp(`^(?:not\\(\\s*)?${NAME}(?:\\s*\\))?$`), (m) => ({ variable: m[1] as string, kind: 'boolean' })],
];
const JUEL_SHAPES: [RegExp, (m: RegExpExecArray) => Shape][] = [
  [new RegExp(`^!?\\s*${NAME}$`), (m) => ({ variable: m[1] as string, kind: 'boolean' })],
  [new RegExp(`^${NAME}\\s*(?:==|!=|eq|ne)\\s*(true|false)$`), (m) => ({ variable: m[1] as string, kind: 'boolean' })],
  [new RegExp(`^${NAME}\\s*(?:==|eq)\\s*['"]([^'"]*)['"]$`), (m) => ({ variable: m[1] as string, kind: 'option', value: m[2] as string })],
  [new RegExp(`^${NAME}\\s*(?:==|!=|<=|>=|<|>|eq|ne|lt|gt|le|ge)\\s*${NUMBER}$`), (m) => ({ variable: m[1] as string, kind: 'number' })],
];

/** The plain shape of a condition (or of one term of it), if it has one. */
export function conditionShape(body: string, juel = /^\s*[$#]\{([\s\S]*)\}\s*$/.test(body)): Shape | undefined {
  const inner = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(body);
  const source = (inner ? inner[1] ?? '' : body).trim().replace(/^=/, '').trim().replace(/^\((.*)\)$/, '$1').trim();
  for (const [pattern, shape] of juel ? JUEL_SHAPES : FEEL_SHAPES) {
    const m = pattern.exec(source);
    if (m && !['true', 'false', 'null'].includes(m[1] as string)) return shape(m);
  }
  return undefined;
}

/** The shapes of a condition's terms joined by and/or; `whole` when the condition is one term. */
function conditionTerms(body: string): { shapes: Shape[]; whole: boolean } {
  const juel = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(body);
  const source = (juel ? juel[1] ?? '' : body).trim().replace(/^=/, '');
  const terms = source.split(/\s+(?:and|or)\s+|&&|\|\|/);
  const shapes = terms.map((t) => conditionShape(juel ? `\${${t}}` : t, Boolean(juel))).filter((s): s is Shape => s !== undefined);
  return { shapes, whole: terms.length === 1 && shapes.length === 1 };
}

function inferredFields(gateway: FlowNode, flows: SequenceFlow[]): FormField[] {
  const byVariable = new Map<string, { kinds: Set<string>; options: FormOption[]; required: boolean }>();
  for (const flow of flows) {
    if (!flow.condition) continue;
    const { shapes, whole } = conditionTerms(flow.condition.body);
    for (const shape of shapes) {
      const entry = byVariable.get(shape.variable) ?? { kinds: new Set<string>(), options: [], required: false };
      entry.kinds.add(shape.kind);
      // A variable that decides a branch alone must be answered; one inside a compound condition may be left out.
      if (whole) entry.required = true;
      if (shape.kind === 'option' && !entry.options.some((o) => o.value === shape.value)) {
        entry.options.push({ label: whole && flow.name ? flow.name : shape.value, value: shape.value });
      }
      byVariable.set(shape.variable, entry);
    }
  }
  const label = gateway.name ?? gateway.id;
  const fields: FormField[] = [];
  for (const [variable, { kinds, options, required }] of byVariable) {
    if (kinds.size !== 1) continue;
    const base = { id: `Keputusan_${gateway.id}_${variable}`, key: variable, label: byVariable.size > 1 ? `${label} (${variable})` : label, validate: { required }, decision: gateway.id };
    if (kinds.has('boolean')) fields.push({ ...base, type: 'radio', values: [{ label: 'Ya', value: true }, { label: 'Tidak', value: false }] });
    else if (kinds.has('number')) fields.push({ ...base, type: 'number' });
    else {
      const other = flows.find((f) => f.id === gateway.defaultFlow);
      if (other) {
        const otherLabel = other.name ?? 'Lainnya';
        const value = isOtherAnswer(otherLabel) ? optionValue(otherLabel) : optionValue(otherLabel) || 'lainnya';
        if (!options.some((o) => o.value === value)) options.push({ label: otherLabel, value });
      }
      fields.push({ ...base, type: options.length > 4 ? 'select' : 'radio', values: options });
    }
  }
  return fields;
}
