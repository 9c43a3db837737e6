/**
 * Every waktu phrase of the SOP book of the PN under PT Bandung (2011), seed 004:
 * the distinct phrases are found by scanning the WAKTU PENYELESAIAN column of the
 * text here, independently of the reader, and each must read.
 */
import { describe, expect, it } from 'vitest';
import { isRecurring, readWaktu } from '../../src/sop/readWaktu.ts';
import { describeWithFixture, seedBook, SEED_BOOK } from '../support/sharedFixtures.ts';

const seed = seedBook();

// A waktu cell sits at the end of a table row, after the kegiatan text: "… diberi nomor. 1 Hari".
const CELL_START = /^(?:\d+\s+(?:hari|bulan)\b|setiap\s|paling\s|tanggal\s|sesuai kebutuhan|pada hari itu)/i;
// Words just before the cell that belong to it ("… paling lambat pada : Tanggal 3 tiap bulannya").
const CELL_QUALIFIER = /(?:paling lambat(?: pada)?|paling lama|dalam tenggang waktu|dalam waktu paling lama)\s*:?\s*$/i;

function waktuCells(text: string): string[] {
  const cells: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let cut = 0;
    for (const m of line.matchAll(/[.:)•]\s+/g)) cut = (m.index ?? 0) + m[0].length;
    let cell = line.slice(cut);
    if (!CELL_START.test(cell)) {
      const tail = /(\d+\s+(?:hari|bulan)(?:\s+kerja)?)$/i.exec(line);
      if (!tail) continue;
      cut = tail.index;
      cell = tail[1] ?? '';
    }
    const before = line.slice(0, cut);
    const qualifier = CELL_QUALIFIER.exec(before);
    if (qualifier) cell = `${before.slice(qualifier.index).trim()} ${cell}`.replace(/\s+/g, ' ');
    cells.push(cell.trim());
  }
  return cells;
}

const cells = seed ? waktuCells(seed.text) : [];
const distinct = [...new Set(cells)];

describeWithFixture('the waktu column of seed 004', seed !== undefined, SEED_BOOK, () => {
  it('is found and scanned', () => {
    expect(seed).toBeDefined();
    // sop-standard §3.2 counts 319 filled waktu cells; the scan must find nearly all of them.
    expect(cells.length).toBeGreaterThanOrEqual(300);
    expect(distinct.length).toBeGreaterThanOrEqual(45);
    expect(distinct).toEqual(expect.arrayContaining([
      '1 Hari', 'Setiap Jum’at', '150 Hari/5 Bulan', '7 Hari Kerja', '14 Hari Kerja', '3 bulan sekali', 'Sesuai kebutuhan',
      'Pada hari itu juga atau paling lama pada hari berikutnya', 'Paling lambat tanggal 3 setiap bulannya diselesaikan 1 Hari Kerja',
      'dalam tenggang waktu : 14 Hari setelah Putusan Banding diberitahukan kepada para pihak',
    ]));
  });

  it.each(distinct)('reads "%s"', (phrase) => {
    const read = readWaktu(phrase);
    expect(read.ok, read.ok ? '' : read.message).toBe(true);
  });

  it('sets a deadline or a schedule for every phrase except "Sesuai kebutuhan"', () => {
    const withoutDeadline = distinct.filter((p) => {
      const read = readWaktu(p);
      return read.ok && read.spec.kind === 'none';
    });
    expect(withoutDeadline).toEqual(['Sesuai kebutuhan']);
  });

  it.each([
    ['1 Hari', { kind: 'duration', amount: 1, unit: 'day', hari: 'ikutSop' }],
    ['14 Hari Kerja', { kind: 'duration', amount: 14, unit: 'day', hari: 'kerja' }],
    ['150 Hari/5 Bulan', { kind: 'duration', amount: 5, unit: 'month', alternatives: ['150 Hari'] }],
    ['1 Bulan', { kind: 'duration', amount: 1, unit: 'month' }],
    ['2 Hari setelah sidang berakhir', { kind: 'duration', amount: 2, anchor: { kind: 'event', name: 'sidang berakhir' } }],
    ['paling lama: 3 Hari setelah pernyataan diterima', { kind: 'duration', amount: 3, anchor: { kind: 'event', name: 'pernyataan diterima' } }],
    ['dalam tenggang waktu: 180 Hari', { kind: 'duration', amount: 180, window: true }],
    ['dalam tenggang waktu : 14 Hari setelah Putusan Banding diberitahukan kepada para pihak', {
      kind: 'duration', amount: 14, window: true, anchor: { kind: 'event', name: 'Putusan Banding diberitahukan kepada para pihak' },
    }],
    ['Setiap Hari', { kind: 'recurring', schedule: { every: 'day' } }],
    ['Setiap Jum’at', { kind: 'recurring', schedule: { every: 'week', weekday: 5 }, roll: 'backward' }],
    ['Setiap Senin', { kind: 'recurring', schedule: { every: 'week', weekday: 1 } }],
    ['3 bulan sekali', { kind: 'recurring', schedule: { every: 'month', months: [3, 6, 9, 12], day: 'last' } }],
    ['Paling lambat tanggal 10 setiap bulan', { kind: 'fixedDate', schedule: { day: 10 }, roll: 'forward' }],
    ['paling lambat pada : Tanggal 3 tiap 4 bulannya', { kind: 'fixedDate', schedule: { months: [1, 5, 9], day: 3 } }],
    ['Paling lambat tanggal 3 tiap 6 bulannya', { kind: 'fixedDate', schedule: { months: [1, 7], day: 3 } }],
    ['paling lambat pada : Tanggal 3 Januari', { kind: 'fixedDate', schedule: { months: [1], day: 3 } }],
    ['Tanggal 5 setiap bulan selesai 2 Hari', { kind: 'duration', amount: 2, anchor: { kind: 'dayOfMonth', day: 5 } }],
    ['Paling lambat tanggal 3 setiap bulannya diselesaikan 1 Hari Kerja', { kind: 'earliest' }],
    ['Pada hari itu juga atau paling lama pada hari berikutnya', { kind: 'sameDay', graceDays: 1 }],
    ['Sesuai kebutuhan', { kind: 'none', reason: 'onDemand' }],
  ])('reads "%s" as intended', (phrase, expected) => {
    const read = readWaktu(phrase);
    expect(read).toMatchObject({ ok: true, spec: { ...expected, verbatim: phrase } });
  });

  it('treats only the routines of the book as recurring', () => {
    const recurring = distinct.filter((p) => {
      const read = readWaktu(p);
      return read.ok && isRecurring(read.spec);
    });
    expect(recurring.sort()).toEqual(['3 bulan sekali', 'Setiap Hari', 'Setiap Jum’at', 'Setiap Senin']);
  });
});

