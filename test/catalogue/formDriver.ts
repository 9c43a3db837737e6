/**
 * Test support: runs catalogue cases as the office would, through the forms alone. Each open
 * step's form (as GET /cases/:id shows it) is filled: a choice field gets one of its offered
 * values, any other required field a value of its type; nothing is read from the BPMN, so a
 * branch no form can reach stays untaken and the coverage checks find it.
 */
import { DateTime } from 'luxon';
import { isInput, type FormField, type FormSchema } from '../../src/model/formSchema.ts';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';
import type { Definition } from '../../src/runtime/definition.ts';

/** Where a field is answered: the process, the node whose form it is, and the how-manieth time that node's form is filled in this case. */
export interface Asked {
  processId: string;
  caseId: string;
  node: string;
  field: FormField & { key: string };
  /** 1 the first time the node's form is filled in this case, 2 when a rework loop brings it round again. */
  round: number;
  /** The value given for this field the last time this node's form was filled in this case. */
  previous?: unknown;
}

export type Choose = (asked: Asked) => unknown;

export interface Walk {
  root: CaseView;
  /** The root case and its child cases, oldest first. */
  cases: CaseView[];
  /** Why the walk stopped before the root case ended. */
  stuck?: string;
}

/** Fills a form: choices by `choose`, other required fields with a plain value of their type. */
export function fillForm(form: FormSchema | undefined, where: Omit<Asked, 'field' | 'previous'>, choose: Choose, previous: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (const field of form?.components ?? []) {
    if (!isInput(field) || !field.key) continue;
    const keyed = field as FormField & { key: string };
    if (field.values && field.values.length > 0) data[field.key] = choose({ ...where, field: keyed, ...(field.key in previous ? { previous: previous[field.key] } : {}) });
    else if (field.validate?.required) data[field.key] = plainValue(field);
  }
  return Object.keys(data).length > 0 ? data : undefined;
}

function plainValue(field: FormField): unknown {
  switch (field.type) {
    case 'number': return 1;
    case 'checkbox': return true;
    case 'datetime': return '2026-03-16';
    default: return 'diisi';
  }
}

/**
 * Starts a case and runs it and its child cases to the end: every open person step is completed
 * with its form filled, an awaited message is delivered (the party acts in time), and when
 * nothing else can happen the clock jumps to the next due timer.
 */
export function walkCase(definitions: Definition[], processId: string, choose: Choose, from = '2026-03-16T08:00:00+07:00', maxCommands = 400): Walk {
  let now: DateTime = DateTime.fromISO(from, { setZone: true });
  let counter = 0;
  const engine = new CaseEngine({ clock: () => now.toISO() as string, newId: () => `kasus-${++counter}`, scheduleStarts: false });
  engine.deploy(definitions);
  const definition = engine.definition(processId);
  const start = definition.startEvents.find((id) => definition.forms[id]?.components.some(isInput));
  const startData = start ? fillForm(definition.forms[start], { processId, caseId: '', node: start, round: 1 }, choose) : undefined;
  const root = engine.startCase(processId, { at: now.toISO() as string, ...(startData ? { vars: startData } : {}) });
  const rounds = new Map<string, number>();
  const given = new Map<string, Record<string, unknown>>();
  const advance = (to: DateTime) => {
    if (to > now) now = to;
    engine.fireDueTimers(now.toISO() as string);
  };
  let stuck: string | undefined;
  for (let commands = 0; engine.getCase(root.id).status === 'active'; commands++) {
    if (commands >= maxCommands) { stuck = `masih berjalan setelah ${commands} perintah`; break; }
    const active = engine.listCases().filter((c) => c.status === 'active').reverse();
    const open = active.flatMap((c) => c.activeSteps.filter((s) => s.completion === 'person').map((s) => ({ c, s })))[0];
    if (open) {
      const notBefore = open.s.notBefore ? DateTime.fromISO(open.s.notBefore, { setZone: true }) : undefined;
      const due = DateTime.fromISO(open.s.startedAt, { setZone: true }).plus({ hours: 1 });
      advance(notBefore && notBefore > due ? notBefore : due);
      const fresh = engine.getCase(open.c.id);
      const step = fresh.activeSteps.find((s) => s.id === open.s.id);
      if (fresh.status !== 'active' || !step) continue;
      const key = `${fresh.id}/${step.id}`;
      const round = (rounds.get(key) ?? 0) + 1;
      rounds.set(key, round);
      const data = fillForm(step.form, { processId: fresh.processId, caseId: fresh.id, node: step.id, round }, choose, given.get(key));
      if (data) given.set(key, data);
      engine.completeStep(fresh.id, step.id, { at: now.toISO() as string, ...(step.openInstances ? { instance: step.openInstances[0] } : {}), ...(data ? { data } : {}) });
      continue;
    }
    if (active.some((c) => deliverAwaited(engine, c, () => { advance(now.plus({ hours: 1 })); return now.toISO() as string; }, choose))) continue;
    const timer = engine.timers.earliest();
    if (timer) { advance(DateTime.fromISO(timer, { setZone: true })); continue; }
    stuck = 'kasus menunggu sesuatu yang tidak datang';
    break;
  }
  return { root: engine.getCase(root.id), cases: engine.listCases().reverse(), ...(stuck ? { stuck } : {}) };
}

