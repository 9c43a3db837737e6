import { describe, expect, it } from 'vitest';
import { isRecurring, readWaktu } from '../../src/sop/readWaktu.ts';
import type { WaktuSpec } from '../../src/sop/waktuSpec.ts';

function spec(phrase: string): WaktuSpec {
  const read = readWaktu(phrase);
  if (!read.ok) throw new Error(`expected "${phrase}" to read: ${read.message}`);
  return read.spec;
}

function failure(phrase: string): string {
  const read = readWaktu(phrase);
  if (read.ok) throw new Error(`expected "${phrase}" to fail, got ${JSON.stringify(read.spec)}`);
  return read.message;
}

const fromStart = { anchor: { kind: 'start' }, direction: 'after', bound: 'max' } as const;

describe('readWaktu: durations', () => {
  it('reads a bare "Hari" as following the SOP (sop:hari), keeping the verbatim text', () => {
    expect(spec('3 Hari')).toEqual({ kind: 'duration', verbatim: '3 Hari', amount: 3, unit: 'day', hari: 'ikutSop', roll: 'forward', ...fromStart });
  });

  it('reads hari kerja and hari kalender explicitly', () => {
    expect(spec('7 Hari Kerja')).toMatchObject({ amount: 7, unit: 'day', hari: 'kerja' });
    expect(spec('10 hari kalender')).toMatchObject({ amount: 10, unit: 'day', hari: 'kalender' });
  });

  it('reads numbers with their words in brackets, and number words alone', () => {
    expect(spec('5 (lima) hari kerja')).toMatchObject({ amount: 5, hari: 'kerja', verbatim: '5 (lima) hari kerja' });
    expect(spec('lima hari')).toMatchObject({ amount: 5, hari: 'ikutSop' });
    expect(spec('tujuh hari kerja')).toMatchObject({ amount: 7, hari: 'kerja' });
    expect(spec('empat belas (14) hari')).toMatchObject({ amount: 14 });
  });

  it('refuses digits that disagree with their words', () => {
    expect(failure('5 (enam) hari kerja')).toMatch(/tidak sama.*5 \(lima\) hari kerja/);
  });

  it('reads "N x 24 jam" and "N jam" as exact hours that never roll', () => {
    expect(spec('2 x 24 jam')).toMatchObject({ amount: 48, unit: 'hour', roll: 'none' });
    expect(spec('1x24 jam')).toMatchObject({ amount: 24, unit: 'hour' });
    expect(spec('3 jam')).toMatchObject({ amount: 3, unit: 'hour', roll: 'none' });
  });

  it('reads weeks, months and years as calendar durations', () => {
    expect(spec('2 minggu')).toMatchObject({ amount: 2, unit: 'week', roll: 'forward' });
    expect(spec('1 Bulan')).toMatchObject({ amount: 1, unit: 'month' });
    expect(spec('1 tahun')).toMatchObject({ amount: 1, unit: 'year' });
  });

  it.each([
    'paling lambat 3 hari', 'Selambat-lambatnya 3 hari', 'paling lama 3 hari', 'paling lama : 3 Hari', 'maksimal 3 hari',
    'Paling Lama:3 hari.', '  paling   lambat   3   hari  ;',
  ])('strips the deadline words of "%s"', (phrase) => {
    expect(spec(phrase)).toMatchObject({ kind: 'duration', amount: 3, unit: 'day', bound: 'max' });
  });

  it('reads "N Hari setelah <peristiwa>" with the event name as written', () => {
    expect(spec('14 Hari setelah Termohon Kasasi menerima Memori Kasasi')).toMatchObject({
      amount: 14, anchor: { kind: 'event', name: 'Termohon Kasasi menerima Memori Kasasi' }, direction: 'after',
    });
    expect(spec('30 Hari terhitung tanggal pengucapan putusan')).toMatchObject({ anchor: { kind: 'event', name: 'pengucapan putusan' } });
    expect(spec('45 Hari sejak pernyataan kasasi diterima')).toMatchObject({ anchor: { kind: 'event', name: 'pernyataan kasasi diterima' } });
  });

  it('reads "minimal N hari sebelum <data>" as a deadline counted back, moving backward', () => {
    expect(spec('minimal 10 (sepuluh) hari sebelum waktu penahanan berakhir')).toMatchObject({
      amount: 10, direction: 'before', bound: 'max', roll: 'backward', anchor: { kind: 'event', name: 'waktu penahanan berakhir' },
    });
  });

  it('reads a summons gap and "minimal N" as a minimum, not a deadline', () => {
    expect(spec('Tenggang waktu pemanggilan para pihak dengan hari sidang pertama. 7 Hari')).toMatchObject({ amount: 7, bound: 'min' });
    expect(spec('minimal 3 hari kerja')).toMatchObject({ amount: 3, hari: 'kerja', bound: 'min' });
  });

  it('flags a party window when the phrase says so', () => {
    expect(spec('dalam tenggang waktu : 14 Hari')).toMatchObject({ amount: 14, window: true });
    expect(spec('dapat diajukan dalam tenggang waktu 14 hari')).toMatchObject({ amount: 14, window: true });
    expect(spec('14 Hari')).not.toHaveProperty('window');
  });

  it('chooses the month reading of "150 Hari/5 Bulan" and keeps the day count as an alternative', () => {
    expect(spec('150 Hari/5 Bulan')).toMatchObject({ amount: 5, unit: 'month', alternatives: ['150 Hari'], verbatim: '150 Hari/5 Bulan' });
  });

  it('marks "diluar waktu mediasi" as a pausable clock', () => {
    expect(spec('150 Hari/5 Bulan (diluar waktu mediasi yang diberikan)')).toMatchObject({ amount: 5, unit: 'month', pausable: { during: 'mediasi' } });
    expect(spec('10 hari kerja di luar waktu mediasi')).toMatchObject({ amount: 10, hari: 'kerja', pausable: { during: 'mediasi' } });
  });

  it('reads "hari berikutnya" as one working day', () => {
    expect(spec('pada hari berikutnya')).toMatchObject({ kind: 'duration', amount: 1, unit: 'day', hari: 'kerja' });
  });
});

