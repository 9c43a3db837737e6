/**
 * pidana-D (IV.D, Proses Peninjauan Kembali) row 6: "Panitera Pengganti menyerahkan berita acara
 * pemeriksaan dan berita acara pendapat kepada Kepaniteraan Pidana. 2 Hari setelah sidang berakhir"
 * (book lines 543–544). The sidang is row 5, the Majelis Hakim's examination of the permintaan
 * ("Majelis Hakim memeriksa apakah permintaan peninjauan kembali memenuhi persyaratan"; KUHAP
 * Pasal 265 ayat (2)–(3): pemohon and jaksa attend it, and the berita acara pemeriksaan and
 * pendapat are made of it). The 2 days count from the day that sidang ended, recorded on row 5's
 * form, even when row 5 is marked done later; without that date, from row 5's completion
 * (`sop:waktuDari="Langkah_5"`).
 *
 * Before: no step or case date was called "sidang berakhir", so row 6 counted from its own start.
 * PROTAP_CATALOGUE_DIR runs the same tests on another catalogue folder (as pidanaLaw.spec.ts): on
 * the files before this change the first test fails (due 20 April instead of 16 April).
 */
import { describe, expect, it } from 'vitest';
import { deployCatalogue } from '../../src/catalogue/deployCatalogue.ts';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import { catalogueEngine, fillForm, type Choose } from './formDriver.ts';

const dir = process.env.PROTAP_CATALOGUE_DIR || undefined;
const catalogue = await deployCatalogue(new CaseEngine({ scheduleStarts: false }), dir);

/** Completes an open step with its form filled: `answers` by key where the form has the field, else as formDriver fills it. */
function complete(e: CaseEngine, caseId: string, stepId: string, at: string, answers: Record<string, unknown> = {}) {
  const step = e.getCase(caseId).activeSteps.find((s) => s.id === stepId);
  expect(step, `${stepId} terbuka`).toBeDefined();
  const choose: Choose = ({ field }) => (field.key in answers ? answers[field.key] : field.values?.[0]?.value);
  const data: Record<string, unknown> = { ...fillForm(step?.form, { processId: 'pidana-D', caseId, node: stepId, round: 1 }, choose) };
  for (const field of step?.form?.components ?? []) if (field.key && field.key in answers) data[field.key] = answers[field.key];
  return e.completeStep(caseId, stepId, { at, ...(Object.keys(data).length ? { data } : {}) });
}

/** A PK case through rows 1–4 (6 and 7 April 2026), its row 5 (the sidang) completed at `heardAt`. */
function throughSidang(heardAt: string, answers: Record<string, unknown> = {}) {
  const e = catalogueEngine(catalogue);
  const pk = e.startCase('pidana-D', { at: '2026-04-06T08:00:00+07:00' });
  complete(e, pk.id, 'Langkah_1', '2026-04-06T09:00:00+07:00');
  complete(e, pk.id, 'Langkah_2', '2026-04-06T10:00:00+07:00');
  complete(e, pk.id, 'Langkah_3', '2026-04-07T09:00:00+07:00');
  complete(e, pk.id, 'Langkah_4', '2026-04-07T10:00:00+07:00');
  const view = complete(e, pk.id, 'Langkah_5', heardAt, answers);
  return { e, id: pk.id, row6: view.activeSteps.find((s) => s.id === 'Langkah_6') };
}

describe('pidana-D row 6: "2 Hari setelah sidang berakhir" counts from the sidang (row 5), not from its own start', () => {
  it('the sidang ended Tuesday 14 April, row 5 marked done Thursday 16 April: row 6 is due 16 April, not 20 April', () => {
    const { row6 } = throughSidang('2026-04-16T15:00:00+07:00', { sidangBerakhir: '2026-04-14' });
    expect(row6?.waktu).toBe('2 Hari setelah sidang berakhir');
    expect(row6?.startedAt).toBe('2026-04-16T15:00:00+07:00');
    // 14 April + 2 calendar days (the day itself not counted). Counted from row 6's own start it
    // would be Saturday 18 April, moved to Monday 20 April.
    expect(row6?.due).toBe('2026-04-16T23:59:59+07:00');
    expect(row6?.derivation?.anchor).toContain('2026-04-14');
    expect(row6?.derivation?.notes.join(' ')).not.toMatch(/tidak ada dalam data kasus/);
  });

  it('without the date, row 6 counts from the moment row 5 (the sidang) was completed', () => {
    const { e, id, row6 } = throughSidang('2026-04-14T15:00:00+07:00');
    expect(row6?.due).toBe('2026-04-16T23:59:59+07:00');
    // The anchor is the sidang step, named on row 6 itself.
    expect(e.definition('pidana-D').steps.get('Langkah_6')?.waktuDari).toBe('Langkah_5');
    complete(e, id, 'Langkah_6', '2026-04-15T09:00:00+07:00');
    complete(e, id, 'Langkah_7', '2026-04-20T09:00:00+07:00');
    expect(e.getCase(id).status).toBe('completed');
  });
});
