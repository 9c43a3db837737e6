/**
 * Drafts a year that has no SKB data yet from npm date-holidays, with the
 * corrections sop-standard §4.2 lists: 27 Rajab is Isra Mikraj (date-holidays
 * calls it Maulid), Paskah is added (a holiday since Keppres 8/2024), and every
 * Hijri, Nyepi and Waisak date is tentative. No cuti bersama: only the SKB sets them.
 */
import Holidays from 'date-holidays';
import holidaysPackage from 'date-holidays/package.json' with { type: 'json' };
import { DateTime } from 'luxon';
import type { CalendarEntry, CalendarYear } from './calendarYear.ts';

type Naming = { name: (year: number) => string; tentative?: boolean; catatan?: string };

const HIJRI = 'Tanggal Hijriah dari tabel date-holidays, bukan penetapan Menteri Agama; date-holidays meleset satu hari pada Idul Fitri 2025 dan 2026.';
const LUNISOLAR = 'Tanggal dari tabel date-holidays; SKB belum terbit.';

// Keyed by date-holidays' rule, or by its English name where the rule is a bare date.
const NAMING: Record<string, Naming> = {
  '01-01': { name: (y) => `Tahun Baru ${y} Masehi` },
  '27 Rajab': { name: () => 'Isra Mikraj Nabi Muhammad SAW', tentative: true, catatan: `date-holidays menamainya "Maulid Nabi Muhammad"; 27 Rajab adalah Isra Mikraj. ${HIJRI}` },
  'chinese 01-0-01': { name: () => 'Tahun Baru Imlek' },
  Nyepi: { name: () => 'Hari Suci Nyepi (Tahun Baru Saka)', tentative: true, catatan: LUNISOLAR },
  '1 Shawwal': { name: () => 'Idul Fitri (hari pertama)', tentative: true, catatan: HIJRI },
  '2 Shawwal': { name: () => 'Idul Fitri (hari kedua)', tentative: true, catatan: HIJRI },
  'easter -2': { name: () => 'Wafat Yesus Kristus' },
  '05-01': { name: () => 'Hari Buruh Internasional' },
  'easter 39': { name: () => 'Kenaikan Yesus Kristus' },
  '10 Dhu al-Hijjah': { name: () => 'Idul Adha', tentative: true, catatan: HIJRI },
  'Vesak Day': { name: () => 'Hari Raya Waisak', tentative: true, catatan: LUNISOLAR },
  '06-01': { name: () => 'Hari Lahir Pancasila' },
  '1 Muharram': { name: () => 'Tahun Baru Islam (1 Muharam)', tentative: true, catatan: HIJRI },
  '08-17': { name: () => 'Proklamasi Kemerdekaan' },
  '12 Rabi al-awwal': { name: () => 'Maulid Nabi Muhammad SAW', tentative: true, catatan: HIJRI },
  '12-25': { name: () => 'Kelahiran Yesus Kristus (Natal)' },
};

let holidays: Holidays | undefined;

/** A draft year from date-holidays with the known corrections; status "draft", marked generatedFrom. */
export function draftYear(year: number): CalendarYear {
  holidays ??= new Holidays('ID');
  const generatedFrom = `date-holidays@${holidaysPackage.version}`;
  const source = `${generatedFrom} (draf, belum ada SKB)`;
  const entries: CalendarEntry[] = [];
  for (const h of holidays.getHolidays(year, 'en')) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10); // "2027-03-09 00:00:00 -0600": the local date; the offset marks the eve
    if (!date.startsWith(String(year))) continue;
    const naming = NAMING[h.rule] ?? NAMING[h.name];
    const entry: CalendarEntry = { date, kind: 'libur_nasional', name: naming ? naming.name(year) : h.name, source };
    if (naming?.tentative) entry.tentative = true;
    if (naming?.catatan) entry.catatan = naming.catatan;
    if (!naming) entry.catatan = 'Nama asli date-holidays; periksa dengan Keppres 8/2024.';
    entries.push(entry);
    if (h.rule === 'easter -2') {
      entries.push({
        date: DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 2 }).toISODate() ?? date,
        kind: 'libur_nasional',
        name: 'Kebangkitan Yesus Kristus (Paskah)',
        source,
        catatan: 'Tidak ada di date-holidays; hari libur sejak Keppres 8/2024 (Paskah = Wafat Yesus Kristus + 2 hari).',
      });
    }
  }
  entries.sort((a, b) => a.date.localeCompare(b.date));
  const missing = ['Hari Suci Nyepi (Tahun Baru Saka)', 'Hari Raya Waisak'].filter((n) => !entries.some((e) => e.name === n));
  const catatan = [
    `Draf otomatis dari ${generatedFrom}: belum ada SKB 3 Menteri untuk ${year}, jadi tidak ada cuti bersama; tanggal Hijriah, Nyepi dan Waisak belum pasti.`,
    missing.length > 0 ? `${missing.join(' dan ')} tidak tersedia di date-holidays untuk ${year}; isi dari SKB.` : '',
  ].filter(Boolean).join(' ');
  return {
    year,
    status: 'draft',
    version: 0,
    sources: [{ ref: generatedFrom, title: 'Data hari libur Indonesia (ID) dari paket npm date-holidays, dikoreksi menurut sop-standard §4.2' }],
    entries,
    catatan,
    generatedFrom,
  };
}
