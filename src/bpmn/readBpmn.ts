/**
 * Reads BPMN 2.0 XML with bpmn-moddle and the `sop:` extension, and turns it into the
 * typed process model. Unreadable XML and duplicate ids become problems, not exceptions.
 */
import { BpmnModdle } from 'bpmn-moddle';
import sopSchema from './sop.moddle.json' with { type: 'json' };
import { buildModel } from './buildModel.ts';
import { MAX_DEPTH, MAX_ELEMENTS, xmlShape } from './xmlShape.ts';
import type { ModdleElement } from './moddleElement.ts';
import type { DefinitionsModel } from '../model/processModel.ts';
import { problem, type Problem } from '../model/problem.ts';

/** The largest BPMN document Protap reads (a whole SOP book is far smaller). */
export const MAX_BPMN_BYTES = 5 * 1024 * 1024;

export interface ReadResult {
  model?: DefinitionsModel;
  problems: Problem[];
  /** What the XML reader noted that stops nothing (e.g. an unsupported declared encoding): code XML_NOTE. */
  warnings: Problem[];
}

let moddle: InstanceType<typeof BpmnModdle> | undefined;

/** The shared moddle instance that knows BPMN and the `sop:` extension. */
export function sopModdle(): InstanceType<typeof BpmnModdle> {
  moddle ??= new BpmnModdle({ sop: sopSchema });
  return moddle;
}

const DEFINITIONS = 'bpmn:Definitions';

/** A reader's message made safe to show: no control or binary bytes, at most 160 characters. */
function printable(text: string): string {
  const clean = text.replace(/[^\t\x20-\x7e\u00a0-\u024f]+/g, '�').trim();
  return clean.length > 160 ? `${clean.slice(0, 160)}…` : clean || '(isi kosong atau terpotong)';
}

/** Parses BPMN XML into the process model, collecting every problem found on the way. */
export async function readBpmn(xml: string): Promise<ReadResult> {
  if (typeof xml !== 'string' || xml.trim() === '') {
    return { problems: [problem('UNREADABLE_XML', '', DEFINITIONS, 'Berkas kosong: isikan dokumen BPMN 2.0 (XML).')], warnings: [] };
  }
  if (Buffer.byteLength(xml, 'utf8') > MAX_BPMN_BYTES) {
    return {
      problems: [problem('TOO_LARGE', '', DEFINITIONS, `Berkas lebih besar dari ${MAX_BPMN_BYTES / 1024 / 1024} MiB: pecah SOP menjadi SOP mikro.`)],
      warnings: [],
    };
  }
  const shape = xmlShape(xml);
  if (shape.elements > MAX_ELEMENTS || shape.depth > MAX_DEPTH) {
    const why = shape.depth > MAX_DEPTH
      ? `elemen XML bersarang lebih dari ${MAX_DEPTH} tingkat`
      : `berisi lebih dari ${MAX_ELEMENTS.toLocaleString('id-ID')} elemen XML`;
    return { problems: [problem('TOO_LARGE', '', DEFINITIONS, `Diagram ${why}; SOP sebesar itu tidak dapat diperiksa tanpa menahan server. Pecah menjadi SOP mikro yang dipanggil SOP makro.`)], warnings: [] };
  }
  if (/<!ENTITY/i.test(xml)) {
    // Entity declarations are the vehicle of XML bombs and external-entity reads; BPMN never needs them.
    return { problems: [problem('UNREADABLE_XML', '', DEFINITIONS, 'XML memuat deklarasi <!ENTITY>, yang tidak diizinkan dalam BPMN. Hapus DOCTYPE/ENTITY.')], warnings: [] };
  }
  let parsed: { rootElement: ModdleElement; warnings: { message: string }[] };
  try {
    parsed = (await sopModdle().fromXML(xml)) as unknown as typeof parsed;
  } catch (error) {
    const reason = printable(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
    return { problems: [problem('UNREADABLE_XML', '', DEFINITIONS, `XML tidak dapat dibaca sebagai BPMN 2.0: ${reason}`)], warnings: [] };
  }
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const warning of parsed.warnings) {
    const duplicate = /duplicate ID <([^>]+)>/.exec(warning.message);
    if (duplicate) {
      problems.push(problem('DUPLICATE_ID', duplicate[1] ?? '', 'bpmn:BaseElement',
        `Id "${duplicate[1]}" dipakai lebih dari sekali; setiap elemen harus punya id yang unik. Ganti salah satunya.`));
    } else if (/^unparsable content/.test(warning.message)) {
      // The reader dropped an element it could not place: running what is left would run a different diagram.
      const where = /line: (\d+)/.exec(warning.message)?.[1];
      problems.push(problem('UNREADABLE_XML', '', DEFINITIONS,
        `Sebagian XML tidak dapat dibaca${where ? ` (baris ${where})` : ''} sehingga elemennya akan hilang: ${printable(warning.message.split('\n')[0] ?? '')}. Perbaiki XML-nya.`));
    } else {
      warnings.push(problem('XML_NOTE', '', 'xml', warning.message.split('\n')[0] ?? warning.message));
    }
  }
  const root = parsed.rootElement;
  if (!root || root.$type !== DEFINITIONS) {
    problems.push(problem('UNREADABLE_XML', root?.id ?? '', root?.$type ?? DEFINITIONS, 'Elemen akar bukan <bpmn:definitions>: ini bukan dokumen BPMN 2.0.'));
    return { problems, warnings };
  }
  const built = buildModel(root);
  problems.push(...built.problems);
  return { model: built.model, problems, warnings };
}
