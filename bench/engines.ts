/**
 * Cases/s and steps/s for a 10-step SOP (rework gateway, waktu on every step) and a 4-branch
 * parallel SOP: Protap's in-process runtime — conditions, deadlines on the working-day calendar
 * and history included — beside bpmn-engine running the same BPMN files in the same process.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { Engine } from 'bpmn-engine';
import { CaseEngine } from '../src/runtime/caseEngine.ts';
import type { FormSchema } from '../src/model/formSchema.ts';

export interface EngineFigures {
  scenario: string;
  engine: string;
  cases: number;
  steps: number;
  seconds: number;
  casesPerSecond: number;
  stepsPerSecond: number;
}

/** The answer to "Lengkap?": Protap asks it on the form of the step before the gateway; bpmn-engine reads it from its environment. */
const answers = { lengkap: true };

/** The data a completion sends: the answers its form asks for, nothing for a step that asks nothing. */
export function answersFor(form: FormSchema | undefined): Record<string, unknown> | undefined {
  const keys = form?.components.flatMap((c) => (c.key && c.key in answers ? [c.key] : [])) ?? [];
  return keys.length > 0 ? Object.fromEntries(keys.map((k) => [k, answers[k as keyof typeof answers]])) : undefined;
}

/** bpmn-engine evaluates `${environment.variables.…}`, not FEEL: the same condition in its words. */
function forBpmnEngine(xml: string): string {
  return xml.replace('>lengkap = true<', '>${environment.variables.lengkap}<');
}

/**
 * Runs `cases` cases of a diagram through Protap, completing every open step in turn. Case i
 * starts 7 minutes after case i-1 (10,000 cases span about 7 weeks of the calendar) and each
 * step takes an hour. `keepEnded: false` hands every ended case, with its history, to a sink
 * and forgets it, as the durable runtime will; `true` keeps every ended case in memory.
 */
export async function runProtap(scenario: string, file: string, cases: number, keepEnded = true): Promise<EngineFigures> {
  const xml = readFileSync(file, 'utf8');
  let n = 0;
  let handedOff = 0;
  const engine = new CaseEngine({
    clock: () => '2026-01-05T08:00:00+07:00', newId: () => `k${++n}`, keepEnded,
    onCaseEnded: (record) => { handedOff += record.history.length; },
  });
  const [definition] = await engine.deployXml(xml);
  if (!definition) throw new Error(`${file}: no process`);
  const base = Date.parse('2026-01-05T08:00:00+07:00');
  const at = (ms: number) => new Date(ms).toISOString();
  let steps = 0;
  settle();
  const started = process.hrtime.bigint();
  for (let i = 0; i < cases; i++) {
    let now = base + i * 7 * 60_000;
    let view = engine.startCase(definition.processId, { at: at(now) });
    while (view.status === 'active') {
      const step = view.activeSteps[0];
      if (!step) throw new Error(`case ${view.id} waits without an open step`);
      now += 3_600_000;
      const data = answersFor(step.form);
      view = engine.completeStep(view.id, step.id, { at: at(now), ...(data ? { data } : {}) });
      steps++;
    }
  }
  if (handedOff === 0) throw new Error('no case history reached the sink');
  return figures(scenario, `Protap (XState v5), ended cases ${keepEnded ? 'kept in memory' : 'handed off'}`, cases, steps, started);
}

/** Runs `cases` cases of a diagram through bpmn-engine, signalling every waiting user task. */
export async function runBpmnEngine(scenario: string, file: string, cases: number): Promise<EngineFigures> {
  const source = forBpmnEngine(readFileSync(file, 'utf8'));
  let steps = 0;
  settle();
  const started = process.hrtime.bigint();
  for (let i = 0; i < cases; i++) {
    const listener = new EventEmitter();
    listener.on('wait', (api: { signal: () => void }) => {
      steps++;
      api.signal();
    });
    const engine = new Engine({ name: `bench-${i}`, source, variables: answers });
    await new Promise<void>((resolve, reject) => {
      engine.once('end', () => resolve());
      engine.once('error', reject);
      engine.execute({ listener }).catch(reject);
    });
  }
  return figures(scenario, 'bpmn-engine', cases, steps, started);
}

/** Collects the garbage of earlier runs so that no run pays for another's heap (needs --expose-gc). */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function figures(scenario: string, engine: string, cases: number, steps: number, started: bigint): EngineFigures {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { scenario, engine, cases, steps, seconds, casesPerSecond: cases / seconds, stepsPerSecond: steps / seconds };
}
