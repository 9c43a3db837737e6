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

/** The newest child case of a case running this process. */
const childRunning = (e: CaseEngine, rootId: string, processId: string) => children(e, rootId).filter((c) => c.processId === processId).at(-1) as CaseView;

/**
 * A perdata case up to the putusan (issue 19): perdata-A run through, its tenggang waktu pemanggilan
 * (7 hari and 3 hari kerja, Pasal 122 HIR) waited out, the putusan recorded in the macro case.
 */
async function throughPutusan() {
  const e = await engine();
  const root = e.startCase('makro-perkara-perdata', { at: '2026-03-16T08:00:00+07:00' });
  runChildren(e, root.id);
  e.fireDueTimers('2026-03-28T00:00:00+07:00');
  runChildren(e, root.id, '2026-03-30T09:00:00+07:00');
  e.correlateMessage('putusan-diucapkan', { caseId: root.id }, { at: '2026-03-30T10:00:00+07:00', data: { pihakHadir: true } });
  return { e, root };
}

/** A perdata case through banding and kasasi, each filed in time and each decision received, waiting for a PK request. */
async function throughKasasi() {
  const { e, root } = await throughPutusan();
  e.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-04-01T09:00:00+07:00' });
  runChildren(e, root.id, '2026-04-02T09:00:00+07:00');
  e.correlateMessage('putusan-banding-diterima', { caseId: childRunning(e, root.id, 'perdata-B').id }, { at: '2026-06-01T09:00:00+07:00' });
  runChildren(e, root.id, '2026-06-02T09:00:00+07:00');
  e.correlateMessage('PernyataanKasasi', { caseId: root.id }, { at: '2026-06-05T09:00:00+07:00' });
  runChildren(e, root.id, '2026-06-06T09:00:00+07:00');
  e.correlateMessage('putusan-kasasi-diterima', { caseId: childRunning(e, root.id, 'perdata-C').id }, { at: '2026-10-01T09:00:00+07:00' });
  runChildren(e, root.id, '2026-10-02T09:00:00+07:00');
  return { e, root };
}

