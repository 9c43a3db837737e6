/** Builds the read model of a case (the shapes are in caseShapes.ts): what a worklist, a monitor or the API shows of it. */
import { revisionOf, type CaseRecord } from './caseRecord.ts';
import type { CaseView, CommandAnswer, OpenStep, StepView } from './caseShapes.ts';
import { contextOf } from './decide.ts';
import type { Definition } from './definition.ts';
import type { AwaitedMessage } from './awaitedMessage.ts';

// The shapes live in caseShapes.ts (no Node imports, the web app reads them too).
export type { CaseView, CommandAnswer, StepView } from './caseShapes.ts';

/** The answer to a command on a case whose revision was `before` when the command began (0: a new case). */
export function commandAnswer(definition: Definition, record: CaseRecord, before: number): CommandAnswer {
  // Completed in place, not spread into a new object: this runs on every command (bench: a fifth of a view's cost).
  const answer = shownCase(definition, record) as CommandAnswer;
  answer.entries = record.history.filter((entry) => entry.seq > before);
  return answer;
}

/**
 * Builds the view of a case record, with its whole history. Its history and escalations are the
 * record's own arrays, which go on growing with the case: the in-memory engine's synchronous views
 * are live (copying them on every command cost the in-memory bench 5%); read through the `Engine`
 * interface (src/runtime/engine.ts) for a view that stays as it was read.
 */
export function caseView(definition: Definition, record: CaseRecord): CaseView {
  const view = shownCase(definition, record) as CaseView;
  view.history = record.history;
  return view;
}

/** Everything a view shows but the history. */
function shownCase(definition: Definition, record: CaseRecord): Omit<CaseView, 'history'> {
  const context = contextOf(record.snapshot);
  const activeSteps: StepView[] = [];
  for (const step of record.steps.values()) activeSteps.push(stepView(definition, record, context, step));
  const view: Omit<CaseView, 'history'> = {
    id: record.id,
    processId: record.processId,
    version: record.version,
    revision: revisionOf(record),
    status: record.status,
    startedAt: record.startedAt,
    activeSteps,
    vars: context.vars,
    late: context.late,
    escalations: record.escalations,
    awaiting: record.status === 'active' ? awaitedMessages(definition, record) : [],
  };
  if (definition.name) view.processName = definition.name;
  if (record.businessKey) view.businessKey = record.businessKey;
  if (record.parent) view.parent = record.parent;
  if (record.endedAt) view.endedAt = record.endedAt;
  if (context.error) view.error = context.error;
  if (context.incident) view.incident = context.incident;
  return view;
}

/** The messages the case's machine would take now, each with the node that waits for it. */
export function awaitedMessages(definition: Definition, record: CaseRecord): AwaitedMessage[] {
  const out: AwaitedMessage[] = [];
  for (const type of definition.awaits) {
    if (!type.startsWith('MESSAGE.') || !record.snapshot.can({ type, at: '' } as never)) continue;
    const message = type.slice('MESSAGE.'.length);
    const nodes = definition.rights.catchers[message] ?? [];
    // Of several catchers of one message, the one the case stands at now (a receive task is an open step).
    const node = nodes.find((id) => record.steps.has(id)) ?? nodes[0] ?? message;
    const form = definition.messageForms[message];
    const recordedBy = definition.rights.messages[message] ?? 'semua';
    const recordedByNames = recordedBy === 'semua' ? [] : [...new Set(recordedBy.map((role) =>
      definition.lanes.find((lane) => (lane.pelaksana ?? lane.name) === role)?.name ?? role))];
    out.push({ message, node, label: definition.nodes.get(node)?.name ?? message, ...(form ? { form } : {}), recordedBy, recordedByNames });
  }
  return out;
}

/**
 * Open steps are frozen records, replaced whenever they change: the view of one that adds only the
 * step's form and SOP texts is made once and kept beside it, not copied again for every view.
 */
const described = new WeakMap<OpenStep, StepView>();

function stepView(definition: Definition, record: CaseRecord, context: ReturnType<typeof contextOf>, step: OpenStep): StepView {
  const counter = context.instances[step.id];
  const meta = definition.steps.get(step.id);
  const children = record.children.get(step.id);
  const plain = !(counter && meta?.multiInstance) && !children;
  if (plain && !meta?.form && !meta?.keterangan && !meta?.kelengkapan && !meta?.output) return step;
  if (plain) {
    const kept = described.get(step);
    if (kept && kept.form === meta?.form) return kept;
  }
  const view: StepView = { ...step };
  if (meta?.form) view.form = meta.form;
  if (meta?.no) view.no = meta.no;
  if (meta?.kelengkapan) view.kelengkapan = meta.kelengkapan;
  if (meta?.output) view.output = meta.output;
  if (meta?.keterangan) view.keterangan = meta.keterangan;
  if (counter && meta?.multiInstance) {
    const open: number[] = [];
    for (let i = 0; i < counter.count; i++) if (!counter.done.includes(i)) open.push(i);
    view.openInstances = meta.multiInstance.sequential ? open.slice(0, 1) : open;
  }
  if (children) view.childCases = [...children.values()];
  if (plain) described.set(step, view);
  return view;
}
