/**
 * The identity block and the per-step documents of the catalogue's micro SOPs, held to the SOP
 * book (seed 004) they come from: the book's signatory and date, no SOP number or revision (the
 * book gives none), Dasar Hukum only as the book cites it, and kelengkapan/output only where a
 * step's kegiatan text names the documents. See docs/catalogue-identity.md.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readBpmn } from '../../src/bpmn/readBpmn.ts';
import { readCatalogue } from '../../src/catalogue/readCatalogue.ts';
import type { FlowNode, ProcessModel } from '../../src/model/processModel.ts';
import { findDasarHukum } from '../../src/sopText/findDasarHukum.ts';
import { readBookIdentity } from '../../src/sopText/readBookIdentity.ts';
import { readSopBook } from '../../src/sopText/readSopBook.ts';
import { bookText } from './bookEntries.ts';
import { itWithFixture, SEED_BOOK } from '../support/sharedFixtures.ts';

/** The foreword's signature (seed 004, "Bandung, 4 April 2011 / Ketua Pengadilan Tinggi Bandung, / H. S U W A R D I, S.H / Nip. …"). */
const SIGNATORY = {
  disahkanOleh: 'Ketua Pengadilan Tinggi Bandung',
  namaPengesah: 'H. Suwardi, S.H.',
  nipPengesah: '194601111971041001',
};
/** Permenpan RB 35/2012: Tanggal Efektif is the date the SOP is signed. */
const TANGGAL_EFEKTIF = '2011-04-04';
/** Words that name a document in a kegiatan text. */
const DOCUMENT = /\b(?:surat|berkas|buku|register|laporan|daftar|akta|relaas|salinan|putusan|penetapan|memori|skum|formulir|berita\s+acara)/i;

/** Compares citations with tidied spacing: no whitespace, no dots, one case. */
const squeeze = (s: string) => s.toLowerCase().replace(/[\s.]+/g, '');
/** Letters only, lower case: the text a value's words are looked for in. */
const letters = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '');
/** Connecting words, which prove nothing about where a value came from. */
const FILLER = new Set(['yang', 'telah', 'sudah', 'dengan', 'untuk', 'dalam', 'kepada', 'serta', 'setelah', 'siap', 'dari', 'dan']);
/** Whether a value is founded on the text: one of its words of five letters or more is in it, or, when it has none ("Buku Kas Umum"), all its words are. */
function founded(value: string, source: string): boolean {
  const words = value.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 3 && !FILLER.has(w));
  const long = words.filter((w) => w.length >= 5);
  return long.length > 0 ? long.some((w) => source.includes(w)) : words.length > 0 && words.every((w) => source.includes(w));
}

const catalogue = await readCatalogue();
const micro = await Promise.all(catalogue.filter((e) => e.cakupan === 'mikro').map(async (entry) => {
  const model = (await readBpmn(await readFile(entry.path, 'utf8'))).model?.processes.find((p) => p.id === entry.processId);
  if (!model?.identity) throw new Error(`${entry.file}: tanpa blok sop:identitas`);
  return { entry, model: model as ProcessModel & { identity: NonNullable<ProcessModel['identity']> } };
}));
const steps = (model: ProcessModel): FlowNode[] => [...model.nodes.values()].filter((n) => /Task$/.test(n.type));
/** The kegiatan text of a step: its keterangan, or its name where the name is the book row itself. */
const kegiatan = (step: FlowNode) => step.sop.keterangan ?? step.name ?? '';

const text = bookText();
const drafts = text ? readSopBook(text)?.drafts ?? [] : [];
/** The book's own text of one SOP section: its steps, their notes and the lines around them. */
function sectionText(kodeBuku: string | undefined): string {
  const draft = drafts.find((d) => d.kodeBuku === kodeBuku);
  return draft ? [...draft.documentation, ...draft.steps.flatMap((s) => [s.text, ...s.notes])].join(' ') : '';
}