describe('macro SOP Perkara Pidana', () => {
  /** Through the putusan and a banding filed within 7 days (KUHAP Pasal 233(2)), not withdrawn. */
  async function throughBanding() {
    const e = await engine();
    const root = e.startCase('makro-perkara-pidana', { at: '2026-03-16T08:00:00+07:00' });
    runChildren(e, root.id, undefined, { bandingDicabut: false, terdakwaHadir: true });
    expect(e.getCase(root.id).activeSteps).toEqual([]);
    e.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-03-18T09:00:00+07:00' });
    return { e, root };
  }
  /** The Pengadilan Tinggi's putusan arrives and is notified to the terdakwa: only then may kasasi be asked (KUHAP Pasal 245(1)). */
  function bandingDecided(e: CaseEngine, rootId: string) {
    e.correlateMessage('putusan-banding-diterima', { caseId: rootId }, { at: '2026-04-20T09:00:00+07:00' });
    e.correlateMessage('putusan-banding-diberitahukan', { caseId: rootId }, { at: '2026-04-22T09:00:00+07:00' });
  }

  it('runs Banding as a child case when the banding is filed within 7 days', async () => {
    const { e, root } = await throughBanding();
    const banding = children(e, root.id).find((c) => c.processId === 'pidana-B');
    expect(banding?.status).toBe('active');
    runChildren(e, root.id, '2026-03-19T09:00:00+07:00', { bandingDicabut: false });
    expect(e.getCase(banding?.id as string).status).toBe('completed');
    // No kasasi window while the banding putusan does not exist.
    expect(visited(e.getCase(root.id))).not.toContain('TungguKasasi');
    bandingDecided(e, root.id);
    expect(visited(e.getCase(root.id))).toContain('TungguKasasi');
  });

  it('ends at "berkekuatan hukum tetap" when the 14-day kasasi window lapses, with no kasasi case', async () => {
    const { e, root } = await throughBanding();
    runChildren(e, root.id, '2026-03-19T09:00:00+07:00', { bandingDicabut: false });
    expect(e.timers.forCase(root.id).find((t) => t.key === 'BatasKasasi')).toBeUndefined();
    bandingDecided(e, root.id);
    expect(e.timers.forCase(root.id).find((t) => t.key === 'BatasKasasi')?.due).toBeDefined();
    e.fireDueTimers('2026-06-30T00:00:00+07:00');
    const view = e.getCase(root.id);
    expect(view.status).toBe('completed');
    expect(visited(view).slice(-2)).toEqual(['BatasKasasi', 'InkrachtBanding']);
    expect(children(e, root.id).map((c) => c.processId)).not.toContain('pidana-C');
  });

  // The upaya after kasasi is the terpidana's, recorded by the Kepaniteraan Pidana once the kasasi
  // is done (book IV.D and IV.E row 1), so it is answered on that step's form, not at the start.
  it('goes on to Peninjauan Kembali after kasasi when the Panitera Muda Pidana records a PK', async () => {
    const { e, root } = await throughBanding();
    runChildren(e, root.id, undefined, { bandingDicabut: false });
    bandingDecided(e, root.id);
    e.correlateMessage('PernyataanKasasi', { caseId: root.id }, { at: '2026-04-24T09:00:00+07:00' });
    runChildren(e, root.id, '2026-04-25T09:00:00+07:00', { upaya: 'pk', syaratFormalKasasi: 'memenuhi', bandingDicabut: false });
    // pidana-C waits for the Mahkamah Agung's putusan (IV.C row 9) before the upaya after kasasi is recorded.
    expect(visited(e.getCase(root.id))).not.toContain('CatatUpaya');
    e.correlateMessage('putusan-kasasi-diterima', { caseId: childRunning(e, root.id, 'pidana-C').id }, { at: '2026-09-01T09:00:00+07:00' });
    runChildren(e, root.id, '2026-09-02T09:00:00+07:00', { upaya: 'pk', syaratFormalKasasi: 'memenuhi', bandingDicabut: false });
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

// Issue 19 item 7: eksekusi riil goes to pengosongan without sita eksekusi (Pasal 1033 Rv); the
// order waits for the 8 days of the aanmaning (Pasal 196-197 HIR). More in eksekusiLaw.spec.ts.
describe('macro SOP Eksekusi', () => {
  for (const [jenisEksekusi, expected] of [['riil', ['perdata-F-2', 'perdata-F-4']], ['lelang', ['perdata-F-2', 'perdata-F-3', 'perdata-F-5']]] as const) {
    it(`runs ${expected.join(' then ')} for eksekusi ${jenisEksekusi} once the 8 days of the aanmaning lapse`, async () => {
      const e = await engine();
      const root = e.startCase('makro-eksekusi', { vars: { jenisEksekusi } });
      runChildren(e, root.id);
      expect(children(e, root.id).map((c) => c.processId)).toEqual(['perdata-F-2']);
      e.fireDueTimers('2026-04-01T00:00:00+07:00');
      runChildren(e, root.id, '2026-04-01T09:00:00+07:00');
      expect(e.getCase(root.id).status).toBe('completed');
      expect(children(e, root.id).map((c) => c.processId)).toEqual(expected);
    });
  }
});

// Issue 19: makro-laporan-bulanan and makro-penggajian are gone; their micro SOPs start themselves
// once a month (test/catalogue/schedules.spec.ts).

describe('macro SOP Perkara Perdata', () => {
  it('ends at "berkekuatan hukum tetap" when the 14-day banding window lapses, with no banding case', async () => {
    const { e, root } = await throughPutusan();
    expect(e.timers.forCase(root.id).map((t) => t.key)).toContain('BatasBanding');
    e.fireDueTimers('2026-05-31T00:00:00+07:00');
    const view = e.getCase(root.id);
    expect(view.status).toBe('completed');
    // Issue 19: the upaya branch now meets the minutasi branch (perdata-A) at a join before the end.
    expect(visited(view).slice(-5)).toEqual(['BatasBanding', 'Inkracht', 'UpayaSelesai', 'Gabung', 'Selesai']);
    expect(children(e, root.id).map((c) => c.processId)).toEqual(['perdata-A']);
  });

  // PK is the parties' act within 180 days (book V.D row 2), like banding and kasasi: a message
  // against a timer, not a question anyone in the office answers beforehand.
  it('runs banding, kasasi and peninjauan kembali as child cases when each is filed in time', async () => {
    const { e, root } = await throughKasasi();
    expect(e.timers.forCase(root.id).map((t) => t.key)).toContain('BatasPK');
    e.correlateMessage('PermohonanPK', { caseId: root.id }, { at: '2026-10-05T09:00:00+07:00' });
    runChildren(e, root.id, '2026-10-06T09:00:00+07:00');
    e.correlateMessage('putusan-pk-diterima', { caseId: childRunning(e, root.id, 'perdata-D').id }, { at: '2027-03-01T09:00:00+07:00' });
    runChildren(e, root.id, '2027-03-02T09:00:00+07:00');
    expect(e.getCase(root.id).status).toBe('completed');
    expect(children(e, root.id).map((c) => c.processId)).toEqual(['perdata-A', 'perdata-B', 'perdata-C', 'perdata-D']);
    expect(visited(e.getCase(root.id)).slice(-4)).toEqual(['SelesaiPK', 'UpayaSelesai', 'Gabung', 'Selesai']);
  });
});

describe('macro SOP Perkara Perdata: peninjauan kembali', () => {
  it('ends at "putusan kasasi berkekuatan hukum tetap" when the 180-day PK window lapses', async () => {
    const { e, root } = await throughKasasi();
    e.fireDueTimers('2027-06-30T00:00:00+07:00');
    const view = e.getCase(root.id);
    expect(view.status).toBe('completed');
    expect(visited(view).slice(-5)).toEqual(['BatasPK', 'SelesaiKasasi', 'UpayaSelesai', 'Gabung', 'Selesai']);
    expect(children(e, root.id).map((c) => c.processId)).not.toContain('perdata-D');
  });
});
