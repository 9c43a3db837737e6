/**
 * A property over the audit (issue 17): random commands on random catalogue SOPs, a signed
 * checkpoint, then one random edit of a random row — a log entry or one of its columns, a case
 * row's column, a worklist row, a deadline timer, the deployed XML, a whole case deleted, a history
 * rewritten with its hashes recomputed. An untouched store is never flagged; every edit is found by
 * replay or by the checkpoint.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAgainstCheckpoint, makeCheckpoint, signingKey } from '../../src/audit/checkpoint.ts';
import { entryHash } from '../../src/chain/hashChain.ts';
import { replayAll } from '../../src/audit/replay.ts';
import { ProtapError } from '../../src/runtime/protapError.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fillForm } from '../catalogue/formDriver.ts';

const root = resolve(import.meta.dirname, '../..');
const SOPS = ['umum/umum-A', 'umum/umum-B', 'pidana/pidana-A', 'hukum/hukum-C', 'perdata/perdata-B'];
const EDITS = [
  'log.entry', 'log.actor', 'log.at', 'log.event', 'log.stateHash', 'log.dropLast', 'log.rewrite',
  'case.status', 'case.businessKey', 'case.startedAt', 'case.endedAt', 'case.snapshot', 'case.stepDue', 'case.delete',
  'steps.pelaksana', 'steps.due', 'steps.claim', 'steps.delete', 'timers.delete', 'timers.due', 'definition.xml',
] as const;

type Command = { kind: 'start' | 'complete' | 'claim'; pick: number; answer: number };

const command: fc.Arbitrary<Command> = fc.record({ kind: fc.constantFrom('start' as const, 'complete' as const, 'complete' as const, 'claim' as const), pick: fc.nat(99), answer: fc.nat(9) });
const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

describe('audit property: every edit is found, nothing untouched is flagged', () => {
  let template: string;
  const processIds: string[] = [];
  beforeAll(async () => {
    template = join(mkdtempSync(join(tmpdir(), 'protap-sifat-')), 'template.db');
    const store = new SqliteStore(template);
    const engine = await DurableEngine.open({ store, clock: () => '2026-03-02T08:00:00+07:00' });
    for (const sop of SOPS) processIds.push(...(await engine.deployXml(readFileSync(join(root, 'processes', `${sop}.bpmn`), 'utf8'))).map((d) => d.processId));
    await store.close();
  }, 60_000);
  afterAll(() => {});

  it('holds for random commands and one random edit', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 2, maxLength: 10 }), fc.constantFrom(...EDITS), fc.nat(99), async (commands, edit, target) => {
      const file = join(mkdtempSync(join(tmpdir(), 'protap-sifat-')), `run-${++run}.db`);
      copyFileSync(template, file);
      const store = new SqliteStore(file);
      let minute = 0;
      const clock = () => new Date(Date.parse('2026-03-02T08:00:00+07:00') + (minute++) * 60_000).toISOString();
      const engine = await DurableEngine.open({ store, clock });
      try {
        const ids: string[] = [];
        for (const c of [{ kind: 'start', pick: target, answer: 0 } as Command, ...commands]) {
          try {
            if (c.kind === 'start' || ids.length === 0) {
              const processId = processIds[c.pick % processIds.length] as string;
              ids.push((await engine.startCase(processId, { actor: 'petugas', ...(c.answer % 2 ? { businessKey: `${c.pick}/Pdt.G/2026` } : {}) })).id);
              continue;
            }
            const view = await engine.getCase(ids[c.pick % ids.length] as string);
            const step = view.activeSteps.filter((s) => s.type === 'userTask')[c.answer % Math.max(1, view.activeSteps.length)];
            if (!step) continue;
            if (c.kind === 'claim') { await engine.claimStep(view.id, step.id, { actor: 'petugas-1' }); continue; }
            const data = fillForm(step.form, { processId: view.processId, caseId: view.id, node: step.id, round: 1 }, (asked) => asked.field.values?.[c.answer % (asked.field.values?.length ?? 1)]?.value);
            await engine.completeStep(view.id, step.id, { actor: step.claimedBy ?? 'petugas-1', ...(data ? { data } : {}) });
          } catch (error) {
            if (!(error instanceof ProtapError)) throw error;
          }
        }
        const checkpoint = await makeCheckpoint(store, clock(), signingKey(join(mkdtempSync(join(tmpdir(), 'protap-kunci-')), 'k.pem')));
        const clean = await replayAll(engine);
        expect(clean.bad).toEqual([]);
        expect(await checkAgainstCheckpoint(store, checkpoint)).toEqual([]);

        const caseId = ids[target % ids.length] as string;
        const stored = await store.getCase(caseId);
        const log = await store.log(caseId);
        const steps = (await store.openStepsOf([caseId])).get(caseId) ?? [];
        const deadline = (await store.timers(caseId)).find((t) => t.key.startsWith('DEADLINE:'));
        const row = log[target % log.length];
        const last = log.at(-1);
        if (!stored || !row || !last) return;
        const db = new Database(file);
        const sql = (text: string) => db.exec(text);
        try {
          sql('DROP TRIGGER IF EXISTS case_log_no_update; DROP TRIGGER IF EXISTS case_log_no_delete;');
          const logRow = `WHERE case_id = ${quote(caseId)} AND seq = ${row.seq}`;
          const theCase = `WHERE id = ${quote(caseId)}`;
          const firstStep = steps[0] ? `WHERE case_id = ${quote(caseId)} AND step_id = ${quote(steps[0].stepId)}` : undefined;
          switch (edit) {
            case 'log.entry': sql(`UPDATE case_log SET entry = replace(entry, '"actor":"', '"actor":"x') ${logRow}`); break;
            case 'log.actor': sql(`UPDATE case_log SET actor = 'penyusup' ${logRow}`); break;
            case 'log.at': sql(`UPDATE case_log SET at = '2020-01-01T00:00:00Z' ${logRow}`); break;
            case 'log.event': sql(`UPDATE case_log SET event = 'COMPLETE.Palsu' ${logRow}`); break;
            case 'log.stateHash': sql(`UPDATE case_log SET state_hash = ${quote('0'.repeat(64))} ${logRow}`); break;
            case 'log.dropLast': sql(`DELETE FROM case_log WHERE case_id = ${quote(caseId)} AND seq = ${last.seq}`); break;
            case 'log.rewrite': {
              const entry = last.entry.replace('"actor":"', '"actor":"x');
              const actor = (JSON.parse(entry) as { actor: string }).actor;
              const hash = entryHash(caseId, last.seq, last.prevHash, last.stateHash, entry);
              sql(`UPDATE case_log SET entry = ${quote(entry)}, actor = ${quote(actor)}, hash = ${quote(hash)} WHERE case_id = ${quote(caseId)} AND seq = ${last.seq}`);
              sql(`UPDATE cases SET head_hash = ${quote(hash)} ${theCase}`);
              break;
            }
            case 'case.status': sql(`UPDATE cases SET status = ${quote(stored.status === 'active' ? 'completed' : 'active')} ${theCase}`); break;
            case 'case.businessKey': sql(`UPDATE cases SET business_key = 'PALSU/2026' ${theCase}`); break;
            case 'case.startedAt': sql(`UPDATE cases SET started_at = '2020-01-01T00:00:00Z' ${theCase}`); break;
            case 'case.endedAt': sql(`UPDATE cases SET ended_at = '2030-01-01T00:00:00Z' ${theCase}`); break;
            case 'case.snapshot': sql(`UPDATE cases SET snapshot = replace(snapshot, '"status":"', '"status":"x') ${theCase}`); break;
            case 'case.stepDue': {
              const state = JSON.parse(stored.state) as { steps: { due?: string; pelaksana?: string }[] };
              fc.pre(state.steps.length > 0);
              (state.steps[0] as { pelaksana?: string }).pelaksana = 'orang-lain';
              sql(`UPDATE cases SET state = ${quote(JSON.stringify(state))} ${theCase}`);
              break;
            }
            case 'case.delete':
              for (const table of ['case_log', 'open_steps', 'timers']) sql(`DELETE FROM ${table} WHERE case_id = ${quote(caseId)}`);
              sql(`DELETE FROM cases ${theCase}`);
              break;
            case 'steps.pelaksana': fc.pre(firstStep !== undefined); sql(`UPDATE open_steps SET pelaksana = 'orang-lain' ${firstStep}`); break;
            case 'steps.due': fc.pre(firstStep !== undefined); sql(`UPDATE open_steps SET due = '2031-01-01T00:00:00+07:00' ${firstStep}`); break;
            case 'steps.claim': fc.pre(firstStep !== undefined); sql(`UPDATE open_steps SET claimed_by = 'penyusup', claimed_at = '2026-03-02T09:00:00+07:00' ${firstStep}`); break;
            case 'steps.delete': fc.pre(firstStep !== undefined); sql(`DELETE FROM open_steps ${firstStep}`); break;
            case 'timers.delete': fc.pre(deadline !== undefined); sql(`DELETE FROM timers WHERE case_id = ${quote(caseId)} AND key = ${quote(deadline?.key ?? '')}`); break;
            case 'timers.due': fc.pre(deadline !== undefined); sql(`UPDATE timers SET due = '2031-01-01T00:00:00+07:00' WHERE case_id = ${quote(caseId)} AND key = ${quote(deadline?.key ?? '')}`); break;
            case 'definition.xml': sql(`UPDATE definitions SET xml = replace(xml, 'sop:pelaksana="', 'sop:pelaksana="x') WHERE process_id = ${quote(stored.processId)}`); break;
          }
        } finally {
          db.close();
        }
        const after = await replayAll(engine);
        const findings = await checkAgainstCheckpoint(store, checkpoint);
        expect(after.bad.length + findings.length, `${edit} on ${caseId} went unseen`).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    }), { numRuns: 30 });
  }, 240_000);
});
