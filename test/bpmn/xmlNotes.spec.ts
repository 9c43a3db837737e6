/**
 * What the XML reader notes without stopping anything (an unknown attribute, a reference to no
 * element) is a warning like any other: a Problem with code XML_NOTE, the same from reading,
 * loading and validating a document.
 */
import { describe, expect, it } from 'vitest';
import { readBpmn } from '../../src/bpmn/readBpmn.ts';
import { loadDefinitions } from '../../src/runtime/loadDefinitions.ts';
import { validateBpmn } from '../../src/runtime/validateBpmn.ts';

const XML = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
  <bpmn:process id="P" isExecutable="true" bpmn:bogus="1"><bpmn:startEvent id="S"/><bpmn:userTask id="A" name="Kerja"/><bpmn:endEvent id="E"/>
  <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/><bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="E"/>
  <bpmn:association id="as" sourceRef="A" targetRef="tidakAda"/></bpmn:process></bpmn:definitions>`;

const NOTES = [
  { code: 'XML_NOTE', id: '', type: 'xml', message: 'unknown attribute <bpmn:bogus>' },
  { code: 'XML_NOTE', id: '', type: 'xml', message: 'unresolved reference <tidakAda>' },
];

describe('the XML reader\'s notes', () => {
  it('are XML_NOTE warnings when read, loaded and validated, and block nothing', async () => {
    const read = await readBpmn(XML);
    expect(read).toMatchObject({ problems: [], warnings: NOTES });
    const loaded = await loadDefinitions(XML);
    expect(loaded).toMatchObject({ problems: [], warnings: NOTES });
    expect(loaded.definitions.map((d) => d.processId)).toEqual(['P']);
    expect(loaded).not.toHaveProperty('notes');
    expect(await validateBpmn(XML, new Set())).toEqual({ valid: true, processes: ['P'], problems: [], warnings: NOTES });
  });
});
