/**
 * Turns the decisions an analyst stated (a gateway's question, each flow's answer) into what the
 * engine runs: each answered flow's FEEL condition, "Lainnya" as the default flow. A condition
 * written in the diagram must be the one its answer stands for, so a hand edit of the XML cannot
 * make a flow say "Ya" and test something else.
 */
import { answerCondition, answerKind, isOtherAnswer, variableOf } from './decisions.ts';
import type { ProcessModel } from './processModel.ts';
import { problem, type Problem } from './problem.ts';

const FEEL = 'https://www.omg.org/spec/FEEL/20140401';
const DECIDING = new Set(['exclusiveGateway', 'inclusiveGateway']);

/** Derives conditions and default flows from stated decisions; returns the problems found. */
export function applyDecisions(model: ProcessModel): Problem[] {
  const problems: Problem[] = [];
  for (const node of model.nodes.values()) {
    if (!DECIDING.has(node.type)) continue;
    const flows = node.outgoing.map((id) => model.flows.get(id)).filter((f) => f !== undefined);
    const answered = flows.filter((f) => f.answer);
    if (!node.decision && answered.length === 0) continue;
    const question = node.decision?.question ?? node.name;
    const gateway = `gateway ${question ? `"${question}"` : node.id}`;
    if (!question) {
      problems.push(problem('NO_QUESTION', node.id, `bpmn:${node.type.charAt(0).toUpperCase()}${node.type.slice(1)}`,
        `Keputusan ${node.id} belum punya pertanyaan; tulis pertanyaannya, mis. "Berkas lengkap?".`));
    }
    const variable = node.decision?.variable ?? variableOf(question ?? node.id);
    node.decision = { ...(question ? { question } : {}), variable };
    const kind = answerKind(answered.map((f) => f.answer?.label ?? ''));
    const seen = new Map<string, string>();
    for (const flow of answered) {
      const answer = flow.answer as { label: string; value?: string };
      const where = `Alur ${flow.id} dari ${gateway}`;
      const key = answer.label.trim().toLowerCase();
      if (key === '') {
        problems.push(problem('NO_ANSWER', flow.id, 'bpmn:SequenceFlow', `${where} punya jawaban kosong; pilih jawabannya.`));
        continue;
      }
      const twin = seen.get(key);
      if (twin) {
        problems.push(problem('DUPLICATE_ANSWER', flow.id, 'bpmn:SequenceFlow', `${where} memakai jawaban "${answer.label}" yang sudah dipakai alur ${twin}; setiap jawaban satu alur.`));
        continue;
      }
      seen.set(key, flow.id);
      if (isOtherAnswer(answer.label)) {
        if (!node.defaultFlow) node.defaultFlow = flow.id;
        else if (node.defaultFlow !== flow.id) {
          problems.push(problem('DUPLICATE_ANSWER', flow.id, 'bpmn:SequenceFlow', `${where} berjawaban "${answer.label}", tetapi alur bawaan gateway itu adalah ${node.defaultFlow}; hanya satu alur yang menjadi "Lainnya".`));
        }
        continue;
      }
      // The default flow is taken when no other answer's condition holds; it carries none itself.
      if (flow.id === node.defaultFlow) continue;
      const derived = answerCondition(variable, answer.label, kind, answer.value) as string;
      if (!flow.condition) {
        flow.condition = { body: derived, language: FEEL };
      } else if (normalize(flow.condition.body) !== normalize(derived)) {
        problems.push(problem('CONDITION_MISMATCH', flow.id, 'bpmn:SequenceFlow',
          `${where} berjawaban "${answer.label}" tetapi syaratnya "${flow.condition.body.trim()}", bukan "${derived}"; ubah jawabannya di panel Keputusan (syaratnya ikut) atau hapus jawabannya.`));
      }
    }
  }
  return problems;
}

function normalize(body: string): string {
  return body.trim().replace(/^=/, '').replace(/\s+/g, ' ').trim();
}
