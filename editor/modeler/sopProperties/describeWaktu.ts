/**
 * A WaktuSpec said back in plain Indonesian, so the analyst sees how the engine read a phrase
 * ("5 hari kerja sejak langkah dimulai") before deploying it.
 */
import type { Anchor, DurationSpec, DurationUnit, Schedule, WaktuSpec } from '../../../src/sop/waktuSpec.ts';

const UNIT: Record<DurationUnit, string> = { minute: 'menit', hour: 'jam', day: 'hari', week: 'minggu', month: 'bulan', year: 'tahun' };
const WEEKDAY = ['', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const MONTH = ['', 'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** How a schedule reads: "setiap Jumat", "tanggal 5 setiap bulan". */
function describeSchedule(schedule: Schedule): string {
  if (schedule.every === 'day') return 'setiap hari kerja';
  if (schedule.every === 'week') return `setiap ${WEEKDAY[schedule.weekday] ?? schedule.weekday}`;
  const day = schedule.day === 'last' ? 'hari terakhir' : `tanggal ${schedule.day}`;
  const months = schedule.months.length === 12 ? 'setiap bulan' : `bulan ${schedule.months.map((m) => MONTH[m] ?? m).join(', ')}`;
  return `${day} ${months}`;
}

function describeAnchor(anchor: Anchor, direction: DurationSpec['direction']): string {
  if (anchor.kind === 'start') return direction === 'before' ? 'sebelum langkah dimulai' : 'sejak langkah dimulai';
  if (anchor.kind === 'dayOfMonth') return `sejak tanggal ${anchor.day} (atau sejak langkah dimulai bila lebih akhir)`;
  const word = direction === 'before' ? 'sebelum' : 'setelah';
  if (anchor.or) return `${word} ${anchor.or.join(' atau ')} (dari yang ${direction === 'before' ? 'paling awal' : 'paling akhir'} terjadi)`;
  return `${word} ${anchor.name}`;
}

/** `hariSop` is the process's sop:hari, for a bare "Hari" in the phrase. */
function describeDuration(spec: DurationSpec, hariSop: 'kerja' | 'kalender'): string {
  let amount = `${spec.amount} ${UNIT[spec.unit]}`;
  if (spec.unit === 'day') amount += spec.hari === 'ikutSop' ? ` ${hariSop} (menurut sop:hari SOP)` : ` ${spec.hari}`;
  const parts = [spec.bound === 'min' ? `paling cepat ${amount}` : amount, describeAnchor(spec.anchor, spec.direction)];
  if (spec.window) parts.push('(tenggang waktu para pihak)');
  if (spec.pausable) parts.push(`, tidak dihitung selama ${spec.pausable.during}`);
  return parts.join(' ').replace(' ,', ',');
}

/** The reading of a waktu phrase in words. */
export function describeWaktu(spec: WaktuSpec, hariSop: 'kerja' | 'kalender' = 'kalender'): string {
  switch (spec.kind) {
    case 'duration': return describeDuration(spec, hariSop);
    case 'sameDay': return spec.graceDays === 0 ? 'hari itu juga' : `hari itu juga, paling lambat ${spec.graceDays} hari kerja berikutnya`;
    case 'fixedDate': return `paling lambat ${describeSchedule(spec.schedule)}`;
    case 'recurring': return `jadwal ${describeSchedule(spec.schedule)} (memulai kasus)`;
    case 'earliest': return `mana yang lebih dulu: ${spec.of.map((one) => describeWaktu(one, hariSop)).join(' atau ')}`;
    case 'conditional': return spec.cases.map((one) => `${describeWaktu(one.spec, hariSop)} jika ${one.when.label}`).join('; ');
    case 'none': return spec.reason === 'onDemand' ? 'sesuai kebutuhan, tanpa tenggat' : 'tidak diisi, tanpa tenggat';
  }
}
