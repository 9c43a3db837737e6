/** "Unduh bukti (JSON)": the case's log and the replay verdict in one file for the evidence folder. */
import type { LogRow, ReplayReport } from './logEntry.ts';

/** Saves the evidence of one case as `bukti-<caseId>.json`. */
export function downloadEvidence(caseId: string, log: readonly LogRow[], verdict: ReplayReport, by: string): void {
  const evidence = {
    jenis: 'bukti audit Protap',
    caseId,
    diunduhPada: new Date().toISOString(),
    diunduhOleh: by,
    putusanReplay: verdict,
    keterangan: 'log: jawaban GET /api/cases/:id/log; kolom entry diurai dari teks tersimpan, hash dihitung atas teks itu (docs/durability.md).',
    log,
  };
  const url = URL.createObjectURL(new Blob([JSON.stringify(evidence, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `bukti-${caseId}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
