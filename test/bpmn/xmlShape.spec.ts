/**
 * Oversized diagrams are refused before any parser sees them (issue 18, point 6): more than 20,000
 * elements or nesting past 100 levels is TOO_LARGE at once, with what to do; comments, CDATA and
 * quoted `>` do not fool the count; the catalogue and the public corpus stay far below the limits.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBpmn } from '../../src/bpmn/readBpmn.ts';
import { MAX_DEPTH, MAX_ELEMENTS, xmlShape } from '../../src/bpmn/xmlShape.ts';

const root = resolve(import.meta.dirname, '../..');
const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : name.endsWith('.bpmn') ? [path] : [];
});
const HEAD = '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="P" isExecutable="true">';
const TAIL = '</bpmn:process></bpmn:definitions>';

describe('XML shape bounds', () => {
  it('counts elements and depth, stepping over comments, CDATA, processing instructions and quoted >', () => {
    expect(xmlShape('<?xml version="1.0"?><!-- <a><b> --><a x="1>2"><b/><c><![CDATA[<d><e>]]></c></a>')).toEqual({ elements: 3, depth: 2 });
  });

  it('refuses 20,000 tasks and nesting 100,000 deep as TOO_LARGE before parsing, saying what to do', async () => {
    const many = HEAD + Array.from({ length: MAX_ELEMENTS }, (_, i) => `<bpmn:task id="T${i}"/>`).join('') + TAIL;
    const deep = HEAD + '<bpmn:extensionElements>'.repeat(100_000) + '</bpmn:extensionElements>'.repeat(100_000) + TAIL;
    for (const xml of [many, deep]) {
      const read = await readBpmn(xml);
      expect(read.model).toBeUndefined();
      expect(read.problems).toEqual([expect.objectContaining({ code: 'TOO_LARGE', message: expect.stringContaining('Pecah menjadi SOP mikro') })]);
    }
    expect((await readBpmn(deep)).problems[0]?.message).toContain(`lebih dari ${MAX_DEPTH} tingkat`);
  });

  it('leaves every catalogue and public corpus file well inside the bounds', () => {
    for (const file of [...files(join(root, 'processes')), ...files(resolve(root, '../shared/bpmn-corpus'))]) {
      const shape = xmlShape(readFileSync(file, 'utf8'));
      expect(shape.elements, file).toBeLessThan(MAX_ELEMENTS / 4);
      expect(shape.depth, file).toBeLessThan(MAX_DEPTH / 4);
    }
  });
});
