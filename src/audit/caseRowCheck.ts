/**
 * What the case row must hold, derived from its log alone (issue 17, point 1): the start time and
 * the business key pinned by the START entry, the BPMN document the case runs (its hash pinned
 * there too), and the open steps — which are open, since when, until when (the deadlines each
 * entry set or moved), whether late, and whose lane they are in. A difference names the column.
 */
import type { HistoryEntry, OpenStep, TimerRow } from '../runtime/caseRecord.ts';
import type { Definition } from '../runtime/definition.ts';
import type { OpenStepRow, StoredCase } from '../store/caseStore.ts';

interface ExpectedStep { startedAt: string; due?: string; late: boolean }

/** The open steps a log leads to: started minus ended, dues as the entries set and moved them, late after a breach. */
export function openStepsAfter(entries: readonly HistoryEntry[]): Map<string, ExpectedStep> {
  const open = new Map<string, ExpectedStep>();
  for (const entry of entries) {
    for (const id of entry.stepsEnded) open.delete(id);
    for (const id of entry.stepsStarted) open.set(id, { startedAt: entry.at, late: false });
    for (const deadline of entry.deadlines) {
      const step = open.get(deadline.step);
      if (step) open.set(deadline.step, { ...step, due: deadline.due });
    }
    if (entry.event.startsWith('DEADLINE.')) {
      const step = open.get(entry.event.slice('DEADLINE.'.length));
      if (step) open.set(entry.event.slice('DEADLINE.'.length), { ...step, late: true });
    }
    if (entry.status !== 'active') open.clear();
  }
  return open;
}

/** How the pinned start of a case differs from its row or from the BPMN document stored for its version (`storedSource`, its SHA-256), if it does. */
export function startAtOdds(stored: StoredCase, first: HistoryEntry, storedSource: string): string | undefined {
  if (stored.startedAt !== first.at) return `Kolom started_at kasus ("${stored.startedAt}") tidak sama dengan waktu mulai yang tercatat ("${first.at}").`;
  const command = first.command;
  if (command.source === undefined) return undefined;
  if ((command.parentCase ?? '') !== (stored.parentId ?? '') || (!stored.parentId && stored.rootId !== stored.id)) {
    return `Kolom parent_id/root_id kasus ("${stored.parentId ?? ''}"/"${stored.rootId}") tidak sama dengan kasus induk yang tercatat saat kasus dimulai ("${command.parentCase ?? ''}").`;
  }
  if ((command.businessKey ?? '') !== (stored.businessKey ?? '')) {
    return `Kolom business_key kasus ("${stored.businessKey ?? ''}") tidak sama dengan nomor yang tercatat saat kasus dimulai ("${command.businessKey ?? ''}").`;
  }
  if (storedSource !== command.source) {
    return `Dokumen BPMN ${stored.processId} versi ${stored.definitionVersion} yang tersimpan tidak sama dengan yang dipakai saat kasus dimulai (hash berbeda).`;
  }
  return undefined;
}

/** How the case row's end differs from the log's last entry, if it does: a case ends when its last entry's status is not active. */
export function endAtOdds(stored: StoredCase, last: HistoryEntry | undefined): string | undefined {
  const ended = last && last.status !== 'active' ? last.at : undefined;
  return (stored.endedAt ?? undefined) === ended ? undefined : `Kolom ended_at kasus ("${stored.endedAt ?? 'tidak ada'}") tidak sama dengan akhir menurut log ("${ended ?? 'belum berakhir'}").`;
}

const show = (value: string | boolean | undefined) => (value === undefined ? 'tidak ada' : String(value));

