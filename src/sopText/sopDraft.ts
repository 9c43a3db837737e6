/**
 * What the importer reads from an SOP book before it becomes BPMN: one draft per SOP that has
 * steps, each step with its kegiatan text, its waktu cell verbatim and the pelaksana guessed.
 */
import type { SopTableDocument, SopTableLane, SopTableStep } from '../bpmn/writeSopBpmn.ts';

/** The catalogue folder of each unit of the book (processes/<folder>/<id>.bpmn). */
export type UnitFolder = 'umum' | 'kepegawaian' | 'keuangan' | 'pidana' | 'perdata' | 'hukum';

/** One kegiatan row of an SOP table (the writer's shape). */
export type SopStep = SopTableStep;

/** A lane of the draft (the writer's shape). */
export type SopLane = SopTableLane;

/** One SOP of the book, ready to be written as a draft BPMN process. */
export interface SopDraft extends SopTableDocument {
  folder: UnitFolder;
}
