/**
 * Issue 15: decisions stated as a question and answers become conditions, default flows and the
 * typed fields of the steps before them; analysts' own fields are checked when the file is read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBpmn } from '../../src/bpmn/readBpmn.ts';
import { answerCondition, answerKind, decisionField, variableOf } from '../../src/model/decisions.ts';
import { stepForms } from '../../src/model/stepForms.ts';
import type { FormSchema } from '../../src/model/formSchema.ts';
import { stepDataProblems } from '../../src/runtime/checkStepData.ts';
import type { ProcessModel } from '../../src/model/processModel.ts';

const keputusan = readFileSync(`${import.meta.dirname}/stepForms.keputusan.bpmn`, 'utf8');

async function read(xml: string): Promise<{ model: ProcessModel; problems: { code: string; id: string; message: string }[] }> {
  const result = await readBpmn(xml);
  return { model: result.model?.processes[0] as ProcessModel, problems: result.problems };
}

describe('decisions in words', () => {
  it('derives the variable from the question, dropping "apakah" and punctuation', () => {
    expect(variableOf('Berkas lengkap?')).toBe('berkasLengkap');
    expect(variableOf('Apakah surat memerlukan jawaban?')).toBe('suratMemerlukanJawaban');
    expect(variableOf('Jenis upaya hukum?')).toBe('jenisUpayaHukum');
    expect(variableOf('12 saksi hadir?')).toBe('k12SaksiHadir');
  });

  it('reads Ya/Tidak as a yes/no question and anything else as named options, "Lainnya" being the default', () => {
    expect(answerKind(['Ya', 'Tidak'])).toBe('yaTidak');
    expect(answerKind(['ya', 'Lainnya'])).toBe('yaTidak');
    expect(answerKind(['Banding', 'Kasasi', 'Lainnya'])).toBe('pilihan');
    expect(answerCondition('berkasLengkap', 'Tidak', 'yaTidak')).toBe('berkasLengkap = false');
    expect(answerCondition('upaya', 'Peninjauan kembali', 'pilihan', 'pk')).toBe('upaya = "pk"');
    expect(answerCondition('upaya', 'Banding ke PT', 'pilihan')).toBe('upaya = "banding_ke_pt"');
    expect(answerCondition('upaya', 'Lainnya', 'pilihan')).toBeUndefined();
    expect(decisionField('G', 'ok', 'Oke?', [{ label: 'Ya' }, { label: 'Tidak' }])).toMatchObject({ type: 'radio', key: 'ok', validate: { required: true }, values: [{ value: true }, { value: false }] });
  });

  it('derives each answered flow\'s condition and makes "Lainnya" the default flow', async () => {
    const { model, problems } = await read(keputusan);
    expect(problems).toEqual([]);
    expect(model.flows.get('fYa')?.condition?.body).toBe('berkasLengkap = true');
    expect(model.flows.get('fTidak')?.condition?.body).toBe('berkasLengkap = false');
    expect(model.flows.get('fKasasi')?.condition?.body).toBe('upaya = "kasasi"');
    expect(model.flows.get('fLain')?.condition).toBeUndefined();
    expect(model.nodes.get('Jenis')?.defaultFlow).toBe('fLain');
  });

  it('refuses a written condition that is not what its answer says, an answer used twice, and a decision without question', async () => {
    const edited = keputusan
      .replace('<bpmn:sequenceFlow id="fYa" name="Ya" sourceRef="Lengkap" targetRef="Teruskan" sop:jawaban="Ya" />',
        '<bpmn:sequenceFlow id="fYa" name="Ya" sourceRef="Lengkap" targetRef="Teruskan" sop:jawaban="Ya"><bpmn:conditionExpression>berkasLengkap = false</bpmn:conditionExpression></bpmn:sequenceFlow>')
      .replace('sop:jawaban="Kasasi"', 'sop:jawaban="banding"');
    const { problems } = await read(edited);
    expect(problems.map((p) => [p.code, p.id])).toEqual([['CONDITION_MISMATCH', 'fYa'], ['DUPLICATE_ANSWER', 'fKasasi']]);
    expect(problems[0]?.message).toContain('berjawaban "Ya" tetapi syaratnya "berkasLengkap = false", bukan "berkasLengkap = true"');
    const noQuestion = await read(keputusan.replace('<bpmn:exclusiveGateway id="Jenis" sop:pertanyaan="Jenis upaya hukum?" sop:variabel="upaya" />', '<bpmn:exclusiveGateway id="Jenis" sop:variabel="upaya" />'));
    expect(noQuestion.problems.map((p) => [p.code, p.id])).toEqual([['NO_QUESTION', 'Jenis']]);
  });
});

describe('step forms', () => {
  it('asks each decision on the person step before it, first, then the analyst\'s fields; steps that decide nothing get a form without fields', async () => {
    const forms = stepForms((await read(keputusan)).model);
    expect(forms.get('Periksa')?.components.map((c) => c.key)).toEqual(['berkasLengkap', 'nomorBerkas', 'jumlahHalaman', 'tanggalTerima']);
    expect(forms.get('Teruskan')?.components).toEqual([expect.objectContaining({
      key: 'upaya', label: 'Jenis upaya hukum?', values: [{ label: 'Banding', value: 'banding' }, { label: 'Kasasi', value: 'kasasi' }, { label: 'Lainnya', value: 'lainnya' }],
      description: 'Banding → Mencatat permohonan banding · Kasasi → Mencatat permohonan kasasi · Lainnya → Mencatat permohonan lain',
    })]);
    expect(forms.get('Kembalikan')?.components).toEqual([]);
    expect(forms.get('Mulai')?.components).toEqual([]);
  });

  it('asks a decision that follows the start on the start form, and one after an embedded subprocess on the step before it', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" id="D" targetNamespace="urn:t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="S" />
    <bpmn:exclusiveGateway id="G1" sop:pertanyaan="Perkara anak?" />
    <bpmn:subProcess id="Sub"><bpmn:startEvent id="SubS" /><bpmn:userTask id="Dalam" name="Memeriksa" /><bpmn:endEvent id="SubE" />
      <bpmn:sequenceFlow id="s1" sourceRef="SubS" targetRef="Dalam" /><bpmn:sequenceFlow id="s2" sourceRef="Dalam" targetRef="SubE" /></bpmn:subProcess>
    <bpmn:exclusiveGateway id="G2" sop:pertanyaan="Diputus?" />
    <bpmn:endEvent id="E1" /><bpmn:endEvent id="E2" /><bpmn:endEvent id="E3" />
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="G1" />
    <bpmn:sequenceFlow id="f2" sourceRef="G1" targetRef="Sub" sop:jawaban="Ya" />
    <bpmn:sequenceFlow id="f3" sourceRef="G1" targetRef="E1" sop:jawaban="Tidak" />
    <bpmn:sequenceFlow id="f4" sourceRef="Sub" targetRef="G2" />
    <bpmn:sequenceFlow id="f5" sourceRef="G2" targetRef="E2" sop:jawaban="Ya" />
    <bpmn:sequenceFlow id="f6" sourceRef="G2" targetRef="E3" sop:jawaban="Tidak" />
  </bpmn:process>
</bpmn:definitions>`;
    const forms = stepForms((await read(xml)).model);
    expect(forms.get('S')?.components.map((c) => c.key)).toEqual(['perkaraAnak']);
    expect(forms.get('Dalam')?.components.map((c) => c.key)).toEqual(['diputus']);
  });

  it('hides a question that follows another answer of the same step while that answer leads elsewhere (and the server does not require it then)', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" id="D" targetNamespace="urn:t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="S" /><bpmn:userTask id="Periksa" name="Memeriksa berkas" />
    <bpmn:exclusiveGateway id="G1" sop:pertanyaan="Berkas lengkap?" /><bpmn:exclusiveGateway id="G2" sop:pertanyaan="Jenis permohonan?" sop:variabel="jenis" />
    <bpmn:userTask id="Kembalikan" /><bpmn:userTask id="Banding" /><bpmn:userTask id="Lain" /><bpmn:endEvent id="E" />
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Periksa" /><bpmn:sequenceFlow id="f2" sourceRef="Periksa" targetRef="G1" />
    <bpmn:sequenceFlow id="fYa" sourceRef="G1" targetRef="G2" sop:jawaban="Ya" /><bpmn:sequenceFlow id="fTidak" sourceRef="G1" targetRef="Kembalikan" sop:jawaban="Tidak" />
    <bpmn:sequenceFlow id="fB" sourceRef="G2" targetRef="Banding" sop:jawaban="Banding" /><bpmn:sequenceFlow id="fL" sourceRef="G2" targetRef="Lain" sop:jawaban="Lainnya" />
    <bpmn:sequenceFlow id="e1" sourceRef="Kembalikan" targetRef="E" /><bpmn:sequenceFlow id="e2" sourceRef="Banding" targetRef="E" /><bpmn:sequenceFlow id="e3" sourceRef="Lain" targetRef="E" />
  </bpmn:process>
</bpmn:definitions>`;
    const form = stepForms((await read(xml)).model).get('Periksa') as FormSchema;
    expect(form.components.map((c) => [c.key, c.conditional?.hide])).toEqual([
      ['berkasLengkap', undefined],
      ['jenis', '=((berkasLengkap != null and not(berkasLengkap = true)))'],
    ]);
    expect(stepDataProblems(form, { berkasLengkap: false })).toEqual([]);
    expect(stepDataProblems(form, { berkasLengkap: true }).map((p) => p.field)).toEqual(['jenis']);
    expect(stepDataProblems(form, {}).map((p) => p.field)).toEqual(['berkasLengkap', 'jenis']);
    expect(stepDataProblems(form, { berkasLengkap: true, jenis: 'banding' })).toEqual([]);
  });

  it('infers the field of a hand-written condition: required when it decides alone, optional inside a compound one', async () => {
    const forms = stepForms((await read(readFileSync(`${import.meta.dirname}/../compile/gateways.exclusive.bpmn`, 'utf8'))).model);
    expect(forms.get('Register')?.components.map((c) => [c.key, c.type, c.validate?.required])).toEqual([['jenis', 'radio', true], ['nilaiGugatan', 'number', false]]);
  });

  it('refuses a stored form that is not JSON, a field type it cannot check, a key used twice, a choice without options', async () => {
    const bad = (components: string) => keputusan.replace(/<sop:formulir>.*<\/sop:formulir>/, `<sop:formulir>${components}</sop:formulir>`);
    expect((await read(bad('{bukan json'))).problems).toEqual([expect.objectContaining({ code: 'BAD_FORM', id: 'Periksa' })]);
    const { problems } = await read(bad(JSON.stringify({ components: [
      { type: 'filepicker', key: 'berkas', label: 'Berkas' }, { type: 'textfield', key: 'a b' }, { type: 'textfield', key: 'x' }, { type: 'number', key: 'x' }, { type: 'select', key: 'pilih' },
    ] })));
    expect(problems.map((p) => p.code)).toEqual(['BAD_FORM', 'BAD_FORM', 'BAD_FORM', 'BAD_FORM']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/"filepicker".*\n.*nama data.*\n.*"x" dipakai dua kolom.*\n.*tanpa daftar pilihan/);
  });
});
