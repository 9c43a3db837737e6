/**
 * Issue 6: every micro SOP of the catalogue runs from start to end along every gateway branch.
 * The runs go through the forms alone, as the office would: each open step's form is filled
 * (a decision's question answered with one of its offered answers), and every outgoing flow of
 * every deciding gateway must have been taken in some run — so no branch needs data a form
 * does not ask.
 */
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/cli/validate.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';
import type { Definition } from '../../src/runtime/definition.ts';
import type { WaktuSpec } from '../../src/sop/waktuSpec.ts';
import { catalogueFiles } from './catalogueFiles.ts';
import { untakenFlows } from './gatewayFlows.ts';
import { takenPairs, walkAllAnswers } from './formDriver.ts';

const files = await catalogueFiles();
const micro = files.filter((f) => f.entry.cakupan === 'mikro');

/** Whether a waktu sets no deadline for a case with these variables. */
function setsNoDeadline(spec: WaktuSpec, vars: Record<string, unknown>): boolean {
  if (spec.kind === 'none') return true;
  // A minimum gap ("tenggang waktu pemanggilan") arms no deadline; completing earlier is refused instead.
  if (spec.kind === 'duration') return spec.bound === 'min';
  if (spec.kind === 'conditional') return spec.cases.every((c) => String(vars[c.when.variable]) !== c.when.equals || setsNoDeadline(c.spec, vars));
  return false;
}

/** The steps of a case entered without a due time although their waktu sets one. */
function stepsWithoutDue(view: CaseView, definition: Definition): string[] {
  return view.history.flatMap((item) => item.visited.flatMap((node) => {
    const step = definition.steps.get(node);
    if (!step?.waktuSpec || item.deadlines.some((d) => d.step === node) || setsNoDeadline(step.waktuSpec, view.vars)) return [];
    return [`${node} "${step.waktu}"`];
  }));
}

describe('the catalogue: files', () => {
  it('validates every file together, so call activities resolve', async () => {
    const results = await validateFiles(files.map((f) => f.entry.path));
    expect(results.filter((r) => !r.ok).map((r) => ({ file: r.file, problems: r.problems }))).toEqual([]);
  });
});

describe('the catalogue: every micro SOP runs along every gateway branch, its forms filled', () => {
  const definitions = micro.map((f) => f.definition);
  for (const file of micro) {
    it(`${file.entry.kodeBuku} ${file.entry.nama} (${file.entry.processId})`, () => {
      const walks = walkAllAnswers(definitions, file.entry.processId);
      for (const { root, stuck } of walks) {
        const answers = root.history[0]?.data ?? {};
        expect({ answers, status: root.status, stuck }).toEqual({ answers, status: 'completed', stuck: undefined });
        expect({ vars: root.vars, withoutDue: stepsWithoutDue(root, file.definition) }).toEqual({ vars: root.vars, withoutDue: [] });
      }
      expect(untakenFlows(file.model, walks.map((w) => takenPairs(w.root)))).toEqual([]);
    });
  }
});
