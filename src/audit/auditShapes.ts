/**
 * The shapes the audit routes answer with, shared by the server and the web app: types only, no
 * imports, so the browser build can read them without pulling in node:crypto.
 */

/** The replay verdict of one case (GET /api/cases/:id/replay): intact, or the first bad entry and why. */
export interface ReplayReport {
  caseId: string;
  processId?: string;
  version?: number;
  /** Log entries checked. */
  events: number;
  intact: boolean;
  /** The first sequence number found bad (the case row's revision when the row itself is bad). */
  badSeq?: number;
  reason?: string;
  notes: string[];
}

/** A case that no longer reaches the head a checkpoint signed, and why. */
export interface CheckpointFinding { caseId: string; reason: string }

/** "Periksa semua kasus": a replay of every case running in the server, or the last one finished. */
export interface ReplayJob {
  id: string;
  startedAt: string;
  status: 'berjalan' | 'selesai' | 'gagal';
  /** Cases replayed so far. */
  checked: number;
  /** Cases in the store when the job began (raised if more are checked: cases started meanwhile). */
  total: number;
  /** The broken cases, with the business key (nomor perkara/surat) people know them by. */
  bad: { caseId: string; businessKey?: string; badSeq?: number; reason: string }[];
  finishedAt?: string;
  /** The store against the newest checkpoint; absent when there is none yet. */
  checkpoint?: { name: string; at: string; problem?: string; findings: CheckpointFinding[] };
  /** Why the job stopped, when it failed. */
  error?: string;
}
