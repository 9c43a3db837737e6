/**
 * Reads a *waktu penyelesaian* phrase of an SOP table into a WaktuSpec.
 *
 * Never guesses silently: a phrase it cannot read is an error with an example of
 * one it can; only an empty cell means "unspecified". docs/waktu.md lists every
 * phrase of the PT Bandung 2011 book with its reading.
 */
import { normalizePhrase } from './normalizePhrase.ts';
import { readDuration, type ReadAttempt } from './readDuration.ts';
import { readQualifiers } from './readQualifiers.ts';
import { readSchedule } from './readSchedule.ts';
import type { Condition, DurationSpec, DurationUnit, WaktuSpec } from './waktuSpec.ts';

export { isRecurring } from './waktuSpec.ts';
export type { WaktuSpec } from './waktuSpec.ts';

export type WaktuReadResult = { ok: true; spec: WaktuSpec } | { ok: false; message: string };

const EXAMPLES = '"3 Hari", "5 (lima) hari kerja", "2 x 24 jam", "14 Hari setelah putusan diterima", "Paling lambat tanggal 5 setiap bulan", "Setiap Jum\'at", "Sesuai kebutuhan"';
const UNIT_RANK: Record<DurationUnit, number> = { minute: 0, hour: 1, day: 2, week: 3, month: 4, year: 5 };

function unreadable(verbatim: string): { error: string } {
  return { error: `Frasa waktu "${verbatim}" tidak dapat dibaca. Contoh frasa yang dapat dibaca: ${EXAMPLES}.` };
}

function conditionFor(label: string): Condition {
  const text = label.replace(/^(?:di|ke)\s+/i, '').trim();
  if (/luar wilayah/i.test(text)) return { variable: 'domisili', equals: 'luar_wilayah_hukum', label };
  if (/dalam wilayah/i.test(text)) return { variable: 'domisili', equals: 'dalam_wilayah_hukum', label };
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return { variable: 'kondisi', equals: slug, label };
}

/** "7 Hari Kerja (di dalam wilayah hukum) / 14 Hari Kerja jika di luar wilayah hukum". */
function readConditional(text: string, verbatim: string): ReadAttempt<WaktuSpec> {
  const parts = text.split(/\s*[;/]\s*|,\s+(?=\d)/);
  if (parts.length < 2) return null;
  const cases: { when: Condition; spec: WaktuSpec }[] = [];
  for (const part of parts) {
    const m = /^(.+?)\s*\(([^)]+)\)$/.exec(part) ?? /^(.+?)\s+(?:jika|apabila|bila|untuk)\s+(.+)$/i.exec(part);
    if (!m || /^(?:di\s?luar|tidak termasuk) (?:waktu|masa)/i.test(m[2] ?? '')) return null;
    const read = readBody(m[1] ?? '', (m[1] ?? '').trim());
    if ('error' in read) return read;
    cases.push({ when: conditionFor((m[2] ?? '').trim()), spec: read.spec });
  }
  return { spec: { kind: 'conditional', verbatim, cases } };
}

/** "150 Hari/5 Bulan": the larger unit is read; the day count is the author's approximation of it. */
function readAlternatives(text: string, verbatim: string): ReadAttempt<WaktuSpec> {
  const parts = text.split(/\s*\/\s*/);
  if (parts.length < 2) return null;
  const read: DurationSpec[] = [];
  for (const part of parts) {
    const one = readDuration(part, part);
    if (!one || 'error' in one) return one ?? unreadable(verbatim);
    read.push(one.spec);
  }
  const chosen = read.reduce((best, d) => (UNIT_RANK[d.unit] > UNIT_RANK[best.unit] ? d : best));
  const pausable = read.find((d) => d.pausable)?.pausable;
  const spec: DurationSpec = { ...chosen, verbatim, alternatives: read.filter((d) => d !== chosen).map((d) => d.verbatim) };
  if (pausable) spec.pausable = pausable;
  return { spec };
}

