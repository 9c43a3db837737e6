/**
 * Issue 20: the two runtimes behind one interface (src/runtime/engine.ts) run the same cases and
 * show the same case — status, open steps with their due times and claims, variables, escalations,
 * and the whole history entry by entry (`getCase`) — and answer every command alike: the case as it
 * is after the command and, in `entries`, the history entries that command added. In memory, and
 * durable on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import type { CaseView, CommandAnswer } from '../../src/runtime/caseView.ts';
import { InMemoryEngine, type Engine } from '../../src/runtime/engine.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fixture } from '../support/engineWith.ts';

const runtimeDir = import.meta.dirname;
const compileDir = `${import.meta.dirname}/../compile`;
const T0 = '2026-01-05T08:00:00+07:00';
const folders: string[] = [];
afterAll(() => { for (const folder of folders) rmSync(folder, { recursive: true, force: true }); });

type Runtime = { name: string; open: () => Promise<{ engine: Engine; close: () => Promise<void> }> };

const runtimes: Runtime[] = [
  {
    name: 'in memory',
    open: async () => {
      let n = 0;
      return { engine: new InMemoryEngine(new CaseEngine({ clock: () => T0, newId: () => `kasus-${++n}` })), close: async () => {} };
    },
  },
  {
    name: 'durable (SQLite)',
    open: async () => {
      const folder = mkdtempSync(join(tmpdir(), 'protap-kontrak-'));
      folders.push(folder);
      const store = new SqliteStore(join(folder, 'protap.db'));
      let n = 0;
      return { engine: await DurableEngine.open({ store, clock: () => T0, newId: () => `kasus-${++n}` }), close: () => store.close() };
    },
  },
];

/** What a case shows, without what only says how it was computed (the durable engine's state text is not in the view). */
function shown(view: CaseView | CommandAnswer): unknown {
  return JSON.parse(JSON.stringify(view)) as unknown;
}
/** One scenario: the commands it runs, each answer recorded, and anything else both must show alike in `noted`; the cases to read at the end. */
type Scenario = (engine: Engine, answers: CommandAnswer[], noted: unknown[]) => Promise<string[]>;


