/**
 * Reads the lines of one SOP section (a `NO | KEGIATAN | WAKTU PENYELESAIAN` table as the PDF
 * extraction left it) into steps. A step starts at a bullet "•" or a row/sub-step number; its
 * text may run on over the next lines and its waktu may sit at the end of any of them or alone
 * on the line below. "Keterangan :"/"Catatan :" notes belong to the step above them; a label
 * ending in ":" with no open step starts a list that is documentation, not steps ("Kenyamanan :").
 */
import { isWaktuCell, splitWaktuCell } from './splitWaktuCell.ts';

/** A step as printed, before its pelaksana is guessed. */
export interface TableStep {
  no: string;
  text: string;
  waktu?: string;
  notes: string[];
}

/** The steps of a section and the text around them that is not a step. */
export interface StepTable {
  steps: TableStep[];
  documentation: string[];
}

interface OpenStep {
  printedNo?: string;
  bullet: boolean;
  text: string;
  cells: string[];
  notes: string[];
  subItems: string[];
}

const TABLE_HEADER = /^(?:NO\s+KEGIATAN\s+WAKTU\s+PENYELESAIAN|1\s+2\s+3)$/i;
// The PDF's Wingdings bullets land in the Unicode private use area.
const SUB_BULLET = /^[\uF000-\uF0FF]\s*/;
const NOTE_LABEL = /^(?:keterangan|catatan)\s*:\s*(.*)$/i;
const NUMBERED = /^(\d+)\.?(?:\s+(.*))?$/;
// "Yang dimaksud X adalah …" defines a term; it is the SOP's documentation, not an activity.
const DEFINITION = /^yang\s+dimaksud(?:kan)?\b/i;

function isOpen(step: OpenStep): boolean {
  return step.text === '' || (step.cells.length === 0 && step.notes.length === 0 && !/[.:;!?)]$/.test(step.text));
}

function append(step: OpenStep, body: string): void {
  const split = splitWaktuCell(body);
  step.text = `${step.text} ${split.text}`.trim();
  if (split.cell) step.cells.push(split.cell);
}

function addNote(step: OpenStep, body: string): void {
  const split = splitWaktuCell(body);
  if (split.text) step.notes.push(split.text);
  if (split.cell) step.cells.push(split.cell);
}

/** One waktu for the step: a cell per condition becomes "7 Hari Kerja (kondisi) / 14 Hari Kerja (kondisi)". */
function waktuOf(step: OpenStep): string | undefined {
  if (step.cells.length <= 1) return step.cells[0];
  if (step.subItems.length === step.cells.length) {
    return step.cells.map((cell, i) => `${cell} (${(step.subItems[i] ?? '').replace(/[()]/g, '')})`).join(' / ');
  }
  return step.cells.join(' / ');
}

/** Reads the steps of one section's lines. */
export function readStepTable(lines: string[]): StepTable {
  const open: OpenStep[] = [];
  const documentation: string[] = [];
  let mode: 'steps' | 'notes' | 'list' = 'steps';
  const current = (): OpenStep | undefined => open[open.length - 1];
  const start = (body: string, bullet: boolean, printedNo?: string): void => {
    const step: OpenStep = { printedNo, bullet, text: '', cells: [], notes: [], subItems: [] };
    append(step, body);
    open.push(step);
    mode = 'steps';
  };

  for (const raw of lines) {
    const line = raw.trim().replace(/\s+/g, ' ');
    if (line === '' || TABLE_HEADER.test(line)) continue;
    const step = current();
    if (isWaktuCell(line)) {
      if (step) step.cells.push(line);
      else documentation.push(line);
      continue;
    }
    if (line.startsWith('•')) {
      const body = line.slice(1).trim();
      // A sentence the PDF broke over two bullets ("… dapat diserahkan" / "Salinannya kepada …").
      if (step?.bullet && mode === 'steps' && isOpen(step) && step.text !== '') append(step, body);
      else start(body, true);
      continue;
    }
    if (SUB_BULLET.test(line)) {
      if (step) step.subItems.push(line.replace(SUB_BULLET, ''));
      else documentation.push(line);
      continue;
    }
    const numbered = NUMBERED.exec(line);
    if (numbered && mode !== 'steps') {
      if (mode === 'notes' && step) addNote(step, line);
      else documentation.push(line);
      continue;
    }
    if (numbered) {
      const body = numbered[2] ?? '';
      if (body.startsWith('•')) start(body.slice(1).trim(), true);
      else start(body, false, numbered[1]);
      continue;
    }
    const note = NOTE_LABEL.exec(line);
    if (note && step) {
      mode = 'notes';
      if (note[1]) addNote(step, note[1]);
      continue;
    }
    if (mode === 'notes' && step) addNote(step, line);
    else if (mode === 'steps' && step && isOpen(step)) append(step, line);
    // "… diperhitungkan :" followed by its cases, when the PDF lost their bullets.
    else if (mode === 'steps' && step?.text.endsWith(':') && step.cells.length === 0) step.subItems.push(line);
    else {
      if (line.endsWith(':')) mode = 'list';
      documentation.push(line);
    }
  }

  const kept = open.filter((s) => {
    if (!DEFINITION.test(s.text)) return true;
    documentation.unshift(s.text);
    return false;
  });
  // Bullets carry no number in the book: number them by position. Printed numbers stay.
  const positional = kept.some((s) => s.printedNo === undefined);
  const steps = kept.map((s, i): TableStep => {
    const notes = [...s.notes, ...s.subItems.map((item) => `– ${item}`)];
    const step: TableStep = { no: positional ? String(i + 1) : (s.printedNo ?? String(i + 1)), text: s.text, notes };
    const waktu = waktuOf(s);
    if (waktu !== undefined) step.waktu = waktu;
    return step;
  });
  return { steps, documentation };
}