function applyQualifiers(spec: WaktuSpec, q: { window: boolean; minimum: boolean }, verbatim: string): { spec: WaktuSpec } | { error: string } {
  if (!q.window && !q.minimum) return { spec };
  if (spec.kind !== 'duration') {
    return { error: `"${verbatim}": "minimal" dan "tenggang waktu" hanya dapat dipakai dengan jangka waktu, misalnya "minimal 7 Hari" atau "dalam tenggang waktu 14 Hari".` };
  }
  const out: DurationSpec = { ...spec };
  // "minimal 10 hari sebelum X" is still a deadline (X − 10); only a gap after the start bounds from below.
  if (q.minimum && out.direction === 'after') out.bound = 'min';
  if (q.window) out.window = true;
  return { spec: out };
}

function readBody(input: string, verbatim: string): { spec: WaktuSpec } | { error: string } {
  const q = readQualifiers(input);
  const text = q.text;
  if (text === '') return { error: `Frasa "${verbatim}" tidak menyebut jumlah waktu. Contoh: "paling lambat 3 Hari".` };

  if (/^(?:pada )?hari itu juga atau (?:paling lama |paling lambat |selambat-lambatnya )?(?:pada )?hari berikutnya$/i.test(text)) {
    return { spec: { kind: 'sameDay', verbatim, graceDays: 1 } };
  }
  if (/^(?:pada )?(?:hari itu juga|hari yang sama|saat itu juga)$/i.test(text)) return { spec: { kind: 'sameDay', verbatim, graceDays: 0 } };
  if (/^(?:pada )?(?:hari berikutnya|keesokan harinya)$/i.test(text)) {
    return { spec: { kind: 'duration', verbatim, amount: 1, unit: 'day', hari: 'kerja', anchor: { kind: 'start' }, direction: 'after', bound: 'max', roll: 'forward' } };
  }
  if (/^(?:sesuai|menurut) (?:kebutuhan|keperluan)$|^(?:setiap|bila|jika|apabila) (?:diperlukan|dibutuhkan|ada kegiatan)$|^(?:insidental|kondisional|tanpa batas waktu|tidak ada batas waktu|tidak ditentukan)$/i.test(text)) {
    return { spec: { kind: 'none', verbatim, reason: 'onDemand' } };
  }
  if (/^[-–—]+$/.test(text)) return { spec: { kind: 'none', verbatim, reason: 'unspecified' } };

  // "A atau B": the earlier of two deadlines. "… setelah X atau setelah Y" is one deadline counted
  // from the later of two events (readDuration), so an "atau" that goes on with an event stays.
  const either = text.replace(/[,(]?\s*mana yang (?:ter)?lebih (?:dahulu|dulu|cepat)\)?$/i, '').split(/\s+atau\s+(?!(?:setelah|sesudah|sejak|semenjak|sebelum|waktu|tanggal)\s)/i);
  if (either.length > 1) {
    const of: WaktuSpec[] = [];
    for (const part of either) {
      const one = readBody(part, part.trim());
      if ('error' in one) return one;
      of.push(one.spec);
    }
    const earliest: WaktuSpec = { kind: 'earliest', verbatim, of };
    return applyQualifiers(earliest, q, verbatim);
  }

  const attempt = readConditional(text, verbatim)
    ?? readAlternatives(text, verbatim)
    ?? readSchedule(text, verbatim, q.capped)
    ?? readDuration(text, verbatim);
  if (!attempt) return unreadable(verbatim);
  if ('error' in attempt) return attempt;
  return applyQualifiers(attempt.spec, q, verbatim);
}

/** Reads one waktu phrase ("5 hari kerja", "Setiap Jum'at", …) into a WaktuSpec, or says in Indonesian why it cannot. */
export function readWaktu(phrase: string): WaktuReadResult {
  if (typeof phrase !== 'string') return { ok: false, message: `Frasa waktu harus berupa teks. Contoh: ${EXAMPLES}.` };
  const verbatim = phrase.trim();
  if (verbatim === '') return { ok: true, spec: { kind: 'none', reason: 'unspecified', verbatim: '' } };
  const normal = normalizePhrase(verbatim);
  if (!normal.ok) return normal;
  const read = readBody(normal.text, verbatim);
  return 'error' in read ? { ok: false, message: read.error } : { ok: true, spec: read.spec };
}
