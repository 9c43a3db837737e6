import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { run } from '../../src/cli/waktu.ts';

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
const out = () => log.mock.calls.map((c) => c.join(' ')).join('\n');
const err = () => error.mock.calls.map((c) => c.join(' ')).join('\n');

beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('protap waktu', () => {
  it('prints a readable Indonesian summary with the skipped days', async () => {
    expect(await run(['5 hari kerja', '--from', '2026-03-16T09:00'])).toBe(0);
    const text = out();
    expect(text).toContain('Tenggat      : Senin, 30 Maret 2026 pukul 23.59 WIB (2026-03-30T23:59:59+07:00)');
    expect(text).toContain('Hari dilewati (9):');
    expect(text).toContain('  - Rabu, 18 Maret 2026: Cuti bersama: Hari Suci Nyepi (Tahun Baru Saka 1948)');
    expect(text).toContain('Kalender     : 2025:v1,2026:v1,2027:draft-v1');
    expect(err()).toBe('');
  });

  it('prints one JSON object with --json', async () => {
    expect(await run(['5 hari kerja', '--from', '2026-03-16T09:00:00+07:00', '--json'])).toBe(0);
    expect(log).toHaveBeenCalledTimes(1);
    const result = JSON.parse(out());
    expect(result).toMatchObject({
      due: '2026-03-30T23:59:59+07:00',
      reading: '5 hari kerja sejak 2026-03-16',
      spec: { kind: 'duration', amount: 5, hari: 'kerja' },
      derivation: { calendarVersion: expect.stringMatching(/^2025:v1,2026:v1/) },
    });
    expect(result.derivation.skipped).toHaveLength(9);
    expect(result.explanation).not.toContain('\n');
  });

  it.each([['WITA', '+08:00'], ['WIT', '+09:00'], ['Asia/Jakarta', '+07:00']])('uses the zone given by --tz %s', async (tz, offset) => {
    expect(await run(['3 Hari', '--from', '2026-03-16T09:00', '--tz', tz, '--json'])).toBe(0);
    expect(JSON.parse(out()).due).toBe(`2026-03-25T23:59:59${offset}`);
  });

  it('reads a bare Hari as hari kerja with --hari kerja', async () => {
    expect(await run(['3 Hari', '--from', '2026-03-16T09:00', '--hari', 'kerja', '--json'])).toBe(0);
    expect(JSON.parse(out()).due).toBe('2026-03-26T23:59:59+07:00');
  });

  it('takes event dates with --anchor and case data with --var', async () => {
    expect(await run(['3 Hari setelah putusan diterima', '--from', '2026-04-08', '--anchor', 'putusan diterima=2026-04-06', '--json'])).toBe(0);
    expect(JSON.parse(out()).due).toBe('2026-04-09T23:59:59+07:00');
    log.mockClear();
    const phrase = '7 Hari Kerja (di dalam wilayah hukum) / 14 Hari Kerja (di luar wilayah hukum)';
    expect(await run([phrase, '--from', '2026-07-06T09:00', '--var', 'domisili=luar_wilayah_hukum', '--json'])).toBe(0);
    expect(JSON.parse(out()).due).toBe('2026-07-24T23:59:59+07:00');
  });

  it('prints due null for a phrase without a deadline', async () => {
    expect(await run(['Sesuai kebutuhan', '--from', '2026-03-16', '--json'])).toBe(0);
    expect(JSON.parse(out())).toMatchObject({ due: null, explanation: expect.stringMatching(/tidak memiliki tenggat/) });
  });

  it('labels the next run of a routine', async () => {
    expect(await run(["Setiap Jum'at", '--from', '2026-03-16'])).toBe(0);
    expect(out()).toContain('Jadwal berikut: Selasa, 17 Maret 2026 pukul 23.59 WIB');
  });

  it.each([
    [['3 Hri', '--from', '2026-03-16'], /Satuan waktu "Hri" tidak dikenal/],
    [['besok pagi', '--from', '2026-03-16'], /tidak dapat dibaca\. Contoh/],
    [['3 Hari', '--from', 'kemarin'], /Waktu mulai "kemarin" bukan tanggal ISO 8601/],
    [['3 Hari', '--from', '2026-03-16', '--tz', 'Mars'], /Zona waktu "Mars" tidak dikenal/],
    [['10 hari sebelum penahanan berakhir', '--from', '2026-03-02'], /tidak ada dalam data kasus\. Berikan dengan --anchor/],
  ])('exits 1 with an Indonesian message for bad input %j', async (args, message) => {
    expect(await run(args)).toBe(1);
    expect(err()).toMatch(message);
    expect(err()).not.toMatch(/\n\s+at /);
    expect(out()).toBe('');
  });

  it.each([
    [['3 Hari'], /--from wajib diisi/],
    [['--from', '2026-03-16'], /Frasa waktu belum diberikan/],
    [['3 Hari', '--from', '2026-03-16', '--hari', 'libur'], /--hari harus "kerja" atau "kalender"/],
    [['3 Hari', '--from', '2026-03-16', '--bogus'], /Opsi tidak dikenal: --bogus/],
    [['3 Hari', '--from'], /Opsi --from memerlukan nilai/],
    [['3 Hari', '--from', '2026-03-16', '--anchor', 'tanpa-sama-dengan'], /--anchor harus berbentuk NAMA=NILAI/],
  ])('exits 2 with usage for %j', async (args, message) => {
    expect(await run(args)).toBe(2);
    expect(err()).toMatch(message);
    expect(err()).toContain('Penggunaan: protap waktu');
  });

  it('prints usage with --help', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(out()).toContain('Penggunaan: protap waktu');
  });
});
