/** Reads, checks and compiles a BPMN document into runnable definitions, or says why it cannot. */
import { createHash } from 'node:crypto';
import { readBpmn } from '../bpmn/readBpmn.ts';
import { compileDefinitions } from '../compile/compileDefinitions.ts';
import type { Problem } from '../model/problem.ts';
import { createDefinition, type Definition } from './definition.ts';

export interface LoadResult {
  definitions: Definition[];
  problems: Problem[];
  /** What stops no deployment: the checks' warnings, then the XML reader's (code XML_NOTE). */
  warnings: Problem[];
}

/** Loads every process of a BPMN document; `knownProcesses` are ids already deployed elsewhere. */
export async function loadDefinitions(xml: string, knownProcesses?: Set<string>): Promise<LoadResult> {
  const read = await readBpmn(xml);
  if (!read.model) return { definitions: [], problems: read.problems, warnings: read.warnings };
  const compiled = compileDefinitions(read.model, knownProcesses);
  const problems = [...read.problems, ...compiled.flatMap((c) => c.problems)];
  if (problems.length === 0 && !compiled.some((c) => c.config)) {
    problems.push({ code: 'NO_PROCESS', id: read.model.id ?? '', type: 'bpmn:Definitions', message: 'Dokumen tidak berisi proses (bpmn:process) dengan langkah yang dapat dijalankan.' });
  }
  const warnings = [...compiled.flatMap((c) => c.warnings), ...read.warnings];
  const sourceHash = createHash('sha256').update(xml).digest('hex');
  const definitions = problems.length === 0 ? compiled.filter((c) => c.config).map((c) => ({ ...createDefinition(c), sourceHash })) : [];
  return { definitions, problems, warnings };
}
