/** The read model of a case: what a worklist, a monitor or the API shows of it. */
import type { CaseRecord, Escalation, HistoryEntry, OpenStep } from './caseRecord.ts';
import { contextOf, type CaseStatus } from './decide.ts';
import type { Definition } from './definition.ts';

export interface StepView extends OpenStep {
  /** Multi-instance: the instance indexes open for completion now. */
  openInstances?: number[];
  /** Call activities: the child case ids by instance. */
  childCases?: string[];
}

export interface CaseView {
  id: string;
  processId: string;
  processName?: string;
  version: number;
  businessKey?: string;
  parent?: CaseRecord['parent'];
  status: CaseStatus;
  startedAt: string;
  endedAt?: string;
  activeSteps: StepView[];
  vars: Record<string, unknown>;
  late: string[];
  escalations: Escalation[];
  error?: { code: string; message?: string };
  incident?: { node: string; reason: string };
  history: HistoryEntry[];
}

/** Builds the view of a case record. */
export function caseView(definition: Definition, record: CaseRecord): CaseView {
  const context = contextOf(record.snapshot);
  const activeSteps = [...record.steps.values()].map((step): StepView => {
    const view: StepView = { ...step, late: context.late.includes(step.id) || step.late };
    const counter = context.instances[step.id];
    const meta = definition.steps.get(step.id);
    if (counter && meta?.multiInstance) {
      const open = Array.from({ length: counter.count }, (_, i) => i).filter((i) => !counter.done.includes(i));
      view.openInstances = meta.multiInstance.sequential ? open.slice(0, 1) : open;
    }
    const children = record.children.get(step.id);
    if (children) view.childCases = [...children.values()];
    return view;
  });
  return {
    id: record.id,
    processId: record.processId,
    ...(definition.name ? { processName: definition.name } : {}),
    version: record.version,
    ...(record.businessKey ? { businessKey: record.businessKey } : {}),
    ...(record.parent ? { parent: record.parent } : {}),
    status: record.status,
    startedAt: record.startedAt,
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
    activeSteps,
    vars: context.vars,
    late: context.late,
    escalations: record.escalations,
    ...(context.error ? { error: context.error } : {}),
    ...(context.incident ? { incident: context.incident } : {}),
    history: record.history,
  };
}
