/** Issue 15: step data against a step's form, field by field, in Indonesian. */
import { describe, expect, it } from 'vitest';
import { formOf, type FormField } from '../../src/model/formSchema.ts';
import { checkStepData, stepDataProblems } from '../../src/runtime/checkStepData.ts';

const fields: FormField[] = [
  { type: 'radio', key: 'lengkap', label: 'Berkas lengkap?', values: [{ label: 'Ya', value: true }, { label: 'Tidak', value: false }], validate: { required: true } },
  { type: 'select', key: 'upaya', label: 'Upaya hukum', values: [{ label: 'Banding', value: 'banding' }, { label: 'Kasasi', value: 'kasasi' }] },
  { type: 'number', key: 'halaman', label: 'Jumlah halaman' },
  { type: 'datetime', subtype: 'date', key: 'tanggal', label: 'Tanggal' },
  { type: 'checkbox', key: 'diperiksa', label: 'Berkas telah diperiksa', validate: { required: true } },
  { type: 'text', text: 'Isi sesuai register.' },
];
const form = formOf('F', fields);
const fits = { lengkap: false, diperiksa: true };

describe('checkStepData', () => {
  it('lets data that fits through, optional fields left out', () => {
    expect(stepDataProblems(form, fits)).toEqual([]);
    expect(stepDataProblems(form, { ...fits, upaya: 'kasasi', halaman: 12.5, tanggal: '2026-02-28' })).toEqual([]);
  });

  it('names every field at fault, in the form\'s order, unknown fields last', () => {
    const problems = stepDataProblems(form, { lainLain: 1, tanggal: '2026-13-01', halaman: '12', upaya: 'pk', lengkap: 'ya', diperiksa: false });
    expect(problems.map((p) => p.field)).toEqual(['lengkap', 'upaya', 'halaman', 'tanggal', 'diperiksa', 'lainLain']);
    expect(problems.map((p) => p.detail)).toEqual([
      'Kolom "Berkas lengkap?" (lengkap) harus ya atau tidak (true atau false), bukan "ya".',
      'Kolom "Upaya hukum" (upaya) harus salah satu dari: Banding ("banding"), Kasasi ("kasasi"), bukan "pk".',
      'Kolom "Jumlah halaman" (halaman) harus angka, bukan "12".',
      'Kolom "Tanggal" (tanggal) harus tanggal dengan bentuk TTTT-BB-HH, mis. 2026-03-16, bukan "2026-13-01".',
      'Kolom "Berkas telah diperiksa" (diperiksa) wajib dicentang.',
      'Kolom "lainLain" tidak ada dalam formulir langkah ini; kolomnya: lengkap (Berkas lengkap?), upaya (Upaya hukum), halaman (Jumlah halaman), tanggal (Tanggal), diperiksa (Berkas telah diperiksa).',
    ]);
  });

  it('throws BAD_STEP_DATA with the first field, its label and every fault', () => {
    expect(() => checkStepData(form, { diperiksa: true }, 'langkah "Periksa"')).toThrow(expect.objectContaining({
      code: 'BAD_STEP_DATA',
      message: 'Data langkah "Periksa" tidak sesuai formulirnya: Kolom "Berkas lengkap?" (lengkap) wajib diisi.',
      details: { field: 'lengkap', label: 'Berkas lengkap?', fields: [expect.objectContaining({ field: 'lengkap' })] },
    }));
  });

  it('lets other keys through for a start form (they are case data), still checking its own fields', () => {
    expect(() => checkStepData(form, { ...fits, nomorPerkara: '1/Pdt.G/2026' }, 'awal kasus', true)).not.toThrow();
    expect(() => checkStepData(form, { nomorPerkara: '1/Pdt.G/2026', diperiksa: true }, 'awal kasus', true)).toThrow(/lengkap/);
  });

  it('takes no data at a step whose form asks nothing', () => {
    const empty = formOf('K', []);
    expect(() => checkStepData(empty, undefined, 'langkah "K"')).not.toThrow();
    expect(() => checkStepData(empty, {}, 'langkah "K"')).not.toThrow();
    expect(() => checkStepData(empty, { catatan: 'x' }, 'langkah "K"')).toThrow(/tidak punya kolom isian, tetapi dikirim kolom "catatan"/);
  });
});