describe('readWaktu: same day, schedules and no deadline', () => {
  it('reads "Pada hari itu juga atau paling lama pada hari berikutnya" as same day with one day of grace', () => {
    expect(spec('Pada hari itu juga atau paling lama pada hari berikutnya')).toEqual({
      kind: 'sameDay', verbatim: 'Pada hari itu juga atau paling lama pada hari berikutnya', graceDays: 1,
    });
    expect(spec('pada hari itu juga')).toMatchObject({ kind: 'sameDay', graceDays: 0 });
  });

  it('reads monthly fixed dates, with or without the -nya, rolling forward (issue 19)', () => {
    const monthly = { every: 'month', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], day: 5 };
    expect(spec('Paling lambat tanggal 5 setiap bulannya')).toMatchObject({ kind: 'fixedDate', schedule: monthly, roll: 'forward' });
    expect(spec('tanggal 5 setiap bulan')).toMatchObject({ kind: 'fixedDate', schedule: monthly });
    expect(spec('paling lambat pada : Tanggal 3 tiap bulannya')).toMatchObject({ schedule: { day: 3 } });
  });

  it('reads "tiap 4/6 bulan" as the month after each period of the budget year', () => {
    expect(spec('Tanggal 3 tiap 4 bulannya')).toMatchObject({ kind: 'fixedDate', schedule: { every: 'month', months: [1, 5, 9], day: 3 } });
    expect(spec('Tanggal 3 tiap 6 bulannya')).toMatchObject({ schedule: { months: [1, 7], day: 3 } });
    expect(failure('tanggal 3 tiap 5 bulan')).toMatch(/1, 2, 3, 4, 6 atau 12 bulan/);
  });

  it('reads a yearly date', () => {
    expect(spec('Paling lambat tanggal 3 Januari')).toMatchObject({ kind: 'fixedDate', schedule: { every: 'month', months: [1], day: 3 } });
    expect(failure('tanggal 31 Februari')).toMatch(/31 Februari tidak ada/);
  });

  it('reads "diselesaikan N" after a capped date as the earlier of both, and "selesai N" as starting on that date', () => {
    const capped = spec('Paling lambat tanggal 3 setiap bulannya diselesaikan 1 Hari Kerja');
    expect(capped).toMatchObject({ kind: 'earliest', of: [{ kind: 'duration', amount: 1, hari: 'kerja' }, { kind: 'fixedDate', schedule: { day: 3 } }] });
    expect(spec('Tanggal 5 setiap bulan selesai 2 Hari')).toMatchObject({ kind: 'duration', amount: 2, anchor: { kind: 'dayOfMonth', day: 5 } });
  });

  it.each([
    ["Setiap Jum'at", 5], ['Setiap Jum’at', 5], ['setiap Jumat', 5], ['Setiap jum`at', 5], ['setiap Senin', 1], ['setiap hari Minggu', 7],
  ])('reads "%s" as a weekly routine on weekday %i', (phrase, weekday) => {
    expect(spec(phrase)).toMatchObject({ kind: 'recurring', schedule: { every: 'week', weekday }, roll: 'backward' });
  });

  it('reads other routines', () => {
    expect(spec('Setiap Hari')).toMatchObject({ kind: 'recurring', schedule: { every: 'day' } });
    expect(spec('setiap hari kerja')).toMatchObject({ kind: 'recurring', schedule: { every: 'day' } });
    expect(spec('3 bulan sekali')).toMatchObject({ kind: 'recurring', schedule: { months: [3, 6, 9, 12], day: 'last' } });
    expect(spec('tiga bulan sekali')).toMatchObject({ schedule: { months: [3, 6, 9, 12] } });
    expect(spec('setiap bulan')).toMatchObject({ kind: 'recurring', schedule: { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], day: 'last' } });
    expect(spec('setiap semester')).toMatchObject({ schedule: { months: [6, 12], day: 'last' } });
    expect(spec('setiap minggu')).toMatchObject({ schedule: { every: 'week', weekday: 5 } });
  });

  it('tells recurring routines from deadlines', () => {
    expect(isRecurring(spec('Setiap Senin'))).toBe(true);
    expect(isRecurring(spec('3 bulan sekali'))).toBe(true);
    expect(isRecurring(spec('Paling lambat tanggal 5 setiap bulannya'))).toBe(false);
    expect(isRecurring(spec('5 hari kerja'))).toBe(false);
  });

  it('reads "Sesuai kebutuhan" as no deadline and an empty cell as unspecified', () => {
    expect(spec('Sesuai kebutuhan')).toEqual({ kind: 'none', verbatim: 'Sesuai kebutuhan', reason: 'onDemand' });
    expect(spec('setiap diperlukan')).toMatchObject({ kind: 'none', reason: 'onDemand' });
    expect(readWaktu('')).toEqual({ ok: true, spec: { kind: 'none', reason: 'unspecified', verbatim: '' } });
    expect(readWaktu('   ')).toEqual({ ok: true, spec: { kind: 'none', reason: 'unspecified', verbatim: '' } });
  });
});

