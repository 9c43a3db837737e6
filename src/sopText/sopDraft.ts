/**
 * What the importer reads from an SOP book before it becomes BPMN: one draft per SOP that has
 * steps, each step with its kegiatan text, its waktu cell verbatim and the pelaksana guessed.
 */

/** The catalogue folder of each unit of the book (processes/<folder>/<id>.bpmn). */
export type UnitFolder = 'umum' | 'kepegawaian' | 'keuangan' | 'pidana' | 'perdata' | 'hukum';

/** One kegiatan row (or bullet, or numbered sub-step) of an SOP table. */
export interface SopStep {
  /** The printed row number, or the position in the table when the book prints bullets. */
  no: string;
  /** The kegiatan text, whitespace collapsed, without the waktu cell. */
  text: string;
  /** The WAKTU PENYELESAIAN cell verbatim (with the qualifier printed just before it); absent when blank. */
  waktu?: string;
  /** Keterangan/Catatan lines and sub-items printed under the row. */
  notes: string[];
  /** Role id of the lane the step goes to. */
  pelaksana: string;
  /** False when the text names no actor and the step went to the unit's default lane. */
  pelaksanaGuessed: boolean;
}

/** A lane of the draft: one pelaksana role, with its title and escalation. */
export interface SopLane {
  /** Role id, e.g. `panmud-pidana`. */
  pelaksana: string;
  /** Lane title in Bahasa Indonesia. */
  name: string;
  atasan?: string;
  eksternal?: boolean;
}

/** One SOP of the book, ready to be written as a draft BPMN process. */
export interface SopDraft {
  /** Process id: `<folder>-<numbering with dashes>`, e.g. `pidana-C`, `umum-E-2-a`. */
  id: string;
  folder: UnitFolder;
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
  lanes: SopLane[];
  steps: SopStep[];
}
