/**
 * What the audit view reads: a case's log rows (GET /api/cases/:id/log, the history entry parsed)
 * and the replay verdict (GET /api/cases/:id/replay): the server's own shapes (src/runtime/caseShapes.ts,
 * src/audit/auditShapes.ts).
 */
import { valueText } from '../i18n/format.ts';

export type { HistoryEntry, CaseLogEntry as LogRow } from '../../src/runtime/caseShapes.ts';
export type { ReplayReport } from '../../src/audit/auditShapes.ts';

/** The previous hash of a case's first entry (src/chain/hashChain.ts GENESIS_HASH). */
export const GENESIS_HASH = '0'.repeat(64);

/** Command types in words, as a record of what happened (past tense: the log is not a to-do list). */
const COMMANDS: [prefix: string, label: string][] = [
  ['START', 'Kasus dimulai'], ['COMPLETE.', 'Langkah diselesaikan'], ['MESSAGE.', 'Pesan diterima'], ['SIGNAL.', 'Sinyal diterima'],
  ['TIMER.', 'Timer berbunyi'], ['DEADLINE.', 'Tenggat terlewati'], ['CALL.DONE.', 'Sub-SOP selesai'], ['ERROR.', 'Galat'],
  ['ESCALATION.', 'Eskalasi'], ['CLAIM.', 'Langkah diambil'], ['RELEASE.', 'Langkah dilepas'], ['CANCEL', 'Dibatalkan oleh kasus induk'],
  ['CALENDAR', 'Tenggat dihitung ulang (kalender)'],
];

/** "Langkah diselesaikan «Menghimpun bahan laporan»": the command in words, its element named from the diagram when known. */
export function commandText(event: string, names: ReadonlyMap<string, string>): string {
  const known = COMMANDS.find(([prefix]) => event === prefix || (prefix.endsWith('.') && event.startsWith(prefix)));
  if (!known) return event;
  const [prefix, label] = known;
  const target = prefix.endsWith('.') ? event.slice(prefix.length) : '';
  return target ? `${label} «${names.get(target) ?? target}»` : label;
}

/** `key=value, …` of a command's data, shortened for a table cell. */
export function dataSummary(data: Record<string, unknown> | undefined, max = 80): string {
  if (!data || Object.keys(data).length === 0) return '';
  const text = Object.entries(data).map(([key, value]) => `${key}=${valueText(value)}`).join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