describe('readWaktu: combinations and errors', () => {
  it('reads "A atau B" as whichever comes first', () => {
    expect(spec('90 Hari atau minimal 10 hari sebelum waktu penahanan berakhir')).toMatchObject({
      kind: 'earliest', of: [{ amount: 90, direction: 'after' }, { amount: 10, direction: 'before' }],
    });
  });

  it('reads "N Hari setelah A atau setelah B" as one count from two events, not as two deadlines', () => {
    expect(spec('14 Hari setelah putusan diucapkan atau setelah putusan diberitahukan')).toMatchObject({
      kind: 'duration', amount: 14, direction: 'after',
      anchor: { kind: 'event', name: 'putusan diucapkan atau setelah putusan diberitahukan', or: ['putusan diucapkan', 'putusan diberitahukan'] },
    });
    expect(spec('14 hari setelah putusan diucapkan atau waktu putusan diberitahukan')).toMatchObject({ anchor: { or: ['putusan diucapkan', 'putusan diberitahukan'] } });
    expect(spec('3 Hari setelah putusan diterima')).toMatchObject({ anchor: { kind: 'event', name: 'putusan diterima' } });
    expect(spec('3 Hari setelah putusan diterima')).not.toHaveProperty('anchor.or');
  });

  it('reads conditional waktu on the domicile of the termohon', () => {
    expect(spec('7 Hari Kerja (di dalam wilayah hukum) / 14 Hari Kerja (di luar wilayah hukum)')).toMatchObject({
      kind: 'conditional',
      cases: [
        { when: { variable: 'domisili', equals: 'dalam_wilayah_hukum' }, spec: { amount: 7, hari: 'kerja' } },
        { when: { variable: 'domisili', equals: 'luar_wilayah_hukum' }, spec: { amount: 14, hari: 'kerja' } },
      ],
    });
    expect(spec('3 hari jika berkas lengkap; 7 hari jika berkas tidak lengkap')).toMatchObject({
      cases: [{ when: { variable: 'kondisi', equals: 'berkas_lengkap' } }, { when: { equals: 'berkas_tidak_lengkap' } }],
    });
  });

  it.each(['besok pagi', 'secepatnya', 'paling lambat', 'Hari', '3', 'tanggal'])('refuses "%s" with an example of a readable phrase', (phrase) => {
    const message = failure(phrase);
    expect(message).toMatch(/Contoh|contoh|misalnya/);
    expect(message).toContain(phrase.trim());
  });

  it('names the unknown unit', () => {
    expect(failure('3 Hri')).toMatch(/Satuan waktu "Hri" tidak dikenal/);
    expect(failure('0 hari')).toMatch(/lebih dari nol/);
  });

  it('refuses schedules inside a day as waktu', () => {
    expect(failure('setiap 2 jam')).toMatch(/jadwal rutin/);
    expect(failure('seminggu tiga kali')).toMatch(/jadwal rutin/);
  });

  it('produces plain JSON', () => {
    const read = spec('150 Hari/5 Bulan (diluar waktu mediasi)');
    expect(JSON.parse(JSON.stringify(read))).toEqual(read);
  });
});
