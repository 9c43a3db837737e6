/**
 * What the definition routes answer: the deployed SOPs (GET /api/definitions), the versions a
 * deployment made (POST /api/definitions) and the check of a diagram (POST /api/definitions/validate).
 * Types only, with no Node imports, so the web app reads them too (issue 20).
 */
import type { FormSchema } from '../model/formSchema.ts';
import type { Problem } from '../model/problem.ts';
import type { ProcessModel, SopIdentity } from '../model/processModel.ts';

/** One deployed version of an SOP, as the person asking may use it. */
export interface DefinitionSummary {
  processId: string;
  version: number;
  name?: string;
  /** `sop:hari`: what a bare "Hari" means in the SOP. */
  hari: ProcessModel['hari'];
  kodeBuku?: SopIdentity['kodeBuku'];
  /** Whether the person asking may start a case of it (the roles of its start lane, src/auth/sopAccess.ts). */
  mayStart: boolean;
  /** The form a person answers when starting a case, when the SOP asks anything at its start. */
  startForm?: FormSchema;
}

/** A version POST /api/definitions created. */
export type DeployedVersion = Pick<DefinitionSummary, 'processId' | 'version' | 'name'>;

/** What checking a diagram found (src/runtime/validateBpmn.ts). */
export interface Validation {
  valid: boolean;
  /** The ids of the processes a deployment would create versions of (empty pools are not among them). */
  processes: string[];
  problems: Problem[];
  /** What stops no deployment: the checks' warnings, then the XML reader's (code XML_NOTE). */
  warnings: Problem[];
}