const scenarios: Record<string, Scenario> = {
  'a step with a waktu, completed, a deadline breached and escalated, then finished': async (engine, answers) => {
    await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
    const started = await engine.startCase('Pemanggilan', { at: T0, businessKey: '7/Pdt.G/2026/PN Mlg', actor: 'panitera-1' });
    answers.push(started);
    answers.push(await engine.claimStep(started.id, 'Panggil', { at: '2026-01-05T09:00:00+07:00', actor: 'jurusita-1' }));
    answers.push(await engine.releaseStep(started.id, 'Panggil', { at: '2026-01-05T09:30:00+07:00', actor: 'jurusita-1' }));
    answers.push(await engine.completeStep(started.id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', actor: 'jurusita-1' }));
    await engine.fireDueTimers('2026-03-01T00:00:00+07:00');
    answers.push(await engine.completeStep(started.id, 'Sidang', { at: '2026-03-02T09:00:00+07:00', data: { tanggalPutusan: '2026-03-02' } }));
    return [started.id];
  },
  'a macro SOP calling a micro SOP: the child case, its completion and its error reach the parent': async (engine, answers) => {
    await engine.deployXml(fixture(compileDir, 'callActivity.micro.bpmn'));
    await engine.deployXml(fixture(compileDir, 'callActivity.macro.bpmn'));
    const { id } = await engine.startCase('GugatanPerdata', { vars: { nomorPerkara: '12/Pdt.G/2026/PN Bdg', alamatTergugat: 'Jl. Braga 7, Bandung' }, at: T0 });
    const parent = await engine.completeStep(id, 'Tetapkan', { at: '2026-01-05T09:00:00+07:00' });
    answers.push(parent);
    const child = parent.activeSteps[0]?.childCases?.[0] as string;
    answers.push(await engine.completeStep(child, 'Sampaikan', { data: { relaasSah: true, tidakDikenal: false }, at: '2026-01-07T11:00:00+07:00' }));
    const next = await engine.completeStep(id, 'Sidang', { at: '2026-01-08T09:00:00+07:00' });
    answers.push(next);
    const second = next.activeSteps[0]?.childCases?.[0] as string;
    answers.push(await engine.completeStep(second, 'Sampaikan', { data: { tidakDikenal: true }, at: '2026-01-09T09:00:00+07:00' }));
    return [id, child, second];
  },
  'a message correlated by business key, a signal nobody waits for, a refusal': async (engine, answers) => {
    await engine.deployXml(fixture(compileDir, 'events.intermediate.bpmn'));
    const process = engine.definition('PanggilanSidang');
    const message = process.awaits.find((a) => a.startsWith('MESSAGE.'))?.slice('MESSAGE.'.length) as string;
    const { id } = await engine.startCase('PanggilanSidang', { at: T0, businessKey: 'perkara-9' });
    await expect(engine.correlateMessage(message, { businessKey: 'perkara-9' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_EXPECTED' });
    answers.push(await engine.completeStep(id, 'Kirim', { at: '2026-01-05T08:30:00+07:00' }));
    answers.push(await engine.correlateMessage(message, { businessKey: 'perkara-9' }, { at: '2026-01-05T09:00:00+07:00' }));
    expect(await engine.sendSignal('tidak-ditunggu', { at: '2026-01-05T09:30:00+07:00' })).toEqual([]);
    await engine.fireDueTimers('2026-02-01T00:00:00+07:00');
    return [id];
  },
  'recurring SOPs start themselves on their schedule; a signal reaches the cases that wait for it, once': async (engine, answers, noted) => {
    await engine.deployXml(fixture(runtimeDir, 'startSchedule.rutin.bpmn'));
    noted.push(await engine.scheduledStarts());
    // Monday to Wednesday: three daily starts (kasus-1 … 3), each with its one-day deadline; the quarterly one not yet.
    noted.push(await engine.fireDueTimers('2026-01-07T12:00:00+07:00'));
    noted.push(await engine.scheduledStarts());
    await engine.deployXml(fixture(runtimeDir, 'signal.tunggu.bpmn'));
    const waiting = [await engine.startCase('Tunggu', { at: '2026-01-07T12:05:00+07:00' }), await engine.startCase('Tunggu', { at: '2026-01-07T12:06:00+07:00' })];
    answers.push(...waiting);
    noted.push(await engine.sendSignal('SidangDibuka', { at: '2026-01-07T13:00:00+07:00' }));
    noted.push(await engine.sendSignal('SidangDibuka', { at: '2026-01-07T13:01:00+07:00' }));
    return ['kasus-1', 'kasus-2', 'kasus-3', ...waiting.map((c) => c.id)];
  },
};

describe('one engine interface: the same cases on both runtimes (issue 20)', () => {
  for (const [title, scenario] of Object.entries(scenarios)) {
    it(title, async () => {
      const outcomes: { answers: CommandAnswer[]; cases: CaseView[]; noted: unknown[] }[] = [];
      for (const runtime of runtimes) {
        const { engine, close } = await runtime.open();
        try {
          // Each answer kept as the runtime gave it: a view shares nothing that changes with the case, so it stays as it was.
          const answers: CommandAnswer[] = [];
          const noted: unknown[] = [];
          const ids = await scenario(engine, answers, noted);
          outcomes.push({ answers, noted, cases: await Promise.all(ids.map((id) => engine.getCase(id))) });
        } finally {
          await close();
        }
      }
      const [memory, durable] = outcomes as [(typeof outcomes)[number], (typeof outcomes)[number]];
      // The cases read at the end: equal in every field, the whole history entry by entry.
      expect(durable.cases.map(shown)).toEqual(memory.cases.map(shown));
      expect(durable.noted).toEqual(memory.noted);
      expect(memory.cases.every((c) => c.history.length > 0)).toBe(true);
      // Each command's answer: the same case, and the same entries — those the command added, each of them in the case's history.
      expect(durable.answers.map(shown)).toEqual(memory.answers.map(shown));
      const histories = new Map(memory.cases.map((c) => [c.id, c.history]));
      for (const answer of memory.answers) {
        expect(answer.entries.length, answer.id).toBeGreaterThan(0);
        expect(answer).not.toHaveProperty('history');
        for (const entry of answer.entries) expect(histories.get(answer.id)?.[entry.seq - 1]).toEqual(entry);
      }
    });
  }
});
