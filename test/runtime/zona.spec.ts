/**
 * The office's zone and an SOP's own (issue 18, point 8): a WITA unit under a WIB office counts
 * its deadlines to the end of the WITA working day; the office's zone applies to every SOP
 * without `sop:zona`; a zone that is not Indonesia's is refused naming the attribute.
 */
import { describe, expect, it } from 'vitest';
import { readBpmn } from '../../src/bpmn/readBpmn.ts';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import { loadCalendar } from '../../src/calendar/loadCalendar.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sop = (id: string, zona?: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" id="D_${id}" targetNamespace="urn:protap:uji">
  <bpmn:process id="${id}" isExecutable="true" sop:hari="kerja"${zona ? ` sop:zona="${zona}"` : ''}>
    <bpmn:startEvent id="mulai"/>
    <bpmn:userTask id="catat" name="Mencatat" sop:waktu="1 Hari"/>
    <bpmn:endEvent id="selesai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="catat"/>
    <bpmn:sequenceFlow id="f2" sourceRef="catat" targetRef="selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

/** Monday 16 March 2026, 15.00 WIB = 16.00 WITA = 17.00 WIT. */
const AT = '2026-03-16T08:00:00.000Z';

describe('zona', () => {
  it('counts an SOP with sop:zona in its own zone, the others in the office\'s', async () => {
    const engine = new CaseEngine({ calendar: loadCalendar({ zone: 'WIB' }), clock: () => AT });
    await engine.deployXml(sop('kantor'));
    await engine.deployXml(sop('makassar', 'WITA'));
    await engine.deployXml(sop('jayapura', 'wit'));
    const due = (processId: string) => engine.startCase(processId).activeSteps[0]?.due;
    expect(due('kantor')).toMatch(/^2026-03-17T23:59:59(\.\d+)?\+07:00$/);
    expect(due('makassar')).toMatch(/^2026-03-17T23:59:59(\.\d+)?\+08:00$/);
    expect(due('jayapura')).toMatch(/^2026-03-17T23:59:59(\.\d+)?\+09:00$/);
  });

  it('takes the office\'s zone from the durable engine (PROTAP_ZONA) for SOPs without their own', async () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'protap-zona-')), 'protap.db'));
    try {
      const engine = await DurableEngine.open({ store, zone: 'WITA', clock: () => AT });
      expect(engine.calendar.zone).toBe('Asia/Makassar');
      await engine.deployXml(sop('kantor'));
      await engine.deployXml(sop('jakarta', 'WIB'));
      expect((await engine.startCase('kantor')).activeSteps[0]?.due).toMatch(/\+08:00$/);
      expect((await engine.startCase('jakarta')).activeSteps[0]?.due).toMatch(/^2026-03-17T23:59:59(\.\d+)?\+07:00$/);
    } finally {
      await store.close();
    }
  });

  it('refuses a zone that is not WIB, WITA or WIT, naming the attribute', async () => {
    const read = await readBpmn(sop('salah', 'GMT+7'));
    expect(read.problems).toEqual([expect.objectContaining({ code: 'BAD_ATTRIBUTE', message: expect.stringContaining('sop:zona="GMT+7"') })]);
  });
});
