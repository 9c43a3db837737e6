/**
 * Checks a BPMN document the way deploying it would — read, check every process, compile — and
 * says what it found instead of deploying: every problem with its element, the warnings, and the
 * processes it would deploy. An unreadable document is a problem like any other, not a fault.
 */
import { readBpmn, type ReadResult } from '../bpmn/readBpmn.ts';
import { compileDefinitions } from '../compile/compileDefinitions.ts';
import type { Problem } from '../model/problem.ts';

import type { Validation } from './definitionShapes.ts';

export type { Validation } from './definitionShapes.ts';

/** Validates a document already read; `known` are the process ids a call activity may call besides the document's own. */
export function validateRead(read: ReadResult, known: ReadonlySet<string>): Validation {
  const problems = [...read.problems];
  const warnings: Problem[] = [];
  const processes: string[] = [];
  if (read.model) {
    for (const compiled of compileDefinitions(read.model, new Set(known))) {
      problems.push(...compiled.problems);
      warnings.push(...compiled.warnings);
      if (compiled.model.nodes.size > 0) processes.push(compiled.model.id);
    }
    if (processes.length === 0 && problems.length === 0) {
      problems.push({ code: 'NO_PROCESS', id: read.model.id ?? '', type: 'bpmn:Definitions', message: 'Dokumen tidak berisi proses (bpmn:process) yang dapat dijalankan.' });
    }
  }
  return { valid: problems.length === 0, processes, problems, warnings: [...warnings, ...read.warnings] };
}

/** Reads and validates a BPMN document; nothing is deployed. */
export async function validateBpmn(xml: string, known: ReadonlySet<string>): Promise<Validation> {
  return validateRead(await readBpmn(xml), known);
}
