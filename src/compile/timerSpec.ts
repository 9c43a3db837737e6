/**
 * BPMN timer definitions as Protap runs them: ISO 8601 durations, dates and bounded cycles, or a
 * *waktu penyelesaian* phrase ("14 Hari", "7 Hari Kerja") counted on the working-day calendar.
 * The engine, not XState, turns them into due instants (see DESIGN.md, decision 3).
 */
import { DateTime, Duration } from 'luxon';
import type { TimerDefinition } from '../model/processModel.ts';
import { readWaktu } from '../sop/readWaktu.ts';
import type { WaktuSpec } from '../sop/waktuSpec.ts';

export type TimerSpec =
  | { kind: 'duration'; iso: string }
  | { kind: 'date'; iso: string }
  | { kind: 'cycle'; iso: string; repeat: number | null }
  | { kind: 'waktu'; spec: WaktuSpec };

export type TimerReadResult = { ok: true; timer: TimerSpec } | { ok: false; message: string };

const CYCLE = /^R(\d*)\/(P[^/]+)$/;

/** Reads a timer definition, or says in Indonesian why it cannot run. */
export function readTimer(definition: TimerDefinition | undefined): TimerReadResult {
  if (!definition || definition.value === '') {
    return { ok: false, message: 'timer tidak punya ekspresi waktu; isi timeDuration (mis. P7D), timeDate, timeCycle (mis. R3/PT1H) atau frasa waktu (mis. "14 Hari")' };
  }
  const value = definition.value.trim();
  if (/^[$#]\{|^=/.test(value)) {
    return { ok: false, message: `ekspresi timer "${value}" memakai bahasa ekspresi; tulis nilai tetap ISO 8601 atau frasa waktu` };
  }
  if (definition.type === 'timeCycle') {
    const cycle = CYCLE.exec(value);
    if (cycle && Duration.fromISO(cycle[2] ?? '').isValid) {
      return { ok: true, timer: { kind: 'cycle', iso: cycle[2] ?? '', repeat: cycle[1] ? Number(cycle[1]) : null } };
    }
    if (/^[\d*?/,\s-]+$|\s/.test(value) && value.split(/\s+/).length >= 5) {
      return { ok: false, message: `timeCycle "${value}" berbentuk cron, yang tidak didukung; gunakan R<n>/<durasi ISO>, mis. R3/PT10M` };
    }
  }
  if (definition.type === 'timeDuration' && Duration.fromISO(value).isValid) return { ok: true, timer: { kind: 'duration', iso: value } };
  if (definition.type === 'timeDate') {
    if (DateTime.fromISO(value, { setZone: true }).isValid) return { ok: true, timer: { kind: 'date', iso: value } };
    if (Duration.fromISO(value).isValid) {
      return { ok: false, message: `timeDate "${value}" berisi durasi, bukan tanggal; pindahkan ke timeDuration atau tulis tanggal ISO 8601` };
    }
  }
  const waktu = readWaktu(value);
  if (waktu.ok) return { ok: true, timer: { kind: 'waktu', spec: waktu.spec } };
  return { ok: false, message: `${definition.type} "${value}" tidak dapat dibaca sebagai ISO 8601 maupun frasa waktu: ${waktu.message}` };
}
