/**
 * Checks and compiles every process of a BPMN file. A file is valid when every process in it
 * compiles; empty processes (black-box pools of outside parties) are valid and not compiled.
 */
import { compileProcess, type CompileResult } from './compileProcess.ts';
import type { MachineConfig } from './machineConfig.ts';
import { checkModel } from '../model/checkModel.ts';
import type { DefinitionsModel, ProcessModel } from '../model/processModel.ts';
import type { Problem } from '../model/problem.ts';

export interface CompiledProcess {
  model: ProcessModel;
  config?: MachineConfig;
  startEvents: string[];
  startTimers: CompileResult['startTimers'];
  /** The form of each node that takes data, by node id. */
  forms: CompileResult['forms'];
  messageForms: CompileResult['messageForms'];
  /** Who may start the SOP and send its messages (absent for an empty pool). */
  rights?: CompileResult['rights'];
  problems: Problem[];
  warnings: Problem[];
}

/** Compiles every process of a file; `knownProcesses` adds the ids a call activity may call. */
export function compileDefinitions(definitions: DefinitionsModel, knownProcesses?: Set<string>): CompiledProcess[] {
  const known = knownProcesses ? new Set([...knownProcesses, ...definitions.processes.map((p) => p.id)]) : undefined;
  return definitions.processes.map((model) => {
    const checked = checkModel(model);
    if (model.nodes.size === 0) return { model, startEvents: [], startTimers: [], forms: {}, messageForms: {}, problems: checked.problems, warnings: checked.warnings };
    const compiled = compileProcess(model, { knownProcesses: known, messages: definitions.messages });
    const problems = [...checked.problems, ...compiled.problems];
    return {
      model,
      config: problems.length === 0 ? compiled.config : undefined,
      startEvents: compiled.startEvents,
      startTimers: compiled.startTimers,
      forms: compiled.forms,
      messageForms: compiled.messageForms,
      rights: compiled.rights,
      problems,
      warnings: [...checked.warnings, ...compiled.warnings],
    };
  });
}
