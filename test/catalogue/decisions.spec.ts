/**
 * DESIGN.md decision 10 on the catalogue: every decision is stated — a gateway carries its
 * question, each flow out of it the answer it stands for — and every branch of every SOP is
 * reached by filling forms alone, never by raw key/value data. The micro SOPs are walked branch
 * by branch in microSops.spec.ts; here the macro SOPs, whose decisions are answered in a called
 * micro SOP, on the start form or by a step of their own.
 */
import { describe, expect, it } from 'vitest';
import { catalogueFiles } from './catalogueFiles.ts';
import { decidingGateways, flowsOut, untakenFlows } from './gatewayFlows.ts';
import { takenPairs, walkAllAnswers } from './formDriver.ts';

const files = await catalogueFiles();
const definitions = files.map((f) => f.definition);

describe('the catalogue: every decision is stated', () => {
  it('gives every deciding gateway a question and every flow out of it an answer', () => {
    const unstated = files.flatMap(({ entry, model }) => decidingGateways(model).flatMap((gateway) => [
      ...(model.nodes.get(gateway.id)?.decision?.question ? [] : [`${entry.processId} ${gateway.id}: tanpa pertanyaan`]),
      ...flowsOut(model, gateway).filter((flow) => !flow.answer?.label).map((flow) => `${entry.processId} ${flow.id}: tanpa jawaban`),
    ]));
    expect(unstated).toEqual([]);
    // 35 gateways with 71 answered flows when the decisions were first stated; more is fine, none unstated.
    expect(files.flatMap(({ model }) => decidingGateways(model)).length).toBeGreaterThanOrEqual(35);
  });

  it('names each answered flow by its answer, as the canvas shows it', () => {
    const misnamed = files.flatMap(({ entry, model }) => decidingGateways(model).flatMap((gateway) => flowsOut(model, gateway)))
      .filter((flow) => flow.answer && flow.name !== flow.answer.label).map((flow) => `${flow.id} "${flow.name}" ≠ "${flow.answer?.label}"`);
    expect(misnamed).toEqual([]);
  });
});

describe('the catalogue: every macro SOP runs along every gateway branch, its forms filled', () => {
  for (const file of files.filter((f) => f.entry.cakupan === 'makro' && decidingGateways(f.model).length > 0)) {
    it(`${file.entry.nama} (${file.entry.processId})`, () => {
      const walks = walkAllAnswers(definitions, file.entry.processId);
      for (const { root, stuck } of walks) expect({ status: root.status, stuck }).toEqual({ status: 'completed', stuck: undefined });
      expect(untakenFlows(file.model, walks.map((w) => takenPairs(w.root)))).toEqual([]);
    });
  }
});