/** How the open steps in the case row (`steps`, from its state) differ from those its log leads to, if they do. */
export function openStepsAtOdds(steps: readonly OpenStep[], expected: Map<string, ExpectedStep>, definition: Definition): string | undefined {
  const held = new Map(steps.map((step) => [step.id, step]));
  for (const id of new Set([...expected.keys(), ...held.keys()])) {
    const want = expected.get(id);
    const have = held.get(id);
    if (!want || !have) return `Langkah ${id} ${have ? 'terbuka pada data kasus tetapi tidak menurut log' : 'terbuka menurut log tetapi tidak ada pada data kasus'}.`;
    const pelaksana = definition.steps.get(id)?.pelaksana;
    const fields: [string, string | boolean | undefined, string | boolean | undefined][] = [
      ['tenggat', have.due, want.due], ['mulai', have.startedAt, want.startedAt], ['terlambat', have.late, want.late], ['pelaksana', have.pelaksana, pelaksana],
    ];
    for (const [name, stored, logged] of fields) {
      if (stored !== logged) return `Langkah ${id} pada data kasus: ${name} "${show(stored)}" tidak sama dengan menurut log dan definisi ("${show(logged)}").`;
    }
  }
  return undefined;
}

/** A claim on a step as the log leads to it. */
interface Claim { claimedBy?: string; claimedAt?: string }

/**
 * How the worklist's rows (`open_steps`) and the deadline timers of a case differ from what its
 * log leads to, if they do: the same steps, pelaksana, due, lateness and claim; a DEADLINE timer
 * for every open step with a deadline not yet passed, at that deadline, and no other.
 */
export function tablesAtOdds(
  expected: Map<string, ExpectedStep>, claims: Map<string, Claim>, definition: Definition,
  steps: readonly OpenStepRow[], timers: readonly TimerRow[],
): string | undefined {
  const rows = new Map(steps.map((row) => [row.stepId, row]));
  for (const id of new Set([...expected.keys(), ...rows.keys()])) {
    const want = expected.get(id);
    const row = rows.get(id);
    if (!want || !row) return `Daftar kerja (open_steps): langkah ${id} ${row ? 'ada tetapi tidak terbuka menurut log' : 'terbuka menurut log tetapi tidak ada di daftar kerja'}.`;
    const fields: [string, string | boolean | undefined, string | boolean | undefined][] = [
      ['pelaksana', row.pelaksana, definition.steps.get(id)?.pelaksana], ['tenggat', row.due, want.due], ['terlambat', row.late, want.late],
      ['mulai', row.startedAt, want.startedAt], ['nama', row.name, definition.steps.get(id)?.name], ['proses', row.processId, definition.processId],
      ['diambil oleh', row.claimedBy, claims.get(id)?.claimedBy], ['diambil pada', row.claimedAt, claims.get(id)?.claimedAt],
    ];
    for (const [name, stored, logged] of fields) {
      if (stored !== logged) return `Daftar kerja (open_steps): langkah ${id}, ${name} "${show(stored)}" tidak sama dengan menurut log dan definisi ("${show(logged)}").`;
    }
  }
  const deadlineTimers = timers.filter((t) => t.key.startsWith('DEADLINE:'));
  const wrongEvent = deadlineTimers.find((t) => t.event !== `DEADLINE.${t.key.slice('DEADLINE:'.length)}`);
  if (wrongEvent) return `Timer ${wrongEvent.key} akan mengirim "${wrongEvent.event}", bukan tenggat langkahnya.`;
  const deadlines = new Map(deadlineTimers.map((t) => [t.key.slice('DEADLINE:'.length), t.due]));
  for (const [id, want] of expected) {
    if (!want.due || want.late) continue;
    if (deadlines.get(id) !== want.due) return `Timer tenggat langkah ${id} ${deadlines.has(id) ? `berjatuh tempo "${deadlines.get(id)}"` : 'hilang'}; menurut log tenggatnya "${want.due}".`;
    deadlines.delete(id);
  }
  const stray = [...deadlines.keys()].find((id) => !(expected.get(id)?.due && !expected.get(id)?.late));
  return stray ? `Timer tenggat langkah ${stray} ada, padahal menurut log langkah itu tidak sedang menunggu tenggat.` : undefined;
}
