/**
 * Where BPMN documents are read, checked and compiled. Reading and compiling the largest document
 * Protap accepts (20,000 XML elements) takes the CPU for about half a second; on the server's own
 * thread that would hold every other request as long (issue 18, point 6). The server therefore
 * does it on a worker thread (./bpmnWorker.ts); tests and the command line do it in place.
 */
import { createProcessMachine } from '../compile/createProcessMachine.ts';
import type { Definition } from './definition.ts';
import { loadDefinitions, type LoadResult } from './loadDefinitions.ts';
import { validateBpmn, type Validation } from './validateBpmn.ts';

export interface BpmnChecker {
  /** Reads, checks and compiles every process of a document; `known` are process ids deployed elsewhere. */
  load(xml: string, known: ReadonlySet<string>): Promise<LoadResult>;
  /** Says what deploying the document would find, deploying nothing. */
  validate(xml: string, known: ReadonlySet<string>): Promise<Validation>;
  /** Stops a worker, if any; pending checks are refused. */
  close(): Promise<void>;
}

/** Checks in the calling thread. */
export const inPlaceChecker: BpmnChecker = {
  load: (xml, known) => loadDefinitions(xml, new Set(known)),
  validate: (xml, known) => validateBpmn(xml, known),
  close: async () => {},
};

/** A definition as a worker thread sends it back: everything but the machine, which holds functions. */
export type DefinitionData = Omit<Definition, 'machine'>;

/** The load result as it crosses threads. */
export type LoadData = Omit<LoadResult, 'definitions'> & { definitions: DefinitionData[] };

export function toLoadData(loaded: LoadResult): LoadData {
  return { ...loaded, definitions: loaded.definitions.map(({ machine: _machine, ...data }) => data) };
}

/** Makes each definition's machine again from its compiled config (cheap: no BPMN is read). */
export function fromLoadData(data: LoadData): LoadResult {
  return { ...data, definitions: data.definitions.map((definition) => ({ ...definition, machine: createProcessMachine(definition.config) })) };
}
