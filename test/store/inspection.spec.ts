/**
 * Live inspection (opt-in): every committed command reaches the inspector — a new case as an actor
 * with its machine, each event and the snapshot it led to — and nothing of a refused command does.
 * The second test goes through @statelyai/inspect's own WebSocket bridge and receiver.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebSocketInspector, createWebSocketReceiver, type StatelyInspectionEvent } from '@statelyai/inspect';
import { createInspectorServer } from '@statelyai/inspect/server';
import { describe, expect, it } from 'vitest';
import { DurableEngine, type CaseInspector } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fixture } from '../support/engineWith.ts';
import { until } from '../support/until.ts';

const pemanggilan = fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn');
const T0 = '2026-01-05T08:00:00+07:00';
const open = () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'protap-inspect-')), 'protap.db'));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('live inspection of durable cases', () => {
  it('shows each committed command as events and snapshots of its case, and nothing of a refused one', async () => {
    const calls: [string, string, Record<string, unknown>?][] = [];
    const inspector: CaseInspector = {
      actor: (id, snapshot, info) => { calls.push(['actor', id, { value: snapshot?.value, hasMachine: Boolean(info?.definition) }]); },
      event: (id, event, info) => { calls.push(['event', id, { type: event.type, source: info?.source }]); },
      snapshot: (id, snapshot, info) => { calls.push(['snapshot', id, { value: snapshot.value, event: info?.event?.type }]); },
    };
    const store = open();
    const engine = await DurableEngine.open({ store, clock: () => T0, inspector });
    await engine.deployXml(pemanggilan);
    const { id } = await engine.startCase('Pemanggilan', { at: T0, actor: 'panitera-1' });
    await engine.completeStep(id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', actor: 'jurusita-1' });
    await expect(engine.completeStep(id, 'Panggil')).rejects.toMatchObject({ code: 'STEP_NOT_ACTIVE' });
    expect(calls).toEqual([
      ['actor', id, { value: 'Panggil', hasMachine: true }],
      ['snapshot', id, { value: 'Panggil', event: 'START' }],
      ['event', id, { type: 'COMPLETE.Panggil', source: 'jurusita-1' }],
      ['snapshot', id, { value: 'Sidang', event: 'COMPLETE.Panggil' }],
    ]);
    await store.close();
  });

  it('reaches a receiver through the @statelyai/inspect WebSocket bridge', async () => {
    const port = await freePort();
    const bridge = createInspectorServer({ port, autoOpen: false });
    const received: StatelyInspectionEvent[] = [];
    const receiver = createWebSocketReceiver({ server: `ws://127.0.0.1:${port}` });
    receiver.subscribe((event) => { received.push(event); });
    const inspector = createWebSocketInspector({ url: `ws://127.0.0.1:${port}` });
    const store = open();
    try {
      const engine = await DurableEngine.open({ store, clock: () => T0, inspector: inspector as unknown as CaseInspector });
      await engine.deployXml(pemanggilan);
      const { id } = await engine.startCase('Pemanggilan', { at: T0 });
      await engine.completeStep(id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', actor: 'jurusita-1' });
      await until(() => received.filter((e) => e.sessionId === id).length >= 4, 'empat kejadian inspeksi sampai di penerima', { timeoutMs: 15_000 });
      expect(received.filter((e) => e.sessionId === id).map((e) => e.type)).toEqual(['@xstate.actor', '@xstate.snapshot', '@xstate.event', '@xstate.snapshot']);
    } finally {
      inspector.stop();
      bridge.stop();
      await store.close();
    }
  });
});
