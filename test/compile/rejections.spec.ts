import { describe, expect, it } from 'vitest';
import { engineWith, fixture } from '../support/engineWith.ts';
import { loadDefinitions } from '../../src/runtime/loadDefinitions.ts';

const dir = import.meta.dirname;

async function problemsOf(name: string) {
  const { problems, definitions } = await loadDefinitions(fixture(dir, name));
  expect(definitions).toEqual([]);
  return problems;
}

describe('diagrams the compiler rejects, naming the element at fault', () => {
  it('rejects a parallel split whose branches never join', async () => {
    const problems = await problemsOf('rejections.unjoinedSplit.bpmn');
    expect(problems.map((p) => [p.code, p.id, p.type])).toEqual([['UNJOINED_SPLIT', 'PisahSita', 'bpmn:ParallelGateway']]);
    expect(problems[0]?.message).toContain('"Sita dan umumkan" (PisahSita)');
  });

  it('rejects a step reached from two parallel branches before their join', async () => {
    const problems = await problemsOf('rejections.branchesCross.bpmn');
    const cross = problems.filter((p) => p.code === 'BRANCHES_CROSS');
    expect(cross.map((p) => p.id)).toEqual(['Penilai']);
    expect(cross[0]?.message).toContain('(Penilai)');
    expect(cross[0]?.message).toContain('PisahLelang');
    expect(cross[0]?.message).toContain('GabungLelang');
    // The broken block also leaves its join unmatched; every problem names an element of the block.
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['BRANCHES_CROSS', 'BRANCH_LEAVES_BLOCK', 'UNMATCHED_JOIN']));
    expect(new Set(problems.map((p) => p.id))).toEqual(new Set(['Penilai', 'GabungLelang']));
  });

  it('rejects a task with several outgoing flows and no gateway (implicit split)', async () => {
    const problems = await problemsOf('rejections.implicitSplit.bpmn');
    expect(problems.map((p) => [p.code, p.id])).toEqual([['IMPLICIT_SPLIT', 'Disposisikan']]);
    expect(problems[0]?.message).toMatch(/"Mendisposisikan surat" \(Disposisikan\) punya 2 alur keluar bersyarat/);
  });

  it('rejects an exclusive gateway flow without condition that is not the default, naming gateway and flow', async () => {
    const problems = await problemsOf('rejections.unconditionedFlow.bpmn');
    // The problem names the flow at fault (issue 15), and its gateway in the text.
    expect(problems.map((p) => [p.code, p.id, p.type])).toEqual([['UNCONDITIONED_FLOW', 'F_tidak', 'bpmn:SequenceFlow']]);
    expect(problems[0]?.message).toContain('"Tidak" (F_tidak)');
    expect(problems[0]?.message).toContain('(Lengkap)');
  });

  it('rejects unparseable FEEL (a JavaScript-style ==) and ${…} conditions, naming each flow', async () => {
    const problems = await problemsOf('rejections.badCondition.bpmn');
    expect(problems.map((p) => [p.code, p.id, p.type])).toEqual([
      ['BAD_CONDITION', 'F_feel', 'bpmn:SequenceFlow'],
      ['BAD_CONDITION', 'F_juel', 'bpmn:SequenceFlow'],
    ]);
    expect(problems[0]?.message).toContain('alur F_feel');
    expect(problems[0]?.message).toContain('"lengkap == true"');
    expect(problems[0]?.message).toContain('satu tanda =');
    expect(problems[1]?.message).toContain('alur F_juel');
  });

  it('rejects a person\'s step on a non-interrupting boundary path', async () => {
    const problems = await problemsOf('rejections.sidePathWithPerson.bpmn');
    expect(problems.map((p) => [p.code, p.id])).toEqual([['SIDE_PATH', 'Tegur']]);
    expect(problems[0]?.message).toContain('"Menegur panitera pengganti" (Tegur)');
    expect(problems[0]?.message).toContain('(Pengingat)');
  });

  it('refuses to deploy a rejected diagram, carrying its problems', async () => {
    await expect(engineWith(dir, 'rejections.unjoinedSplit.bpmn')).rejects.toMatchObject({
      code: 'DEFINITION_INVALID',
      message: expect.stringContaining('PisahSita'),
      details: { problems: [expect.objectContaining({ code: 'UNJOINED_SPLIT' })] },
    });
  });
});
