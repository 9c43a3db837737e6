/** Issue 6: macro SOPs run end to end, each micro SOP a child case of its own. */
import { describe, expect, it } from 'vitest';
import { deployCatalogue } from '../../src/catalogue/deployCatalogue.ts';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';
import { fillForm, type Choose } from './formDriver.ts';

const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);

// Read and compiled once; each test deploys the same definitions into a fresh engine.
const catalogue = await deployCatalogue(new CaseEngine({ scheduleStarts: false }));

async function engine() {
  let counter = 0;
  const e = new CaseEngine({ clock: () => '2026-03-16T08:00:00+07:00', newId: () => `kasus-${++counter}`, scheduleStarts: false });
  e.deploy(catalogue);
  return e;
}

/**
 * Completes every open person step of the case and its child cases, over and over, until none is
 * left, each with its form filled: a question by `answers` (by field key), else its first offered
 * answer; any other required field with a plain value.
 */
function runChildren(e: CaseEngine, rootId: string, at = '2026-03-17T09:00:00+07:00', answers: Record<string, unknown> = {}): void {
  const choose: Choose = ({ field }) => (field.key in answers ? answers[field.key] : field.values?.[0]?.value);
  for (let guard = 0; guard < 500; guard++) {
    const open = e.listCases().filter((c) => c.status === 'active' && (c.id === rootId || c.parent))
      .flatMap((c) => c.activeSteps.filter((s) => s.completion === 'person').map((s) => ({ c, s })))[0];
    if (!open) return;
    const data = fillForm(open.s.form, { processId: open.c.processId, caseId: open.c.id, node: open.s.id, round: 1 }, choose);
    e.completeStep(open.c.id, open.s.id, { at, ...(open.s.openInstances ? { instance: open.s.openInstances[0] } : {}), ...(data ? { data } : {}) });
  }
  throw new Error('child cases do not finish');
}

/** The child cases of a case, oldest first. */
const children = (e: CaseEngine, rootId: string) => e.listCases().filter((c) => c.parent?.caseId === rootId).reverse();

/** A perdata case through banding and kasasi, each filed in time, waiting for a PK request. */
async function throughKasasi() {
  const e = await engine();
  const root = e.startCase('makro-perkara-perdata', { at: '2026-03-16T08:00:00+07:00' });
  runChildren(e, root.id);
  e.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-03-20T09:00:00+07:00' });
  runChildren(e, root.id);
  e.correlateMessage('PernyataanKasasi', { caseId: root.id }, { at: '2026-03-25T09:00:00+07:00' });
  runChildren(e, root.id);
  return { e, root };
}

describe('macro SOP Perkara Pidana', () => {
  it('runs Banding as a child case when the banding is filed within 7 days', async () => {
    const e = await engine();
    const root = e.startCase('makro-perkara-pidana', { at: '2026-03-16T08:00:00+07:00' });
    runChildren(e, root.id);
    expect(e.getCase(root.id).activeSteps).toEqual([]);
    e.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-03-18T09:00:00+07:00' });
    const banding = children(e, root.id).find((c) => c.processId === 'pidana-B');
    expect(banding?.status).toBe('active');
    runChildren(e, root.id, '2026-03-19T09:00:00+07:00');
    expect(e.getCase(banding?.id as string).status).toBe('completed');
    expect(visited(e.getCase(root.id))).toContain('TungguKasasi');
  });

  it('ends at "berkekuatan hukum tetap" when the 14-day kasasi window lapses, with no kasasi case', async () => {
    const e = await engine();
    const root = e.startCase('makro-perkara-pidana', { at: '2026-03-16T08:00:00+07:00' });
    runChildren(e, root.id);
    e.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-03-18T09:00:00+07:00' });
    runChildren(e, root.id, '2026-03-19T09:00:00+07:00');
    const due = e.timers.forCase(root.id).find((t) => t.key === 'BatasKasasi')?.due;
    expect(due).toBeDefined();
    e.fireDueTimers('2026-04-30T00:00:00+07:00');
    const view = e.getCase(root.id);
    expect(view.status).toBe('completed');
    expect(visited(view).slice(-2)).toEqual(['BatasKasasi', 'InkrachtBanding']);
    expect(children(e, root.id).map((c) => c.processId)).not.toContain('pidana-C');
  });

  // The upaya after kasasi is the terpidana's, recorded by the Kepaniteraan Pidana once the kasasi
  // is done (book IV.D and IV.E row 1), so it is answered on that step's form, not at the start.
  it('goes on to Peninjauan Kembali after kasasi when the Panitera Muda Pidana records a PK', async () => {
    const e = await engine();
    const root = e.startCase('makro-perkara-pidana', { at: '2026-03-16T08:00:00+07:00' });
    runChildren(e, root.id);
    e.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-03-18T09:00:00+07:00' });
    runChildren(e, root.id);
    e.correlateMessage('PernyataanKasasi', { caseId: root.id }, { at: '2026-03-20T09:00:00+07:00' });
    runChildren(e, root.id, undefined, { upaya: 'pk' });
    expect(visited(e.getCase(root.id))).toContain('CatatUpaya');
    expect(e.getCase(root.id).status).toBe('completed');
    expect(children(e, root.id).map((c) => c.processId)).toEqual(['pidana-A', 'pidana-B', 'pidana-C', 'pidana-D']);
  });
});

