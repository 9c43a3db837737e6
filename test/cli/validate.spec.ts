import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { capture } from '../support/captureConsole.ts';

const fixture = resolve(import.meta.dirname, '../compile/exclusiveGateway.rework.bpmn');

afterEach(() => vi.restoreAllMocks());

describe('protap validate', () => {
  it('exits 0 for a valid file and prints one JSON object per file with --json', async () => {
    const io = capture();
    expect(await main(['validate', fixture, '--json'])).toBe(0);
    expect(JSON.parse(io.out())).toEqual([{ file: fixture, ok: true, errors: [], warnings: [] }]);
  });

  it('exits 1 when any file is invalid, naming the element, its type and what to do, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'protap-validate-'));
    const broken = join(dir, 'rusak.bpmn');
    writeFileSync(broken, `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
      <bpmn:process id="P"><bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="G"/><bpmn:userTask id="A"/><bpmn:userTask id="B"/><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="G"/><bpmn:sequenceFlow id="f2" sourceRef="G" targetRef="A"/><bpmn:sequenceFlow id="f3" sourceRef="G" targetRef="B"/>
      <bpmn:sequenceFlow id="f4" sourceRef="A" targetRef="E"/><bpmn:sequenceFlow id="f5" sourceRef="B" targetRef="E"/></bpmn:process></bpmn:definitions>`);
    const garbage = join(dir, 'sampah.bpmn');
    writeFileSync(garbage, Buffer.from([0, 1, 2, 255, 60, 61, 62]));
    const io = capture();
    expect(await main(['validate', fixture, broken, garbage, join(dir, 'tidak-ada.bpmn'), '--json'])).toBe(1);
    const results = JSON.parse(io.out()) as { file: string; ok: boolean; errors: { id: string; type: string; code: string; message: string }[] }[];
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false]);
    expect(results[1]?.errors).toContainEqual(expect.objectContaining({ id: 'f2', type: 'bpmn:SequenceFlow', code: 'UNCONDITIONED_FLOW' }));
    expect(results[1]?.errors.every((p) => p.message.includes('G'))).toBe(true);
    expect(results[2]?.errors[0]?.code).toBe('UNREADABLE_XML');
    expect(results[3]?.errors[0]).toMatchObject({ code: 'FILE_UNREADABLE', message: 'berkas tidak ditemukan' });
    expect(`${io.out()}${io.err()}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('answers a wrong option in Indonesian with exit 2', async () => {
    const io = capture();
    expect(await main(['validate', '--bogus', fixture])).toBe(2);
    expect(io.err()).toContain('opsi tidak dikenal: --bogus');
  });
});
