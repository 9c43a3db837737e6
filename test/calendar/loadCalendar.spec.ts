import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCalendar, zoneFor } from '../../src/calendar/loadCalendar.ts';

const repoData = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../processes/calendar');
const real2026 = JSON.parse(readFileSync(path.join(repoData, '2026.json'), 'utf8')) as { entries: Record<string, unknown>[] };

function folderWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'protap-kalender-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const year2026 = (entries: unknown[]) => ({ year: 2026, status: 'published', version: 1, sources: [], entries });
const good = { date: '2026-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2026 Masehi', source: 'SKB uji' };

describe('zoneFor', () => {
  it('maps the Indonesian zone names, in any case, to IANA zones', () => {
    expect(zoneFor('WIB')).toBe('Asia/Jakarta');
    expect(zoneFor('wita')).toBe('Asia/Makassar');
    expect(zoneFor(' WIT ')).toBe('Asia/Jayapura');
  });

  it('accepts IANA zone names', () => {
    expect(zoneFor('Asia/Pontianak')).toBe('Asia/Pontianak');
  });

  it('refuses anything else in Indonesian', () => {
    expect(() => zoneFor('Mars')).toThrow('Zona waktu "Mars" tidak dikenal. Gunakan WIB, WITA, WIT');
    expect(() => zoneFor('')).toThrow(/tidak dikenal/);
  });
});

describe('loadCalendar', () => {
  it('reads processes/calendar by default, wherever it is run from, in WIB', () => {
    const calendar = loadCalendar();
    expect(calendar.zone).toBe('Asia/Jakarta');
    expect(calendar).toBe(loadCalendar({ dir: repoData, zone: 'WIB' }));
    expect(calendar.isWorkingDay('2026-03-19')).toBe(false);
  });

  it('keeps one calendar per folder and zone', () => {
    const wita = loadCalendar({ zone: 'WITA' });
    expect(wita.zone).toBe('Asia/Makassar');
    expect(wita).not.toBe(loadCalendar());
    expect(wita).toBe(loadCalendar({ zone: 'Asia/Makassar' }));
  });

  it('drafts years that have no file', () => {
    const dir = folderWith({ '2026.json': year2026(real2026.entries) });
    const calendar = loadCalendar({ dir });
    expect(calendar.closedReason('2026-03-19')).toMatch(/^Libur nasional: Hari Suci Nyepi/);
    expect(calendar.closedReason('2027-01-01')).toMatch(/^Libur nasional \(draf\): Tahun Baru 2027 Masehi/);
    expect(calendar.version).toBe('2026:v1,2027:draft-auto');
  });

  it('ignores files that are not year files', () => {
    const dir = folderWith({ '2026.json': year2026([good]), 'README.md': '# kalender', 'catatan.json': '{}' });
    expect(loadCalendar({ dir }).version).toBe('2026:v1');
  });

  it.each([
    ['an impossible date', [good, { ...good, date: '2026-02-30' }], /2026\.json, entri ke-2 \(2026-02-30\): tanggal "2026-02-30" tidak sah/],
    ['a date of another year', [{ ...good, date: '2025-12-31' }], /entri ke-1 \(2025-12-31\): tanggal 2025-12-31 bukan tahun 2026/],
    ['an unknown kind', [{ ...good, kind: 'libur_daerah' }], /jenis "libur_daerah" tidak dikenal/],
    ['no legal source', [{ ...good, source: ' ' }], /dasar hukum \(source\) kosong/],
    ['a misspelt field', [{ ...good, tentatif: true }], /kolom tidak dikenal "tentatif"/],
    ['a duplicate', [good, good], /entri ke-2 \(2026-01-01\): "Tahun Baru 2026 Masehi" tercatat dua kali/],
  ])('refuses a file with %s, naming the file and the entry', (_what, entries, message) => {
    const dir = folderWith({ '2026.json': year2026(entries) });
    expect(() => loadCalendar({ dir })).toThrow(message);
  });

  it('refuses a file whose name and year disagree, or that is not JSON', () => {
    expect(() => loadCalendar({ dir: folderWith({ '2025.json': year2026([good]) }) })).toThrow(/2025\.json: nama berkas menyebut 2025 tetapi "year" berisi 2026/);
    expect(() => loadCalendar({ dir: folderWith({ '2026.json': '{ "year": 2026,' }) })).toThrow(/2026\.json bukan JSON yang sah/);
    expect(() => loadCalendar({ dir: folderWith({ '2026.json': { ...year2026([good]), status: 'final' } }) })).toThrow(/"status" harus "published" atau "draft"/);
  });

  it('refuses a missing folder', () => {
    expect(() => loadCalendar({ dir: path.join(tmpdir(), 'tidak-ada-kalender-xyz') })).toThrow(/Folder kalender .* tidak ditemukan/);
  });
});
