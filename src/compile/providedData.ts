/**
 * Every variable a condition reads must come from somewhere the server checks: a step's form
 * (its decision questions or the analyst's fields), a start or message form, or a called micro
 * SOP's output. A condition that reads anything else would take its branch on data nobody is
 * asked for — the silent wrong branch DESIGN.md decision 10 forbids. In an SOP (a process with
 * any `sop:` attribute) that is a problem; in a diagram from elsewhere, whose data comes from
 * its own tool's forms, a warning.
 */
import { expressionVariables, readExpression } from './expression.ts';
import { isInput, type FormSchema } from '../model/formSchema.ts';
import type { ProcessModel } from '../model/processModel.ts';
import { problem, type Problem } from '../model/problem.ts';

/** Whether a process carries Protap's SOP attributes (it is held to Protap's rules, not a foreign diagram). */
export function isSop(model: ProcessModel): boolean {
  if (model.identity || model.lanes.some((l) => l.pelaksana)) return true;
  for (const node of model.nodes.values()) if (node.sop.waktu !== undefined || node.decision || node.form) return true;
  for (const flow of model.flows.values()) if (flow.answer) return true;
  return false;
}

/** Conditions reading a variable no form, start, message or called SOP provides. */
export function unprovidedData(model: ProcessModel, forms: Map<string, FormSchema>): Problem[] {
  const provided = new Set<string>();
  for (const form of forms.values()) for (const field of form.components) if (isInput(field)) provided.add(field.key);
  for (const node of model.nodes.values()) {
    for (const output of node.outputs ?? []) provided.add(output.target);
    if (node.multiInstance) provided.add(node.multiInstance.elementVariable);
  }
  const found: Problem[] = [];
  for (const flow of model.flows.values()) {
    if (!flow.condition) continue;
    const read = readExpression(flow.condition.body, flow.condition.language);
    if (!read.ok) continue; // reported as BAD_CONDITION
    const missing = expressionVariables(read.expression).filter((v) => !provided.has(v));
    if (missing.length === 0) continue;
    const source = model.nodes.get(flow.source);
    const from = source?.decision?.question ?? source?.name ?? flow.source;
    found.push(problem('UNPROVIDED_DATA', flow.id, 'bpmn:SequenceFlow',
      `Syarat alur ${flow.name ? `"${flow.name}" ` : ''}(${flow.id}) dari "${from}" membaca ${missing.map((v) => `"${v}"`).join(', ')}, yang tidak diisi formulir langkah mana pun, data awal, pesan, maupun SOP yang dipanggil; nyatakan keputusannya sebagai pertanyaan dengan jawaban, atau tambahkan kolom itu pada formulir langkah sebelumnya.`));
  }
  return found;
}
