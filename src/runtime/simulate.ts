/**
 * Runs one case of a process on a simulated clock: every open step is completed in turn, an
 * awaited message is delivered, and when nothing else can happen the clock jumps to the next
 * due timer. Returns the path taken with each step's due time — `protap simulate` prints it.
 */
import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import { CaseEngine } from './caseEngine.ts';
import type { CaseView } from './caseView.ts';
import type { Definition } from './definition.ts';
import { stepDataProblems } from './checkStepData.ts';
import { isInput, type FormSchema } from '../model/formSchema.ts';

export interface SimulationOptions {
  /** The process to start (default: the first definition). */
  processId?: string;
  /** Start instant (ISO 8601). */
  from: string;
  vars?: Record<string, unknown>;
  /** How long each step takes on the simulated clock, in hours (default 1). */
  stepHours?: number;
  /** When a case waits for a message and a timer at once, let the timer fire. */
  preferTimers?: boolean;
  /** Messages never sent (a statement no party files): the case waits for its timer on that branch. */
  withoutMessages?: string[];
  /**
   * Data each completed step adds, by step id (without it, a step's form is answered from `vars`); a list gives the data of its 1st, 2nd … completion
   * (the last repeats), so a rework loop can be walked once and then left.
   */
  stepData?: Record<string, StepData>;
  maxEvents?: number;
  calendar?: WorkingCalendar;
}

export interface PathEntry {
  at: string;
  caseId: string;
  processId: string;
  node: string;
  name?: string;
  type: string;
  pelaksana?: string;
  due?: string;
  dueExplanation?: string;
  late?: boolean;
}

export interface SimulationResult {
  caseId: string;
  status: CaseView['status'];
  finished: boolean;
  /** Why the simulation stopped before the case ended, in Indonesian. */
  reason?: string;
  path: PathEntry[];
  cases: CaseView[];
}

/** Simulates one case (and its child cases) from start to end. */
export function simulate(definitions: Definition[], options: SimulationOptions): SimulationResult {
  let now: DateTime = DateTime.fromISO(options.from, { setZone: true });
  if (!now.isValid) throw new Error(`Waktu mulai "${options.from}" bukan tanggal ISO 8601 yang sah.`);
  let counter = 0;
  const engine = new CaseEngine({ ...(options.calendar ? { calendar: options.calendar } : {}), clock: () => now.toISO() as string, newId: () => `kasus-${++counter}`, scheduleStarts: false });
  engine.deploy(definitions);
  const processId = options.processId ?? definitions[0]?.processId;
  if (!processId) throw new Error('Tidak ada proses untuk disimulasikan.');
  const root = engine.startCase(processId, { vars: options.vars ?? {}, at: now.toISO() as string, actor: 'simulasi' });
  const stepMillis = (options.stepHours ?? 1) * 3_600_000;
  const advance = (to: DateTime) => {
    if (to > now) now = to;
    engine.fireDueTimers(now.toISO() as string);
  };
  let reason: string | undefined;
  const completions = new Map<string, number>();
  const never = new Set((options.withoutMessages ?? []).map((name) => `MESSAGE.${name}`));
  for (let events = 0; ; events++) {
    const active = engine.listCases().filter((c) => c.status === 'active').reverse();
    if (engine.getCase(root.id).status !== 'active') break;
    if (events >= (options.maxEvents ?? 1000)) { reason = `berhenti setelah ${events} peristiwa (perulangan tanpa akhir?)`; break; }
    const step = active.flatMap((c) => c.activeSteps.filter((s) => s.completion === 'person').map((s) => ({ c, s })))[0];
    if (step) {
      advance(DateTime.fromISO(step.s.startedAt, { setZone: true }).plus(stepMillis));
      const fresh = engine.getCase(step.c.id);
      const open = fresh.activeSteps.find((s) => s.id === step.s.id);
      if (fresh.status === 'active' && open) {
        const data = dataFor(options.stepData?.[step.s.id], completions, `${step.c.id}/${step.s.id}`) ?? answersFor(open.form, options.vars);
        const missing = open.form ? stepDataProblems(open.form, data)[0] : undefined;
        if (missing) {
          reason = `langkah "${open.name ?? open.id}" tidak dapat diselesaikan: ${missing.detail} Berikan jawabannya lewat --data.`;
          break;
        }
        engine.completeStep(step.c.id, step.s.id, { at: now.toISO() as string, actor: 'simulasi', ...(open.openInstances ? { instance: open.openInstances[0] } : {}), ...(data ? { data } : {}) });
      }
      continue;
    }
    const timerDue = engine.timers.earliest();
    const waiting = active.flatMap((c) => awaited(engine, c).filter((type) => !never.has(type)).map((type) => ({ c, type })))[0];
    // A message tells of something outside the waiting case; while another case of the run (a
    // micro SOP it called) still has time to pass — a waiting period before a hearing — that time
    // passes first, so e.g. the putusan is not announced before the hearing has been held.
    const elsewhereWaits = waiting !== undefined && active.some((c) => c.id !== waiting.c.id && engine.timers.forCase(c.id).some((t) => !t.key.startsWith('DEADLINE:')));
    if (waiting && !(options.preferTimers && timerDue) && !elsewhereWaits) {
      advance(now.plus(stepMillis));
      if (engine.getCase(waiting.c.id).status === 'active' && awaited(engine, engine.getCase(waiting.c.id)).includes(waiting.type)) {
        // The message's own form (the date of the putusan, who was present …) is answered from `vars`, as a step's is.
        const name = waiting.type.slice('MESSAGE.'.length);
        const form = engine.definition(waiting.c.processId, waiting.c.version).messageForms[name];
        const data = answersFor(form, options.vars);
        const missing = form ? stepDataProblems(form, data)[0] : undefined;
        if (missing) {
          reason = `pesan "${name}" tidak dapat dikirim: ${missing.detail} Berikan jawabannya lewat --data.`;
          break;
        }
        engine.correlateMessage(name, { caseId: waiting.c.id }, { at: now.toISO() as string, actor: 'simulasi', ...(data ? { data } : {}) });
      }
      continue;
    }
    if (timerDue) {
      advance(DateTime.fromISO(timerDue, { setZone: true }));
      continue;
    }
    reason = 'kasus menunggu sesuatu yang tidak dapat disimulasikan';
    break;
  }
  const cases = engine.listCases().reverse();
  const final = engine.getCase(root.id);
  return { caseId: root.id, status: final.status, finished: final.status !== 'active', ...(reason ? { reason } : {}), path: pathOf(engine, cases), cases };
}