describe('macro SOP Pengelolaan Surat', () => {
  // Whether the surat needs an answer is decided in Surat Masuk (book I.A rows 4-5) and handed
  // back to the macro SOP as its output, so it is answered on that micro SOP's form.
  for (const [memerlukanJawaban, expected] of [[true, ['umum-A', 'umum-B']], [false, ['umum-A']]] as const) {
    it(`runs ${expected.join(' then ')} when Surat Masuk answers memerlukanJawaban = ${memerlukanJawaban}`, async () => {
      const e = await engine();
      const root = e.startCase('makro-pengelolaan-surat');
      runChildren(e, root.id, undefined, { memerlukanJawaban });
      expect(e.getCase(root.id).status).toBe('completed');
      expect(children(e, root.id).map((c) => c.processId)).toEqual(expected);
    });
  }
});

describe('macro SOP Eksekusi', () => {
  for (const [jenisEksekusi, last] of [['riil', 'perdata-F-4'], ['lelang', 'perdata-F-5']] as const) {
    it(`ends with ${last} for eksekusi ${jenisEksekusi}`, async () => {
      const e = await engine();
      const root = e.startCase('makro-eksekusi', { vars: { jenisEksekusi } });
      runChildren(e, root.id);
      expect(e.getCase(root.id).status).toBe('completed');
      expect(children(e, root.id).map((c) => c.processId)).toEqual(['perdata-F-2', 'perdata-F-3', last]);
    });
  }
});

describe('macro SOP Laporan Bulanan', () => {
  it('runs the pidana and perdata reports side by side, then the kepaniteraan hukum report', async () => {
    const e = await engine();
    const root = e.startCase('makro-laporan-bulanan');
    expect(children(e, root.id).map((c) => c.processId).sort()).toEqual(['perdata-G', 'pidana-G']);
    expect(e.getCase(root.id).activeSteps.map((s) => s.id).sort()).toEqual(['LaporanPerdata', 'LaporanPidana']);
    runChildren(e, root.id);
    expect(e.getCase(root.id).status).toBe('completed');
    expect(children(e, root.id).map((c) => c.processId).at(-1)).toBe('hukum-A');
  });
});

describe('macro SOP Perkara Perdata', () => {
  it('ends at "berkekuatan hukum tetap" when the 14-day banding window lapses, with no banding case', async () => {
    const e = await engine();
    const root = e.startCase('makro-perkara-perdata', { at: '2026-03-16T08:00:00+07:00' });
    runChildren(e, root.id);
    expect(e.timers.forCase(root.id).map((t) => t.key)).toContain('BatasBanding');
    e.fireDueTimers('2026-05-31T00:00:00+07:00');
    const view = e.getCase(root.id);
    expect(view.status).toBe('completed');
    expect(visited(view).slice(-2)).toEqual(['BatasBanding', 'Inkracht']);
    expect(children(e, root.id).map((c) => c.processId)).toEqual(['perdata-A']);
  });

  // PK is the parties' act within 180 days (book V.D row 2), like banding and kasasi: a message
  // against a timer, not a question anyone in the office answers beforehand.
  it('runs banding, kasasi and peninjauan kembali as child cases when each is filed in time', async () => {
    const { e, root } = await throughKasasi();
    expect(e.timers.forCase(root.id).map((t) => t.key)).toContain('BatasPK');
    e.correlateMessage('PermohonanPK', { caseId: root.id }, { at: '2026-04-01T09:00:00+07:00' });
    runChildren(e, root.id);
    expect(e.getCase(root.id).status).toBe('completed');
    expect(children(e, root.id).map((c) => c.processId)).toEqual(['perdata-A', 'perdata-B', 'perdata-C', 'perdata-D']);
    expect(visited(e.getCase(root.id)).at(-1)).toBe('SelesaiPK');
  });
});

describe('macro SOP Perkara Perdata: peninjauan kembali', () => {
  it('ends at "putusan kasasi berkekuatan hukum tetap" when the 180-day PK window lapses', async () => {
    const { e, root } = await throughKasasi();
    e.fireDueTimers('2026-12-31T00:00:00+07:00');
    const view = e.getCase(root.id);
    expect(view.status).toBe('completed');
    expect(visited(view).slice(-2)).toEqual(['BatasPK', 'SelesaiKasasi']);
    expect(children(e, root.id).map((c) => c.processId)).not.toContain('perdata-D');
  });
});

describe('macro SOP Penggajian', () => {
  it('starts itself every month, then pays uang makan and gaji induk side by side after the rekap absensi', async () => {
    let counter = 0;
    const e = new CaseEngine({ clock: () => '2026-03-16T08:00:00+07:00', newId: () => `kasus-${++counter}` });
    e.deploy(catalogue);
    e.fireDueTimers('2026-04-02T00:00:00+07:00');
    const started = e.listCases().filter((c) => c.processId === 'makro-penggajian');
    expect(started.length).toBeGreaterThanOrEqual(1);
    const root = started.at(-1) as CaseView;
    expect(root.history[0]?.actor).toBe('jadwal');
    expect(root.activeSteps.map((s) => s.id)).toEqual(['RekapAbsensi']);
    e.completeStep(root.id, 'RekapAbsensi', { at: '2026-04-03T09:00:00+07:00' });
    expect(children(e, root.id).map((c) => c.processId).sort()).toEqual(['keuangan-B-1', 'keuangan-B-3']);
    runChildren(e, root.id, '2026-04-06T09:00:00+07:00');
    expect(e.getCase(root.id).status).toBe('completed');
  });
});