describe('time expressions inside the kegiatan text of seed 004', () => {
  it.each([
    ['paling lama 1 minggu', { kind: 'duration', amount: 1, unit: 'week' }],
    ['15 hari kerja', { kind: 'duration', amount: 15, hari: 'kerja' }],
    ['minimal 10 (sepuluh) hari sebelum waktu penahanan berakhir', { kind: 'duration', amount: 10, direction: 'before' }],
    ['2 bulan sebelum TMT', { kind: 'duration', amount: 2, unit: 'month', direction: 'before', anchor: { kind: 'event', name: 'TMT' } }],
    ['6 bulan sebelum usia pensiun', { kind: 'duration', amount: 6, direction: 'before' }],
    ['150 Hari/5 Bulan (diluar waktu mediasi yang diberikan)', { kind: 'duration', pausable: { during: 'mediasi' } }],
    ['Tenggang waktu pemanggilan para pihak dengan hari sidang pertama. 7 Hari', { kind: 'duration', bound: 'min' }],
    ['pada hari itu juga', { kind: 'sameDay', graceDays: 0 }],
    ['setiap hari kerja', { kind: 'recurring' }],
    ['setiap minggu', { kind: 'recurring' }],
    ['setiap bulan', { kind: 'recurring' }],
    ['setiap triwulan', { kind: 'recurring' }],
    ['setiap semester', { kind: 'recurring' }],
    ['setiap tahun', { kind: 'recurring' }],
    ['setiap awal bulan', { kind: 'recurring', roll: 'forward' }],
    ['setiap akhir bulan', { kind: 'recurring' }],
    ['setiap akhir tahun', { kind: 'recurring' }],
    ['setiap diperlukan', { kind: 'none' }],
  ])('reads "%s"', (phrase, expected) => {
    expect(readWaktu(phrase)).toMatchObject({ ok: true, spec: expected });
  });

  it.each(['setiap 2 jam', 'seminggu tiga kali'])('explains why "%s" is not a waktu penyelesaian', (phrase) => {
    expect(readWaktu(phrase)).toMatchObject({ ok: false, message: expect.stringMatching(/jadwal rutin/) });
  });
});