/** The simulation's answers to a step's form: the values of `vars` under the form's keys. */
function answersFor(form: FormSchema | undefined, vars: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!form || !vars) return undefined;
  const data: Record<string, unknown> = {};
  for (const field of form.components) if (isInput(field) && field.key in vars) data[field.key] = vars[field.key];
  return Object.keys(data).length > 0 ? data : undefined;
}

/** The data for this completion of a step: the n-th of a list (the last repeats), or the one object. */
type StepData = Record<string, unknown> | Record<string, unknown>[];

function dataFor(data: StepData | undefined, completions: Map<string, number>, key: string): Record<string, unknown> | undefined {
  const n = completions.get(key) ?? 0;
  completions.set(key, n + 1);
  if (!Array.isArray(data)) return data;
  return data[Math.min(n, data.length - 1)];
}

function awaited(engine: CaseEngine, view: CaseView): string[] {
  const record = engine.record(view.id);
  const definition = engine.definition(view.processId, view.version);
  if (!record) return [];
  return definition.awaits.filter((type) => type.startsWith('MESSAGE.') && record.snapshot.can({ type, at: '' } as never));
}

function pathOf(engine: CaseEngine, cases: CaseView[]): PathEntry[] {
  // One block per history entry, so a case's own order holds; the blocks are then put in time order.
  const blocks: { at: number; caseId: string; child?: { of: string; node: string; instance: number }; done?: { node: string; instance: number }; entries: PathEntry[] }[] = [];
  for (const view of cases) {
    const definition = engine.definition(view.processId, view.version);
    for (const item of view.history) {
      const entries = item.visited.map((node): PathEntry => {
        const info = definition.nodes.get(node);
        const step = definition.steps.get(node);
        const deadline = item.deadlines.find((d) => d.step === node);
        return {
          at: item.at, caseId: view.id, processId: view.processId, node, type: info?.type ?? '?',
          ...(info?.name ? { name: info.name } : {}), ...(step?.pelaksana ? { pelaksana: step.pelaksana } : {}),
          ...(deadline ? { due: deadline.due, dueExplanation: deadline.explanation } : {}),
          ...(view.late.includes(node) ? { late: true } : {}),
        };
      });
      const command = item.command as { type?: string; instance?: number } | undefined;
      const done = item.event.startsWith('CALL.DONE.') ? { node: item.event.slice('CALL.DONE.'.length), instance: command?.instance ?? 0 } : undefined;
      blocks.push({
        at: Date.parse(item.at), caseId: view.id, entries,
        ...(view.parent ? { child: { of: view.parent.caseId, node: view.parent.node, instance: view.parent.instance } } : {}),
        ...(done ? { done } : {}),
      });
    }
  }
  // A stable sort keeps each case's own order for events at the same instant.
  blocks.sort((a, b) => a.at - b.at);
  // At one instant, what a called SOP did before it ended comes before its caller going on.
  const ordered: typeof blocks = [];
  const pending = [...blocks];
  while (pending.length > 0) {
    const block = pending.shift() as (typeof blocks)[number];
    const { done } = block;
    if (done) {
      const own = (b: (typeof blocks)[number]) => b.at === block.at && b.child?.of === block.caseId && b.child.node === done.node && b.child.instance === done.instance;
      for (let i = 0; i < pending.length;) {
        if (own(pending[i] as (typeof blocks)[number])) ordered.push(...pending.splice(i, 1));
        else i++;
      }
    }
    ordered.push(block);
  }
  return ordered.flatMap((b) => b.entries);
}
