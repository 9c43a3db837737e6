/**
 * The moment a duration counts from: the step's start, a named earlier event or
 * case date ("putusan diterima", "tanggalPutusan"), or the day of the month a
 * routine starts on. Names match case- and space-insensitively, so the SOP's
 * "Putusan diterima" finds the engine's `putusanDiterima`.
 */
import type { DateTime } from 'luxon';
import type { DurationSpec } from '../sop/waktuSpec.ts';
import { formatTanggal } from './formatTanggal.ts';
import { dateOf, localDate, partsOf, readInstant, toInstant } from './localDate.ts';
import { WaktuDataError } from './waktuDataError.ts';

export interface ResolvedAnchor {
  instant: DateTime;
  date: string; // local date
  label: string; // for the derivation: "putusan diterima = 2026-03-10"
  name?: string; // the event counted from, when it is one (of "A atau B", the one that was used)
  notes: string[];
}

const key = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Looks an event or date variable up in the anchors by name, ignoring case, spaces and punctuation. */
export function findAnchor(anchors: Record<string, string> | undefined, name: string): string | undefined {
  if (!anchors) return undefined;
  const wanted = key(name);
  const hit = Object.keys(anchors).find((k) => key(k) === wanted);
  return hit === undefined ? undefined : anchors[hit];
}

/** Resolves where a duration counts from; a missing "setelah" event falls back to the start, a missing "sebelum" one cannot. */
export function resolveAnchor(
  spec: DurationSpec,
  anchors: Record<string, string> | undefined,
  start: DateTime,
  zone: string,
): ResolvedAnchor {
  const startDate = localDate(start);
  const fromStart = (notes: string[]): ResolvedAnchor => ({ instant: start, date: startDate, label: `mulai langkah ${toInstant(start)}`, notes });
  const anchor = spec.anchor;
  if (anchor.kind === 'start') return fromStart([]);

  if (anchor.kind === 'dayOfMonth') {
    const { year, month } = partsOf(startDate);
    const day = dateOf(year, month, anchor.day);
    if (startDate >= day) return fromStart([`Langkah dimulai pada/sesudah tanggal ${anchor.day}, jadi dihitung dari mulainya langkah.`]);
    return {
      instant: readInstant(day, zone, 'mulai'),
      date: day,
      label: `tanggal ${anchor.day} (${day})`,
      notes: [`Pekerjaan dimulai tanggal ${anchor.day}; langkah yang aktif lebih awal tetap dihitung dari ${formatTanggal(day)}.`],
    };
  }

  // "setelah A atau B": the latest of the events that happened counts (sebelum: the earliest).
  const found = (anchor.or ?? [anchor.name])
    .map((name) => ({ name, value: findAnchor(anchors, name) }))
    .filter((f): f is { name: string; value: string } => f.value !== undefined)
    .map((f) => ({ ...f, instant: readInstant(f.value, zone, f.name) }))
    .sort((a, b) => (spec.direction === 'before' ? a.instant.toMillis() - b.instant.toMillis() : b.instant.toMillis() - a.instant.toMillis()));
  const hit = found[0];
  if (hit === undefined) {
    if (spec.direction === 'before') {
      throw new WaktuDataError(
        'WAKTU_ANCHOR_MISSING',
        `Tenggat "${spec.verbatim}" dihitung mundur dari «${anchor.name}», tetapi tanggalnya tidak ada dalam data kasus.`,
      );
    }
    return fromStart([`Peristiwa «${anchor.name}» tidak ada dalam data kasus; dihitung dari mulainya langkah.`]);
  }
  const notes = found.length > 1
    ? [`Dari ${found.map((f) => `«${f.name}»`).join(' dan ')} dipakai yang ${spec.direction === 'before' ? 'paling awal' : 'paling akhir'}: «${hit.name}».`]
    : [];
  return { instant: hit.instant, date: localDate(hit.instant), label: `${hit.name} = ${hit.value}`, name: hit.name, notes };
}
