/** Issue 6: the catalogue index is read from the files, and holds exactly the book's SOPs that have steps. */
import { describe, expect, it } from 'vitest';
import { compareKodeBuku } from '../../src/catalogue/bookOrder.ts';
import { dependencyOrder } from '../../src/catalogue/deployCatalogue.ts';
import { readCatalogue } from '../../src/catalogue/readCatalogue.ts';
import { bookEntries, bookText } from './bookEntries.ts';
import { describeWithFixture, SEED_BOOK } from '../support/sharedFixtures.ts';

const catalogue = await readCatalogue();
const micro = catalogue.filter((e) => e.cakupan === 'mikro');
const text = bookText();

describe('the catalogue index', () => {
  it('sorts in book order: units I to VI, letters, numbers by value, macro SOPs last', () => {
    expect(['II.A', 'I.E.4 Pengamanan Tamu', 'I.E.10', 'I.E.4', 'VI.A', 'IV.C', 'I.E.2'].sort(compareKodeBuku))
      .toEqual(['I.E.2', 'I.E.4', 'I.E.4 Pengamanan Tamu', 'I.E.10', 'II.A', 'IV.C', 'VI.A']);
    const kodes = micro.map((e) => e.kodeBuku);
    expect([...kodes].sort(compareKodeBuku)).toEqual(kodes);
    expect(catalogue.findIndex((e) => e.cakupan === 'makro')).toBe(micro.length);
  });

  it('names each micro SOP <unit>-<book numbering with dashes>, in its unit folder', () => {
    const misnamed = micro.filter((e) => {
      // "I.E.4 Pengamanan Tamu" → "E-4-pengamanan-tamu": a heading without a number ends in its slug.
      const [numbered = '', ...named] = (e.kodeBuku ?? '').split(/\s+/);
      const numbering = [...numbered.split('.').slice(1), ...named.map((w) => w.toLowerCase())].join('-');
      return e.processId !== `${e.unit}-${numbering}` || e.file !== `processes/${e.unit}/${e.processId}.bpmn`;
    });
    expect(misnamed.map((e) => `${e.kodeBuku} ${e.processId} ${e.file}`)).toEqual([]);
  });

  it('reads Proses Kasasi with its steps and no calls', () => {
    expect(catalogue.find((e) => e.kodeBuku === 'IV.C')).toMatchObject({ nama: 'Proses Kasasi', unit: 'pidana', processId: 'pidana-C', file: 'processes/pidana/pidana-C.bpmn', cakupan: 'mikro', calledElements: [] });
    expect(micro.every((e) => e.steps > 0)).toBe(true);
  });

  it('lists the macro SOPs with the micro SOPs they call, every callee in the catalogue', () => {
    expect(catalogue.find((e) => e.processId === 'makro-perkara-pidana')).toMatchObject({ cakupan: 'makro', unit: 'makro', calledElements: ['pidana-A', 'pidana-B', 'pidana-C', 'pidana-D', 'pidana-E'] });
    const order = dependencyOrder(catalogue).map((e) => e.processId);
    for (const entry of catalogue) for (const callee of entry.calledElements) expect(order.indexOf(callee)).toBeLessThan(order.indexOf(entry.processId));
  });
});

describeWithFixture('the catalogue against the SOP book (seed 004)', text !== undefined, SEED_BOOK, () => {
  it('holds exactly the Daftar Isi entries that have steps', () => {
    const entries = bookEntries(text as string);
    const withSteps = entries.filter((e) => e.hasSteps).map((e) => e.kode);
    // The rule of issue 6: a heading with sub-entries and no step table of its own groups them only.
    expect(entries.filter((e) => e.hasSubEntries && e.rows === 0).every((e) => !e.hasSteps)).toBe(true);
    expect(new Set(micro.map((e) => e.kodeBuku))).toEqual(new Set(withSteps));
    expect(micro.length).toBe(withSteps.length);
  });
});
