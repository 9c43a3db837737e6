/**
 * What GET /api/reports/compliance answers. Types only, with no Node imports, so the web app reads
 * them too (issue 20).
 */

export interface ComplianceRow {
  processId: string;
  processName?: string;
  stepId: string;
  stepName?: string;
  /** The step's sop:pelaksana role id. */
  pelaksana?: string;
  /** Occurrences ended in the period: onTime + late + withoutDeadline. */
  completed: number;
  onTime: number;
  late: number;
  /** Occurrences still open whose due passed before `now` (and falls in the period). */
  openLate: number;
  /** Occurrences ended in the period that had no deadline. */
  withoutDeadline: number;
  /** onTime / (onTime + late), null when none */
  rate: number | null;
}

export interface ComplianceReport {
  from?: string;
  to?: string;
  rows: ComplianceRow[];
  totals: { completed: number; onTime: number; late: number; openLate: number; rate: number | null };
}