/** Delivers the first message a case waits for, its form (if any) filled as a step's is; false when it waits for none. */
function deliverAwaited(engine: CaseEngine, view: CaseView, at: () => string, choose: Choose): boolean {
  const definition = engine.definition(view.processId, view.version);
  for (const type of definition.awaits) {
    if (!type.startsWith('MESSAGE.')) continue;
    const name = type.slice('MESSAGE.'.length);
    try {
      const data = fillForm(definition.messageForms[name], { processId: view.processId, caseId: view.id, node: `pesan:${name}`, round: 1 }, choose);
      engine.correlateMessage(name, { caseId: view.id }, { at: at(), ...(data ? { data } : {}) });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== 'MESSAGE_NOT_EXPECTED') throw error;
    }
  }
  return false;
}

/** The gateway flows a case took: "gateway→target" for each pair of nodes entered one after the other. */
export function takenPairs(view: CaseView): Set<string> {
  const visited = view.history.flatMap((h) => h.visited);
  const pairs = new Set<string>();
  for (let i = 1; i < visited.length; i++) pairs.add(`${visited[i - 1]}→${visited[i]}`);
  return pairs;
}

/**
 * A chooser that covers every offered value across runs: a field answered again in a rework
 * loop gives another answer than last time (so the loop is left); otherwise the first value not
 * yet credited, and once all are, the values in turn by run. `credit` after each run counts an
 * answer only where its decision's gateway was reached, so an answer given for a gateway the run
 * never came to is tried again.
 */
export class CoveringChooser {
  private readonly credited = new Map<string, Set<string>>();
  private pending: { key: string; value: string; caseId: string; gateway?: string }[] = [];
  /** For each field and answer, the fields asked after it in the same run. */
  private readonly opens = new Map<string, Map<string, Set<string>>>();
  /** How many answers each field offers. */
  private readonly valuesOf = new Map<string, number>();
  run = 0;

  readonly choose: Choose = (asked) => {
    const values = (asked.field.values ?? []).map((v) => v.value);
    if (asked.round > 1 && asked.previous !== undefined) {
      const i = values.findIndex((v) => v === asked.previous);
      return values[(i + 1) % values.length];
    }
    const key = `${asked.processId}/${asked.field.id ?? asked.field.key}`;
    const done = this.credited.get(key) ?? new Set<string>();
    this.valuesOf.set(key, values.length);
    // Every answer given already: take one that earlier led on to a question still missing answers
    // (a deeper branch not yet covered); failing that, vary by the run's number.
    const leading = values.find((v) => [...(this.opens.get(key)?.get(JSON.stringify(v)) ?? [])].some((later) => this.unfinished(later)));
    const value = values.find((v) => !done.has(JSON.stringify(v))) ?? leading ?? values[this.run % values.length];
    this.pending.push({ key, value: JSON.stringify(value), caseId: asked.caseId, ...(asked.field.decision ? { gateway: asked.field.decision } : {}) });
    return value;
  };

  private unfinished(key: string): boolean {
    return (this.credited.get(key)?.size ?? 0) < (this.valuesOf.get(key) ?? 0);
  }

  /** Counts the answers of the finished run whose gateway was reached; returns how many were new. */
  credit(walk: Walk): number {
    let fresh = 0;
    for (const p of this.pending) {
      const view = walk.cases.find((c) => c.id === p.caseId) ?? walk.root;
      if (p.gateway && !view.history.some((h) => h.visited.includes(p.gateway as string))) continue;
      const done = this.credited.get(p.key) ?? new Set<string>();
      if (!done.has(p.value)) fresh++;
      done.add(p.value);
      this.credited.set(p.key, done);
    }
    this.pending.forEach((p, i) => {
      const byValue = this.opens.get(p.key) ?? new Map<string, Set<string>>();
      const later = byValue.get(p.value) ?? new Set<string>();
      for (const next of this.pending.slice(i + 1)) if (next.key !== p.key) later.add(next.key);
      byValue.set(p.value, later);
      this.opens.set(p.key, byValue);
    });
    this.pending = [];
    this.run++;
    return fresh;
  }
}

/** Walks a process again and again, each run answering differently, until three runs in a row bring no new answer. */
export function walkAllAnswers(definitions: Definition[], processId: string, maxRuns = 24): Walk[] {
  const chooser = new CoveringChooser();
  const walks: Walk[] = [];
  for (let idle = 0; idle < 3 && walks.length < maxRuns;) {
    const walk = walkCase(definitions, processId, chooser.choose);
    walks.push(walk);
    idle = chooser.credit(walk) > 0 ? 0 : idle + 1;
  }
  return walks;
}

/** A fresh in-memory engine with these definitions deployed: numbered case ids, no scheduled starts, a fixed clock. */
export function catalogueEngine(definitions: Definition[], clock = '2026-04-06T08:00:00+07:00'): CaseEngine {
  let counter = 0;
  const engine = new CaseEngine({ clock: () => clock, newId: () => `kasus-${++counter}`, scheduleStarts: false });
  engine.deploy(definitions);
  return engine;
}

/**
 * Completes every open person step of every active case, forms filled with `answers` by key or else
 * each question's first offered answer, until none is left.
 */
export function completeAllSteps(engine: CaseEngine, at: string, answers: Record<string, unknown> = {}): void {
  const choose: Choose = (asked) => (asked.field.key in answers ? answers[asked.field.key] : asked.field.values?.[0]?.value);
  for (let guard = 0; guard < 500; guard++) {
    const open = engine.listCases().filter((c) => c.status === 'active')
      .flatMap((c) => c.activeSteps.filter((s) => s.completion === 'person').map((s) => ({ c, s })))[0];
    if (!open) return;
    const data = fillForm(open.s.form, { processId: open.c.processId, caseId: open.c.id, node: open.s.id, round: 1 }, choose);
    engine.completeStep(open.c.id, open.s.id, { at, ...(data ? { data } : {}) });
  }
  throw new Error('steps do not finish');
}