describe('the identity of the catalogue SOPs', () => {
  it('holds the 71 micro SOPs of the book', () => {
    expect(micro.length).toBe(71);
  });

  it('names the book\'s signatory and its signing date as tanggal efektif in every micro SOP', () => {
    const wrong = micro.filter(({ model }) => model.identity.disahkanOleh !== SIGNATORY.disahkanOleh
      || model.identity.namaPengesah !== SIGNATORY.namaPengesah || model.identity.nipPengesah !== SIGNATORY.nipPengesah
      || model.identity.tanggalEfektif !== TANGGAL_EFEKTIF);
    expect(wrong.map(({ entry }) => entry.file)).toEqual([]);
  });

  itWithFixture('takes the signatory and the date from the book\'s foreword', text !== undefined, SEED_BOOK, () => {
    const book = squeeze(text as string);
    for (const value of Object.values(SIGNATORY)) expect(book).toContain(squeeze(value));
    expect(readBookIdentity(text as string).tanggalPembuatan).toBe(TANGGAL_EFEKTIF);
  });

  it('gives no SOP a nomor or a tanggal revisi, since the book gives none', () => {
    expect(micro.filter(({ model }) => model.identity.nomor !== undefined || model.identity.tanggalRevisi !== undefined)
      .map(({ entry }) => entry.file)).toEqual([]);
  });

  itWithFixture('cites as Dasar Hukum only what the SOP\'s own text cites', text !== undefined, SEED_BOOK, () => {
    const unfounded = micro.flatMap(({ entry, model }) => {
      const source = squeeze([sectionText(entry.kodeBuku), ...steps(model).map((s) => s.sop.keterangan ?? '')].join(' '));
      return model.identity.dasarHukum.filter((d) => !source.includes(squeeze(d))).map((d) => `${entry.processId}: ${d}`);
    });
    expect(unfounded).toEqual([]);
  });

  itWithFixture('cites every numbered regulation the book\'s section cites, and the decrees the book names', text !== undefined, SEED_BOOK, () => {
    const missing = micro.flatMap(({ entry, model }) => {
      const cited = findDasarHukum([sectionText(entry.kodeBuku), ...steps(model).map((s) => s.sop.keterangan ?? '')].join(' '));
      const held = model.identity.dasarHukum.map(squeeze);
      return cited.filter((c) => !held.includes(squeeze(c))).map((c) => `${entry.processId}: ${c}`);
    });
    expect(missing).toEqual([]);
    const dasar = (id: string) => micro.find(({ entry }) => entry.processId === id)?.model.identity.dasarHukum;
    expect(dasar('pidana-A')).toEqual(['SEMA No.06 tahun 1992', 'Pasal 45A Undang-Undang No. 5 Tahun 2004 tentang Mahkamah Agung', 'SEMA No. 11 Tahun 2010']);
    expect(dasar('perdata-A')).toEqual(['Surat Keputusan Ketua Pengadilan Negeri', 'Pasal 122 HIR']);
    expect(dasar('keuangan-B-5')).toEqual(['Surat Edaran Menteri Keuangan']);
  });
});

describe('the kelengkapan and output of the catalogue steps', () => {
  const all = micro.flatMap(({ entry, model }) => steps(model).map((step) => ({ sop: entry.processId, step })));

  it('take every value from the step\'s own kegiatan text: one of its longer words is there', () => {
    const unfounded = all.flatMap(({ sop, step }) => {
      const source = letters(`${step.sop.keterangan ?? ''} ${step.name ?? ''}`);
      return [step.sop.kelengkapan, step.sop.output].filter((v): v is string => v !== undefined)
        .filter((v) => !founded(v, source))
        .map((v) => `${sop} ${step.id}: ${v}`);
    });
    expect(unfounded).toEqual([]);
  });

  it('hold no waktu in place of a document', () => {
    const timed = all.filter(({ step }) => [step.sop.kelengkapan, step.sop.output]
      .some((v) => v !== undefined && /\b\d+\s*(?:hari|bulan|minggu|jam)\b|paling\s+lambat/i.test(v)));
    expect(timed.map(({ sop, step }) => `${sop} ${step.id}`)).toEqual([]);
  });

  it('are given for at least 60% of the steps whose kegiatan names a document', () => {
    const naming = all.filter(({ step }) => DOCUMENT.test(kegiatan(step)));
    const filled = naming.filter(({ step }) => step.sop.kelengkapan !== undefined || step.sop.output !== undefined);
    expect(naming.length).toBeGreaterThan(150);
    expect(filled.length / naming.length).toBeGreaterThanOrEqual(0.6);
  });
});
