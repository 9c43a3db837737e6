/**
 * A case's signed evidence (GET /api/cases/:id/evidence, src/audit/evidence.ts): "Unduh bukti
 * (JSON)" saves the file exactly as the server signed it, and the audit page reads from it which
 * checkpoint saw the case and whether the BPMN document is still the one the case started on.
 * Shapes as the server answers them; only the parts this screen reads.
 */
import type { Api } from '../core/api.ts';
import { download } from '../modeler/localFile.ts';
import type { CheckpointFinding } from '../../src/audit/auditShapes.ts';

export type { CheckpointFinding };

export interface CaseEvidence {
  definisi: { version: number; sha256: string | null; sha256SaatMulai: string | null; sama: boolean | null };
  titikPeriksa: { name: string; at: string; fingerprint: string; revision: number; hash: string; problem?: string; findings: CheckpointFinding[] } | null;
  tanpaTitikPeriksa?: string;
  signature: string;
}

const pathOf = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/evidence`;

/** The evidence as data, for the page's lines on the checkpoint and the BPMN document. */
export function readEvidence(api: Api, caseId: string): Promise<CaseEvidence> {
  return api.get<CaseEvidence>(pathOf(caseId));
}

/** Saves the server's signed evidence of one case as `bukti-<caseId>.json`, its bytes untouched. */
export async function downloadEvidence(api: Api, caseId: string): Promise<void> {
  download(`bukti-${caseId}.json`, await api.blob(pathOf(caseId)));
}
