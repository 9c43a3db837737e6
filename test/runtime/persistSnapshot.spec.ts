/**
 * persistSnapshot builds XState's persisted form itself (a fifth of the time): it must give the
 * very bytes XState's own getPersistedSnapshot gives, on every state a case passes through, or
 * every recorded state hash would stop matching on replay.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonical } from '../../src/chain/hashChain.ts';
import { readCatalogue } from '../../src/catalogue/readCatalogue.ts';
import type { CaseRecord } from '../../src/runtime/caseRecord.ts';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import { persistSnapshot, type CaseSnapshot } from '../../src/runtime/decide.ts';
import type { Definition } from '../../src/runtime/definition.ts';
import { isInput } from '../../src/model/formSchema.ts';
import { fillForm, type Choose } from '../catalogue/formDriver.ts';

const xstateBytes = (definition: Definition, snapshot: CaseSnapshot) => canonical(definition.machine.getPersistedSnapshot(snapshot as never));
const firstAnswer: Choose = ({ field }) => field.values?.[0]?.value;
const ownBytes = (definition: Definition, snapshot: CaseSnapshot) => canonical(persistSnapshot(definition, snapshot));

/**
 * Starts each process in turn and completes any open step of its case or of its children, one
 * command at a time, until none is left; after every command each case's snapshot is persisted
 * both ways. Each start and step form is filled as the office would (first offered answer, a
 * plain value for other required fields), on top of `vars` given at the start. Returns how many
 * snapshots were compared.
 */
function compareAlong(engine: CaseEngine, processIds: string[], vars: Record<string, unknown> = {}): number {
  const records = (engine as unknown as { cases: Map<string, CaseRecord> }).cases;
  let compared = 0;
  const compareAll = () => {
    for (const record of records.values()) {
      const definition = engine.definition(record.processId, record.version);
      expect(ownBytes(definition, record.snapshot), `${record.processId} ${record.id}`).toBe(xstateBytes(definition, record.snapshot));
      compared++;
    }
  };
  let at = Date.parse('2026-03-02T01:00:00Z');
  for (const processId of processIds) {
    records.clear();
    const definition = engine.definition(processId);
    const start = definition.startEvents.find((id) => definition.forms[id]?.components.some(isInput));
    const startData = start ? fillForm(definition.forms[start], { processId, caseId: '', node: start, round: 1 }, firstAnswer) : undefined;
    engine.startCase(processId, { at: new Date(at).toISOString(), vars: { ...vars, ...startData } });
    compareAll();
    for (let commands = 0; commands < 80; commands++) {
      const open = [...records.values()].find((record) => record.status === 'active' && [...record.steps.values()].some((s) => s.completion === 'person'));
      const step = open && [...open.steps.values()].find((s) => s.completion === 'person');
      if (!open || !step) break;
      at += 3_600_000;
      const instance = (open.snapshot.context as { instances?: Record<string, { count: number; done: number[] }> }).instances?.[step.id];
      const first = instance ? [...Array(instance.count).keys()].find((i) => !instance.done.includes(i)) : undefined;
      const form = engine.getCase(open.id).activeSteps.find((s) => s.id === step.id)?.form;
      const data = form ? fillForm(form, { processId: open.processId, caseId: open.id, node: step.id, round: 1 }, firstAnswer) : undefined;
      engine.completeStep(open.id, step.id, { at: new Date(at).toISOString(), ...(first !== undefined ? { instance: first } : {}), ...(data ? { data } : {}) });
      compareAll();
    }
  }
  return compared;
}

describe('persistSnapshot', () => {
  it('gives XState\'s bytes on every state of every catalogue SOP, run step by step to its end', async () => {
    const catalogue = await readCatalogue();
    const engine = new CaseEngine({ scheduleStarts: false });
    // Micro SOPs first: a macro SOP's call activities need them deployed.
    for (const entry of [...catalogue].sort((a, b) => (a.cakupan === b.cakupan ? 0 : a.cakupan === 'mikro' ? -1 : 1))) {
      await engine.deployXml(readFileSync(entry.path, 'utf8'));
    }
    // 75: issue 19 removed makro-laporan-bulanan and makro-penggajian (their micro SOPs start themselves).
    expect(catalogue.length).toBeGreaterThanOrEqual(75);
    // Over 500 states before issue 19 removed the two macro SOPs and left pidana-A's later rows to the SOPs that repeat them (450 after).
    expect(compareAlong(engine, catalogue.map((entry) => entry.processId))).toBeGreaterThan(420);
  });

  it('gives XState\'s bytes on the compiler\'s fixtures: gateways, events, boundaries, multi-instance, subprocesses, call activities', async () => {
    const dir = `${import.meta.dirname}/../compile`;
    let compared = 0;
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.bpmn') && !name.startsWith('rejections.'))) {
      const engine = new CaseEngine({ scheduleStarts: false });
      if (file === 'callActivity.macro.bpmn') await engine.deployXml(readFileSync(`${dir}/callActivity.micro.bpmn`, 'utf8'));
      const deployed = await engine.deployXml(readFileSync(`${dir}/${file}`, 'utf8'));
      compared += compareAlong(engine, deployed.filter((d) => d.startEvents.length > 0).map((d) => d.processId), { lengkap: true, setuju: false, jumlah: 3 });
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('replaces an actor reference in the context by its id, as XState does, and keeps the rest', async () => {
    const engine = new CaseEngine({ scheduleStarts: false });
    const [entry] = await readCatalogue();
    const [definition] = await engine.deployXml(readFileSync(entry?.path as string, 'utf8'));
    const view = engine.startCase(definition?.processId as string, { at: '2026-03-02T01:00:00Z' });
    const record = (engine as unknown as { cases: Map<string, CaseRecord> }).cases.get(view.id) as CaseRecord;
    const actorLike = { id: 'anak-1', sessionId: 'x:1', send: () => {}, ref: {} };
    const snapshot = {
      ...(record.snapshot as object),
      context: { ...(record.snapshot.context as object), vars: { berkas: actorLike, daftar: [1, actorLike, { dalam: actorLike }] } },
    } as unknown as CaseSnapshot;
    const bytes = ownBytes(definition as Definition, snapshot);
    expect(bytes).toBe(xstateBytes(definition as Definition, snapshot));
    expect(bytes).toContain('"berkas":{"id":"anak-1","xstate$$type":1}');
  });
});
