/**
 * Writes an imported SOP draft as a BPMN 2.0 document: one pool, a lane per pelaksana (in the
 * order they first act), "Mulai" → one user task per kegiatan row → "Selesai", the SOP table's
 * columns in `sop:` attributes, and the identity block. Built through bpmn-moddle's `create`
 * and `toXML` rather than by string building: the `sop:` schema then types every attribute
 * (`sop:eksternal` is a Boolean), escaping is moddle's, and the layout works on the same tree.
 */
import { sopModdle } from './readBpmn.ts';
import { layoutDefinitions } from './layoutDiagram.ts';
import type { ModdleElement } from './moddleElement.ts';

type Factory = { create(type: string, attrs?: Record<string, unknown>): ModdleElement };

/** One kegiatan row (or bullet, or numbered sub-step) of an SOP table. */
export interface SopTableStep {
  /** The printed row number, or the position in the table when the book prints bullets. */
  no: string;
  /** The kegiatan text, whitespace collapsed, without the waktu cell. */
  text: string;
  /** The WAKTU PENYELESAIAN cell verbatim (with the qualifier printed just before it); absent when blank. */
  waktu?: string;
  /** Keterangan/Catatan lines and sub-items printed under the row. */
  notes: string[];
  /** Role id of the step's lane; one of the document's lanes. */
  pelaksana: string;
  /** False when the text names no actor and the step went to the unit's default lane. */
  pelaksanaGuessed: boolean;
}

/** A lane of an SOP table: one pelaksana role, with its title and escalation. */
export interface SopTableLane {
  /** Role id, e.g. `panmud-pidana`. */
  pelaksana: string;
  /** Lane title in Bahasa Indonesia. */
  name: string;
  atasan?: string;
  eksternal?: boolean;
}

/**
 * An SOP in table form, as the writer needs it. Declared here so src/bpmn keeps to its import
 * zone; src/sopText's SopDraft extends it.
 */
export interface SopTableDocument {
  /** Process id: `<folder>-<numbering with dashes>`, e.g. `pidana-C`, `umum-E-2-a`. */
  id: string;
  /** The numbering in the Daftar Isi, e.g. `IV.C`, `I.E.2.a`. */
  kodeBuku: string;
  /** The title as the Daftar Isi writes it. */
  nama: string;
  /** The unit as the book names it, e.g. "Kepaniteraan Pidana". */
  unit: string;
  satker?: string;
  /** ISO date the book was finished (its foreword's date). */
  tanggalPembuatan?: string;
  /** Regulations the SOP's own text cites, verbatim. */
  dasarHukum: string[];
  /** Text of the section that is not a step: definitions, lead-ins, lists. */
  documentation: string[];
  /** One lane per pelaksana, in the order the steps first name them. */
  lanes: SopTableLane[];
  steps: SopTableStep[];
}

/** Longest task name; a longer kegiatan keeps its full text in `sop:keterangan`. */
export const MAX_NAME_LENGTH = 80;

