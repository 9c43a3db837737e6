/**
 * The SOP document's parts on diagrams made for the purpose: text wrapped to its column, a row
 * taller than a page continued on the next without losing a word, a loop drawn back up, a
 * parallel split and a boundary event drawn as arrows from the row, names escaped, dates in words.
 */
import { describe, expect, it } from 'vitest';
import { readBpmn } from '../../src/bpmn/readBpmn.ts';
import { flowTable } from '../../src/document/flowRows.ts';
import { layOut } from '../../src/document/flowchartLayout.ts';
import { tanggal } from '../../src/document/identityPage.ts';
import { sopDocumentHtml } from '../../src/document/sopDocument.ts';
import { textWidth, wrapText } from '../../src/document/textLines.ts';
import type { ProcessModel } from '../../src/model/processModel.ts';

const LONG = Array.from({ length: 420 }, (_, i) => `kata${i}`).join(' ');

/** A process: two lanes, a check that loops back on "Tidak", a parallel split, a timer boundary. */
function diagram(name = 'Penerimaan Berkas', keterangan = 'Diperiksa.'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" id="D" targetNamespace="urn:uji">
  <bpmn:process id="uji" name="${name}" isExecutable="true">
    <bpmn:extensionElements>
      <sop:identitas nama="${name}" satker="Pengadilan Negeri Uji &amp; Contoh" tanggalPembuatan="2026-02-30" tanggalEfektif="2026-12-07" disahkanOleh="Ketua Pengadilan Negeri Uji" namaPengesah="Dr. Siti &lt;b&gt;Aminah&lt;/b&gt;" nipPengesah="197001011995032001">
        <sop:dasarHukum>UU No. 48 Tahun 2009</sop:dasarHukum>
        <sop:peringatan>Berkas yang tidak lengkap tidak boleh diteruskan</sop:peringatan>
      </sop:identitas>
    </bpmn:extensionElements>
    <bpmn:laneSet id="LS">
      <bpmn:lane id="L1" name="Petugas &lt;Meja&gt; 1" sop:pelaksana="petugas"><bpmn:flowNodeRef>Mulai</bpmn:flowNodeRef><bpmn:flowNodeRef>Terima</bpmn:flowNodeRef><bpmn:flowNodeRef>Periksa</bpmn:flowNodeRef><bpmn:flowNodeRef>G</bpmn:flowNodeRef><bpmn:flowNodeRef>Bagi</bpmn:flowNodeRef><bpmn:flowNodeRef>Gabung</bpmn:flowNodeRef><bpmn:flowNodeRef>Selesai</bpmn:flowNodeRef><bpmn:flowNodeRef>Batas</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L2" name="Panitera" sop:pelaksana="panitera"><bpmn:flowNodeRef>Catat</bpmn:flowNodeRef><bpmn:flowNodeRef>Arsip</bpmn:flowNodeRef><bpmn:flowNodeRef>Tegur</bpmn:flowNodeRef><bpmn:flowNodeRef>SelesaiTegur</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="Mulai" name="Berkas datang" />
    <bpmn:userTask id="Terima" name="Menerima berkas" sop:no="1" sop:waktu="1 Hari" sop:kelengkapan="Surat permohonan" />
    <bpmn:userTask id="Periksa" name="Memeriksa kelengkapan berkas" sop:no="2" sop:waktu="2 Hari" sop:keterangan="${keterangan}" />
    <bpmn:exclusiveGateway id="G" name="Lengkap?" sop:pertanyaan="Berkas lengkap?" default="Tidak" />
    <bpmn:parallelGateway id="Bagi" />
    <bpmn:userTask id="Catat" name="Mencatat dalam register" sop:no="3" sop:waktu="1 Hari" sop:output="Register" />
    <bpmn:userTask id="Arsip" name="Mengarsipkan salinan" sop:no="4" sop:waktu="3 Hari" />
    <bpmn:parallelGateway id="Gabung" />
    <bpmn:endEvent id="Selesai" name="Selesai" />
    <bpmn:boundaryEvent id="Batas" name="Lewat waktu" attachedToRef="Catat" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:userTask id="Tegur" name="Menegur petugas" sop:no="5" />
    <bpmn:endEvent id="SelesaiTegur" name="Teguran selesai" />
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="Terima" />
    <bpmn:sequenceFlow id="f2" sourceRef="Terima" targetRef="Periksa" />
    <bpmn:sequenceFlow id="f3" sourceRef="Periksa" targetRef="G" />
    <bpmn:sequenceFlow id="Ya" sourceRef="G" targetRef="Bagi" sop:jawaban="Ya"><bpmn:conditionExpression>=berkasLengkap = true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Tidak" sourceRef="G" targetRef="Terima" sop:jawaban="Tidak" />
    <bpmn:sequenceFlow id="f4" sourceRef="Bagi" targetRef="Catat" />
    <bpmn:sequenceFlow id="f5" sourceRef="Bagi" targetRef="Arsip" />
    <bpmn:sequenceFlow id="f6" sourceRef="Catat" targetRef="Gabung" />
    <bpmn:sequenceFlow id="f7" sourceRef="Arsip" targetRef="Gabung" />
    <bpmn:sequenceFlow id="f8" sourceRef="Gabung" targetRef="Selesai" />
    <bpmn:sequenceFlow id="f9" sourceRef="Batas" targetRef="Tegur" />
    <bpmn:sequenceFlow id="f10" sourceRef="Tegur" targetRef="SelesaiTegur" />
  </bpmn:process>
</bpmn:definitions>`;
}

async function processOf(xml: string): Promise<ProcessModel> {
  const read = await readBpmn(xml);
  const process = read.model?.processes[0];
  if (!process) throw new Error(read.problems.map((p) => p.message).join('; '));
  return process;
}

describe('the flowchart table of a diagram', () => {
  it('folds the check and its question into one diamond, runs arrows through gateways, and draws the loop back up', async () => {
    const table = flowTable(await processOf(diagram()));
    expect(table.columns.map((c) => c.name)).toEqual(['Petugas <Meja> 1', 'Panitera']);
    expect(table.rows.map((r) => `${r.symbol}:${r.node}`)).toEqual([
      'terminator:Mulai', 'activity:Terima', 'decision:Periksa', 'activity:Catat', 'activity:Arsip', 'activity:Tegur', 'terminator:Selesai', 'terminator:SelesaiTegur',
    ]);
    const at = (node: string) => table.rows.findIndex((r) => r.node === node);
    expect(table.rows[at('Periksa')]).toMatchObject({ question: 'Berkas lengkap?', column: 0, waktu: '2 Hari' });
    expect(table.links).toEqual(expect.arrayContaining([
      { from: at('Periksa'), to: at('Catat'), label: 'Ya' },
      { from: at('Periksa'), to: at('Arsip'), label: 'Ya' },
      { from: at('Periksa'), to: at('Terima'), label: 'Tidak' },
      { from: at('Catat'), to: at('Tegur'), label: 'Lewat waktu' },
      { from: at('Catat'), to: at('Selesai') },
      { from: at('Arsip'), to: at('Selesai') },
    ]));
  });

  it('numbers the rows in order when the SOP numbers none of its steps', async () => {
    const table = flowTable(await processOf(diagram().replace(/ sop:no="\d"/g, '')));
    expect(table.rows.map((r) => r.no)).toEqual(['', '1', '2', '3', '4', '5', '', '']);
  });

  it('wraps text within the column width and never drops a word', () => {
    const lines = wrapText(`${LONG} Pengadilan-Negeri-Kelas-IA-Khusus-Jakarta-Pusat-sangat-panjang`, 40, 2.6);
    for (const line of lines) expect(textWidth(line, 2.6)).toBeLessThanOrEqual(40);
    expect(lines.join(' ').replace(/\s+/g, '')).toBe(`${LONG}Pengadilan-Negeri-Kelas-IA-Khusus-Jakarta-Pusat-sangat-panjang`.replace(/\s+/g, ''));
  });

  it('breaks a word too long for its column after a slash or hyphen before breaking between letters', () => {
    const width = textWidth('Panitera/Sekr', 2.6);
    expect(wrapText('Panitera/Sekretaris', width, 2.6)).toEqual(['Panitera/', 'Sekretaris']);
    expect(wrapText('Sub-Bagian-Kepegawaian', textWidth('Kepegawaian', 2.6), 2.6)).toEqual(['Sub-Bagian-', 'Kepegawaian']);
  });

  it('continues a row taller than a page on the next page, every word printed once', async () => {
    const process = await processOf(diagram('Penerimaan Berkas', LONG));
    const layout = layOut(flowTable(process));
    const parts = layout.pages.flatMap((p) => p.segments).filter((s) => s.row === 2);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((s) => s.first)).toEqual([true, ...parts.slice(1).map(() => false)]);
    const printed = parts.flatMap((s) => s.lines.keterangan.map((l) => l.text)).join(' ');
    expect(printed).toBe(wrapText(LONG, 1000, 2.6).join(' '));
    const html = sopDocumentHtml({ process, calls: [], calledBy: [] });
    for (const word of ['kata0 ', 'kata211 ', 'kata419<']) expect(html).toContain(word);
    expect(html).toContain('data-lanjutan="ya"');
  });

  it('escapes every name and prints dates in words, an impossible date as written', async () => {
    const html = sopDocumentHtml({ process: await processOf(diagram('Uji <script>alert(1)</script>')), calls: [{ processId: 'x', name: 'SOP <i>' }], calledBy: [] });
    expect(html).not.toMatch(/<script|<i>|<b>/);
    expect(html).toContain('Uji &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Petugas &lt;Meja&gt; 1');
    expect(html).toContain('PENGADILAN NEGERI UJI &amp; CONTOH');
    expect(html).toMatch(/data-isian="Tanggal Efektif">7 Desember 2026</);
    expect(html).toMatch(/data-isian="Tanggal Pembuatan">2026-02-30</);
    expect(html).toContain('NIP. 197001011995032001');
    expect(tanggal('2011-04-04')).toBe('4 April 2011');
    expect(tanggal('  ')).toBe('');
  });
});