/** A readable task name: the kegiatan cut at a word before the limit, its closing punctuation dropped. */
export function stepName(text: string): string {
  const clean = text.replace(/\s*[.:,;]\s*$/, '').trim();
  if (clean.length <= MAX_NAME_LENGTH) return clean;
  const cut = clean.slice(0, MAX_NAME_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:(/-]+$/, '')}…`;
}

function taskAttributes(step: SopTableStep): Record<string, unknown> {
  const name = stepName(step.text);
  const attrs: Record<string, unknown> = { name, no: step.no };
  if (step.waktu !== undefined) attrs.waktu = step.waktu;
  // The full text is kept only where the name lost some of it (cut, or notes under the row).
  if (name.endsWith('…') || step.notes.length > 0) attrs.keterangan = [step.text, ...step.notes].join(' ');
  return attrs;
}

function identity(f: Factory, draft: SopTableDocument): ModdleElement {
  const attrs: Record<string, unknown> = {
    nama: draft.nama, kodeBuku: draft.kodeBuku, unit: draft.unit, cakupan: 'mikro', jenis: 'administratif',
    dasarHukum: draft.dasarHukum.map((text) => f.create('sop:DasarHukum', { text })),
  };
  if (draft.satker) attrs.satker = draft.satker;
  if (draft.tanggalPembuatan) attrs.tanggalPembuatan = draft.tanggalPembuatan;
  return f.create('sop:Identitas', attrs);
}

/** The definitions tree of a draft, without DI. */
export function sopDefinitions(draft: SopTableDocument): ModdleElement {
  const f = sopModdle() as unknown as Factory;
  // A step whose role has no lane still gets one, titled by the role id, rather than no lane at all.
  const declared = new Set(draft.lanes.map((lane) => lane.pelaksana));
  const allLanes = [...draft.lanes, ...[...new Set(draft.steps.map((s) => s.pelaksana))].filter((p) => !declared.has(p)).map((p) => ({ pelaksana: p, name: p }))];
  const roles = allLanes.map((lane) => lane.pelaksana);
  const laneNodes = new Map<string, ModdleElement[]>(roles.map((r) => [r, []]));
  const flowElements: ModdleElement[] = [];
  const add = (el: ModdleElement, role: string | undefined): ModdleElement => {
    flowElements.push(el);
    if (role) laneNodes.get(role)?.push(el);
    return el;
  };
  const start = add(f.create('bpmn:StartEvent', { id: 'Mulai', name: 'Mulai' }), roles[0]);
  const tasks = draft.steps.map((step, i) => {
    const task = add(f.create('bpmn:UserTask', { id: `Langkah_${i + 1}`, ...taskAttributes(step) }), step.pelaksana);
    if (!step.pelaksanaGuessed) {
      task.documentation = [f.create('bpmn:Documentation', {
        text: 'Pelaksana tidak disebut dalam teks kegiatan; langkah ditempatkan di lajur bawaan unitnya. Periksa.',
      })];
    }
    return task;
  });
  const end = add(f.create('bpmn:EndEvent', { id: 'Selesai', name: 'Selesai' }), draft.steps[draft.steps.length - 1]?.pelaksana);
  const chain = [start, ...tasks, end];
  chain.slice(1).forEach((target, i) => {
    flowElements.push(f.create('bpmn:SequenceFlow', { id: `Alur_${i + 1}`, sourceRef: chain[i], targetRef: target }));
  });

  const lanes = allLanes.map((lane: SopTableDocument['lanes'][number]) => {
    const attrs: Record<string, unknown> = { id: `Lajur_${lane.pelaksana}`, name: lane.name, pelaksana: lane.pelaksana, flowNodeRef: laneNodes.get(lane.pelaksana) };
    if (lane.atasan) attrs.atasan = lane.atasan;
    if (lane.eksternal) attrs.eksternal = true;
    return f.create('bpmn:Lane', attrs);
  });
  const documentation = [
    `Draf hasil impor dari teks buku SOP (${draft.kodeBuku}). Pelaksana tiap langkah ditebak dari teks kegiatan; periksa sebelum disahkan.`,
    ...draft.documentation,
  ];
  const process = f.create('bpmn:Process', {
    id: draft.id, name: draft.nama, isExecutable: true,
    documentation: [f.create('bpmn:Documentation', { text: documentation.join('\n') })],
    extensionElements: f.create('bpmn:ExtensionElements', { values: [identity(f, draft)] }),
    laneSets: [f.create('bpmn:LaneSet', { id: 'Lajur', lanes })],
    flowElements,
  });
  const participant = f.create('bpmn:Participant', { id: `Peserta_${draft.id}`, name: draft.satker ?? draft.nama, processRef: process });
  const collaboration = f.create('bpmn:Collaboration', { id: `Kolaborasi_${draft.id}`, participants: [participant] });
  return f.create('bpmn:Definitions', {
    id: `Definisi_${draft.id}`, targetNamespace: 'urn:protap:sop', exporter: 'protap import-sop', rootElements: [collaboration, process],
  });
}

/** The draft as a BPMN 2.0 XML document, laid out with lane-aware DI. */
export async function writeSopBpmn(draft: SopTableDocument): Promise<string> {
  const definitions = sopDefinitions(draft);
  layoutDefinitions(definitions);
  return (await sopModdle().toXML(definitions, { format: true })).xml;
}
